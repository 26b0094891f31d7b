import pytest
from django.urls import reverse

from catalog.models import Place
from tests.api.helpers import listed_ids
from tests.factories import PlaceAliasFactory, PlaceFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:places-list")


def detail_url(place):
    return reverse("api-v1:places-detail", args=[place.pk])


def test_an_analyst_creates_a_place_inside_another_with_aliases(analyst_client):
    syria = PlaceFactory(name="Syria", kind="country")

    response = analyst_client.post(
        LIST_URL,
        {"name": "Deir ez-Zor", "kind": "city", "parent": syria.pk, "country_code": "SY",
         "latitude": "35.336", "longitude": "40.141", "aliases": ["دير الزور", "Дейр-эз-Зор"]},
    )

    assert response.status_code == 201, response.data
    assert response.data["parent"] == {"id": syria.pk, "name": "Syria"}
    assert sorted(alias["script"] for alias in response.data["aliases"]) == ["arabic", "cyrillic"]
    assert Place.objects.get(pk=response.data["id"]).aliases.count() == 2


def test_it_refuses_a_latitude_beyond_the_pole(analyst_client):
    response = analyst_client.post(LIST_URL, {"name": "Nowhere", "kind": "city", "latitude": "91"})

    assert response.status_code == 400
    assert response.data["latitude"]


def test_it_finds_places_by_name_or_alias(analyst_client):
    deir = PlaceFactory(name="Deir ez-Zor")
    PlaceAliasFactory(place=deir, name="دير الزور")
    PlaceFactory(name="Raqqa")

    assert listed_ids(analyst_client.get(LIST_URL, {"q": "الزور"})) == {deir.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"q": "Deir"})) == {deir.pk}


def test_it_filters_by_kind_parent_and_country(analyst_client):
    syria = PlaceFactory(name="Syria", kind="country", country_code="SY")
    raqqa = PlaceFactory(parent=syria, kind="city", country_code="SY")
    rostov = PlaceFactory(kind="region", country_code="RU-ROS")

    assert listed_ids(analyst_client.get(LIST_URL, {"parent": syria.pk})) == {raqqa.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"kind": "region"})) == {rostov.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"country_code": "SY"})) == {syria.pk, raqqa.pk}


def test_deleting_a_place_that_contains_others_is_refused(analyst_client):
    syria = PlaceFactory(kind="country")
    PlaceFactory(parent=syria)

    response = analyst_client.delete(detail_url(syria))

    assert response.status_code == 409
    assert Place.objects.filter(pk=syria.pk).exists()


def test_its_list_query_count_does_not_grow_with_page_size(assert_list_queries_constant):
    country = PlaceFactory(kind="country")
    for _ in range(12):
        place = PlaceFactory(parent=country)
        PlaceAliasFactory.create_batch(2, place=place)

    assert_list_queries_constant(LIST_URL)
