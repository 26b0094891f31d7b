"""Lists page by key: following `next` reads every row once in the list's order, at any depth; counts are capped."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from catalog.choices import TLP
from catalog.models import MediaItem
from provenance.api import pagination
from tests.factories import ClaimFactory, MediaItemFactory, SightingFactory

pytestmark = pytest.mark.django_db

ITEMS = reverse("api-v1:media-items-list")


def read_all(client, url, params):
    """Every row, following `next` from a cursor start (or from `url` as it is, without params); the pages' sizes."""
    rows, sizes = [], []
    response = client.get(url, {"cursor": "", **params}) if params is not None else client.get(url)
    while True:
        assert response.status_code == 200, response.data
        rows += response.data["results"]
        sizes.append(len(response.data["results"]))
        if not response.data["next"]:
            return rows, sizes
        assert response.data["previous"] is None and response.data["count"] is None
        response = client.get(response.data["next"])


def items_with_first_seen(count):
    """Items seen at repeating times (ties) and items never seen (nulls): the hard cases of paging by key."""
    items = MediaItemFactory.create_batch(count)
    for number, item in enumerate(items):
        if number % 3:
            SightingFactory(media_item=item, posted_at=timezone.make_aware(dt.datetime(2020, 1, 1 + number % 4)))
    return items


@pytest.mark.parametrize("ordering", ["-first_seen_at", "first_seen_at", "title", "-created_at", "claimed_release_at"])
def test_following_next_reads_every_item_once_in_the_order_asked(analyst_client, ordering):
    items_with_first_seen(11)

    rows, sizes = read_all(analyst_client, ITEMS, {"ordering": ordering, "limit": 3})

    name = ordering.lstrip("-")
    # Lists keep PostgreSQL's null order on every database: nulls last going up, first going down.
    column = F(name).desc(nulls_first=True) if ordering.startswith("-") else F(name).asc(nulls_last=True)
    expected = MediaItem.objects.order_by(column, f"{ordering[:-len(name)]}pk")
    assert [row["id"] for row in rows] == list(expected.values_list("pk", flat=True))
    assert sizes == [3, 3, 3, 2]


def test_a_cursor_page_deep_in_the_list_starts_right_after_the_row_it_names(analyst_client):
    items = MediaItemFactory.create_batch(6)
    first = analyst_client.get(ITEMS, {"cursor": "", "limit": 4})

    second = analyst_client.get(first.data["next"])

    newest_first = [item.pk for item in reversed(items)]
    assert [row["id"] for row in first.data["results"]] == newest_first[:4]
    assert [row["id"] for row in second.data["results"]] == newest_first[4:]
    assert second.data["next"] is None


def test_a_partner_pages_through_only_the_items_it_is_cleared_for(partner_client_for):
    shared = MediaItemFactory.create_batch(5, tlp=TLP.GREEN)
    MediaItemFactory.create_batch(5, tlp=TLP.RED)

    rows, _ = read_all(partner_client_for(max_tlp=TLP.GREEN), ITEMS, {"limit": 2})

    assert sorted(row["id"] for row in rows) == sorted(item.pk for item in shared)


def test_claims_and_sightings_page_by_key_too(analyst_client):
    claims = ClaimFactory.create_batch(5)
    sightings = SightingFactory.create_batch(5, posted_at=None)

    claim_rows, _ = read_all(analyst_client, reverse("api-v1:claims-list"), {"limit": 2, "ordering": "-stated_on"})
    sighting_rows, _ = read_all(analyst_client, reverse("api-v1:sightings-list"), {"limit": 2})

    assert sorted(row["id"] for row in claim_rows) == sorted(claim.pk for claim in claims)
    assert [row["id"] for row in sighting_rows] == [sighting.pk for sighting in sightings]


@pytest.mark.parametrize("cursor", ["not-base64!", "eyJvIjoidGl0bGUiLCJ2IjoiYSIsImsiOjF9", "e30", "9" * 40])
def test_a_cursor_not_given_for_this_list_and_ordering_is_refused_with_a_400(analyst_client, cursor):
    MediaItemFactory()

    response = analyst_client.get(ITEMS, {"cursor": cursor})

    assert response.status_code == 400
    assert "cursor" in response.data


def test_an_offset_page_says_its_count_is_exact_and_offers_the_next_offset(analyst_client):
    MediaItemFactory.create_batch(3)

    response = analyst_client.get(ITEMS, {"limit": 2})

    assert (response.data["count"], response.data["count_is_exact"]) == (3, True)
    assert parse_qs(urlsplit(response.data["next"]).query)["offset"] == ["2"]


def bulk_items(count):
    MediaItem.objects.bulk_create(MediaItem(kind="video", title=f"Item {n}", tlp=TLP.AMBER) for n in range(count))


def test_a_list_longer_than_the_cap_gives_the_capped_count_and_says_it_is_not_exact(analyst_client):
    bulk_items(pagination.COUNT_CAP + 5)

    response = analyst_client.get(ITEMS, {"limit": 1})

    assert (response.data["count"], response.data["count_is_exact"]) == (pagination.COUNT_CAP, False)


def test_an_offset_past_the_cap_of_a_long_list_is_refused_and_names_the_cursor(analyst_client):
    bulk_items(pagination.COUNT_CAP + 5)

    refused = analyst_client.get(ITEMS, {"offset": pagination.MAX_OFFSET + 1})
    deepest = analyst_client.get(ITEMS, {"offset": pagination.MAX_OFFSET, "limit": 2})

    assert refused.status_code == 400 and "cursor" in str(refused.data["offset"])
    assert len(deepest.data["results"]) == 2
    assert "cursor=" in deepest.data["next"] and "offset=" not in deepest.data["next"]
    rest, _ = read_all(analyst_client, deepest.data["next"], None)
    assert len(rest) == 3  # the rows after the deepest offset page, none twice, none skipped


def test_the_schema_documents_the_cursor_and_the_capped_count(analyst_client):
    schema = analyst_client.get(reverse("api-v1:schema"), {"format": "json"}).json()

    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/media-items/"]["get"]["parameters"]}
    page = schema["components"]["schemas"]["PaginatedMediaItemList"]["properties"]
    assert "page deeper" in parameters["offset"]["description"] or "cursor" in parameters["offset"]["description"]
    assert "depth" in parameters["cursor"]["description"]
    assert page["count_is_exact"]["type"] == "boolean"
