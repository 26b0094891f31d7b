import pytest
from django.urls import reverse

from catalog.models import Person
from tests.api.helpers import listed_ids
from tests.factories import (
    IdentityAssertionFactory,
    PersonFactory,
    PersonNameVariantFactory,
    PlaceFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:people-list")


def detail_url(person):
    return reverse("api-v1:people-detail", args=[person.pk])


def test_name_variants_are_written_as_names_and_read_with_their_script(analyst_client):
    birthplace = PlaceFactory(name="Rostov-on-Don", country_code="RU-ROS")

    response = analyst_client.post(
        LIST_URL,
        {"canonical_name": "Roman Zabolotny", "birth_year": 1979, "birthplace": birthplace.pk,
         "name_variants": ["Роман Заболотный", "Roman Zabolotnyi"]},
    )

    assert response.status_code == 201, response.data
    assert sorted((name["name"], name["script"]) for name in response.data["name_variants"]) == [
        ("Roman Zabolotnyi", "latin"), ("Роман Заболотный", "cyrillic"),
    ]
    assert response.data["birthplace"] == {"id": birthplace.pk, "name": "Rostov-on-Don"}
    person = Person.objects.get(pk=response.data["id"])
    assert person.name_variants.count() == 2


def test_updating_name_variants_replaces_the_list(analyst_client):
    person = PersonFactory()
    PersonNameVariantFactory(person=person, name="Dropped")

    response = analyst_client.patch(detail_url(person), {"name_variants": ["Григорий Цуркану"]})

    assert response.status_code == 200, response.data
    assert list(person.name_variants.values_list("name", flat=True)) == ["Григорий Цуркану"]


def test_it_refuses_a_birth_year_outside_the_plausible_range(analyst_client):
    response = analyst_client.post(LIST_URL, {"canonical_name": "Someone", "birth_year": 1850})

    assert response.status_code == 400
    assert response.data["birth_year"]


def test_it_finds_people_by_canonical_name_or_name_variant(analyst_client):
    roman = PersonFactory(canonical_name="Roman Zabolotny")
    PersonNameVariantFactory(person=roman, name="Роман Заболотный")
    grigory = PersonFactory(canonical_name="Grigory Tsurkanu")

    assert listed_ids(analyst_client.get(LIST_URL, {"q": "Заболот"})) == {roman.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"q": "Tsurkanu"})) == {grigory.pk}


def test_it_filters_by_birthplace(analyst_client):
    place = PlaceFactory()
    born_there = PersonFactory(birthplace=place)
    PersonFactory()

    assert listed_ids(analyst_client.get(LIST_URL, {"birthplace": place.pk})) == {born_there.pk}


def test_deleting_a_person_an_identity_was_resolved_to_is_refused(analyst_client):
    person = PersonFactory()
    IdentityAssertionFactory(person=person)

    response = analyst_client.delete(detail_url(person))

    assert response.status_code == 409
    assert Person.objects.filter(pk=person.pk).exists()


def test_its_list_query_count_does_not_grow_with_page_size(assert_list_queries_constant):
    for _ in range(12):
        person = PersonFactory(birthplace=PlaceFactory())
        PersonNameVariantFactory.create_batch(2, person=person)

    assert_list_queries_constant(LIST_URL)
