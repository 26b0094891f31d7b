import pytest
from django.urls import reverse

from catalog import services
from catalog.models import IdentityAssertion
from tests.api.helpers import listed_ids
from tests.factories import IdentityAssertionFactory, MediaItemFactory, PersonFactory, PlaceFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:identity-assertions-list")


def detail_url(assertion):
    return reverse("api-v1:identity-assertions-detail", args=[assertion.pk])


def test_an_analyst_records_an_identity_as_stated_and_its_script_is_detected(analyst_client):
    item = MediaItemFactory()

    response = analyst_client.post(
        LIST_URL,
        {"media_item": item.pk, "name_as_stated": "Роман Заболотный", "birth_year_as_stated": 1979,
         "birthplace_as_stated": "Rostov Oblast", "mode": "self_identified", "timecode": "00:01:12"},
    )

    assert response.status_code == 201, response.data
    assert response.data["script"] == "cyrillic"
    assert response.data["media_item"] == {"id": item.pk, "title": item.title}
    assert response.data["person"] is None
    assert IdentityAssertion.objects.get(pk=response.data["id"]).name_as_stated == "Роман Заболотный"


def test_one_captive_named_by_another_points_at_that_persons_assertion(analyst_client):
    speaker = IdentityAssertionFactory()

    response = analyst_client.post(
        LIST_URL,
        {"media_item": speaker.media_item.pk, "name_as_stated": "Grigory", "mode": "named_by_other",
         "named_by": speaker.pk},
    )

    assert response.status_code == 201, response.data
    assert response.data["named_by"] == {"id": speaker.pk, "name_as_stated": speaker.name_as_stated}


def test_a_self_identified_person_cannot_be_named_by_another(analyst_client):
    speaker = IdentityAssertionFactory()

    response = analyst_client.post(
        LIST_URL,
        {"media_item": speaker.media_item.pk, "name_as_stated": "Grigory", "mode": "self_identified",
         "named_by": speaker.pk},
    )

    assert response.status_code == 400
    assert response.data["named_by"]


@pytest.mark.parametrize(
    "change", [{"name_as_stated": "Someone Else"}, {"birth_year_as_stated": 1980}, {"mode": "named_by_other"}]
)
def test_changing_what_was_stated_is_refused_with_a_message_for_that_field(analyst_client, change):
    assertion = IdentityAssertionFactory(name_as_stated="Роман Заболотный")
    stated_before = assertion._stated_values()

    response = analyst_client.patch(detail_url(assertion), change)

    assert response.status_code == 400
    [field] = change
    assert "kept as recorded" in str(response.data[field][0])
    assertion.refresh_from_db()
    assert assertion._stated_values() == stated_before


def test_the_interpreted_birthplace_can_be_set_and_what_was_stated_stays(analyst_client):
    assertion = IdentityAssertionFactory(birthplace_as_stated="Rustav Oblast")
    rostov = PlaceFactory(name="Rostov Oblast", kind="region")

    response = analyst_client.patch(
        detail_url(assertion), {"birthplace": rostov.pk, "birthplace_as_stated": "Rustav Oblast"}
    )

    assert response.status_code == 200, response.data
    assertion.refresh_from_db()
    assert (assertion.birthplace, assertion.birthplace_as_stated) == (rostov, "Rustav Oblast")


def test_the_resolution_cannot_be_written_by_create_or_update(analyst_client, analyst):
    person = PersonFactory()
    assertion = IdentityAssertionFactory()

    response = analyst_client.patch(
        detail_url(assertion), {"person": person.pk, "resolution_confidence": 1.0, "resolved_by": analyst.pk}
    )

    assert response.status_code == 200
    assertion.refresh_from_db()
    assert (assertion.person, assertion.resolution_confidence, assertion.resolved_by) == (None, None, None)


def test_it_filters_by_item_and_resolution(analyst_client, analyst):
    resolved = IdentityAssertionFactory()
    services.resolve_identity(resolved, PersonFactory(), 0.7, analyst, "Matches.")
    unresolved = IdentityAssertionFactory()

    assert listed_ids(analyst_client.get(LIST_URL, {"resolved": "true"})) == {resolved.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"resolved": "false"})) == {unresolved.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"media_item": unresolved.media_item.pk})) == {unresolved.pk}


def test_it_finds_identities_by_the_name_or_birthplace_as_stated(analyst_client):
    roman = IdentityAssertionFactory(name_as_stated="Роман Заболотный", birthplace_as_stated="Ростов")
    IdentityAssertionFactory(name_as_stated="Grigory", birthplace_as_stated="Kishinev")

    assert listed_ids(analyst_client.get(LIST_URL, {"q": "Заболот"})) == {roman.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"q": "Ростов"})) == {roman.pk}


def test_an_analyst_deletes_an_unreviewed_assertion(analyst_client):
    assertion = IdentityAssertionFactory()

    assert analyst_client.delete(detail_url(assertion)).status_code == 204
    assert not IdentityAssertion.objects.filter(pk=assertion.pk).exists()


def test_its_list_query_count_does_not_grow_with_page_size(assert_list_queries_constant, analyst):
    for _ in range(6):
        speaker = IdentityAssertionFactory(birthplace=PlaceFactory())
        named = IdentityAssertionFactory(media_item=speaker.media_item, mode="named_by_other", named_by=speaker)
        services.resolve_identity(named, PersonFactory(), 0.5, analyst, "Matches.")

    assert_list_queries_constant(LIST_URL)
