"""Every list's `q` finds text as the search page does (catalog.search_keys.matches): each word begins a word of the
record's text in one of its spellings, whatever the script."""

import pytest

from catalog.choices import TLP
from catalog.models import MediaItem
from tests.api.helpers import listed_ids
from tests.factories import (
    IdentityAssertionFactory,
    MediaItemFactory,
    PersonFactory,
    PlaceAliasFactory,
    PlaceFactory,
    SightingFactory,
)

pytestmark = pytest.mark.django_db


def test_a_cyrillic_name_finds_the_latin_spelling_in_the_items_and_people_lists(analyst_client):
    item = MediaItemFactory(title="Zabolotnyy captured near Deir ez-Zor")
    person = PersonFactory(canonical_name="Roman Zabolotnyy")
    MediaItemFactory(title="Another capture")

    assert listed_ids(analyst_client.get("/api/v1/media-items/", {"q": "Заболотный"})) == {item.pk}
    assert listed_ids(analyst_client.get("/api/v1/people/", {"q": "Заболотный"})) == {person.pk}


def test_a_word_is_found_by_its_start_not_by_its_middle(analyst_client):
    item = MediaItemFactory(title="Zabolotnyy interview")

    assert listed_ids(analyst_client.get("/api/v1/media-items/", {"q": "Zabol inter"})) == {item.pk}
    assert listed_ids(analyst_client.get("/api/v1/media-items/", {"q": "bolotnyy"})) == set()


def test_a_query_of_marks_only_finds_nothing(analyst_client):
    MediaItemFactory(title="Zabolotnyy interview")

    assert listed_ids(analyst_client.get("/api/v1/media-items/", {"q": "!!! ..."})) == set()


def test_sightings_identity_assertions_and_places_are_found_by_their_keys(analyst_client):
    sighting = SightingFactory(url="https://t.me/amaqagency/4411", notes="Reposted with a new logo")
    assertion = IdentityAssertionFactory(name_as_stated="Роман Заболотный")
    deir = PlaceFactory(name="Deir ez-Zor")

    assert listed_ids(analyst_client.get("/api/v1/sightings/", {"q": "amaqagency"})) == {sighting.pk}
    assert listed_ids(analyst_client.get("/api/v1/sightings/", {"q": "new logo"})) == {sighting.pk}
    assert listed_ids(analyst_client.get("/api/v1/identity-assertions/", {"q": "Zabolotny"})) == {assertion.pk}
    assert listed_ids(analyst_client.get("/api/v1/places/", {"q": "دير"})) == set()
    PlaceAliasFactory(place=deir, name="دير الزور")
    assert listed_ids(analyst_client.get("/api/v1/places/", {"q": "دير"})) == {deir.pk}


def test_a_word_thousands_of_items_hold_lists_them_all_in_order(analyst_client):
    many = 2005
    MediaItem.objects.bulk_create(MediaItem(kind="video", title=f"Filler video {n}", tlp=TLP.GREEN) for n in range(many))
    MediaItemFactory(title="Something else")

    response = analyst_client.get("/api/v1/media-items/", {"q": "filler", "limit": 3})

    assert response.data["count"] == many
    assert [row["title"] for row in response.data["results"]] == [
        f"Filler video {n}" for n in (many - 1, many - 2, many - 3)
    ]
