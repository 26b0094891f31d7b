import pytest
from django.urls import reverse

from catalog.choices import ReviewedValue
from catalog.models import ReviewEvent
from tests.factories import IdentityAssertionFactory, PersonFactory

pytestmark = pytest.mark.django_db


def resolve_url(assertion):
    return reverse("api-v1:identity-assertions-resolve", args=[assertion.pk])


def test_resolving_links_the_person_and_answers_with_the_recorded_event(analyst_client, analyst):
    assertion = IdentityAssertionFactory()
    person = PersonFactory(canonical_name="Roman Zabolotny")

    response = analyst_client.post(
        resolve_url(assertion), {"person": person.pk, "confidence": 0.8, "rationale": "Matches his VK profile."}
    )

    assert response.status_code == 201, response.data
    assertion.refresh_from_db()
    assert (assertion.person, assertion.resolution_confidence, assertion.resolved_by) == (person, 0.8, analyst)
    assert assertion.resolved_at is not None
    event = ReviewEvent.objects.get(pk=response.data["id"])
    assert (event.value, event.identity_assertion) == (ReviewedValue.IDENTITY_RESOLUTION, assertion)
    assert response.data["old_value"] == "unresolved"
    assert "Roman Zabolotny" in response.data["new_value"]


def test_resolving_leaves_what_was_stated_unchanged(analyst_client):
    assertion = IdentityAssertionFactory(
        name_as_stated="Григорий Цуркану", birth_year_as_stated=1979, birthplace_as_stated="Rustav Oblast"
    )
    stated_before = assertion._stated_values()

    analyst_client.post(
        resolve_url(assertion), {"person": PersonFactory().pk, "confidence": 0.6, "rationale": "Same face."}
    )

    assertion.refresh_from_db()
    assert assertion._stated_values() == stated_before
    assert assertion.name_as_stated == "Григорий Цуркану"


def test_clearing_a_resolution_with_null_is_recorded(analyst_client, analyst):
    person = PersonFactory()
    assertion = IdentityAssertionFactory(person=person, resolution_confidence=0.9)

    response = analyst_client.post(resolve_url(assertion), {"person": None, "rationale": "Wrong match."})

    assert response.status_code == 201, response.data
    assertion.refresh_from_db()
    assert (assertion.person, assertion.resolution_confidence) == (None, None)
    assert response.data["new_value"] == "unresolved"


def test_a_person_without_a_confidence_is_refused_with_a_message_for_confidence(analyst_client):
    assertion = IdentityAssertionFactory()

    response = analyst_client.post(resolve_url(assertion), {"person": PersonFactory().pk, "rationale": "r"})

    assert response.status_code == 400
    assert response.data["confidence"]
    assertion.refresh_from_db()
    assert assertion.person is None
    assert not ReviewEvent.objects.exists()


@pytest.mark.parametrize("confidence", [1.5, -0.1, "high"])
def test_a_confidence_outside_zero_to_one_is_refused(analyst_client, confidence):
    assertion = IdentityAssertionFactory()

    response = analyst_client.post(
        resolve_url(assertion), {"person": PersonFactory().pk, "confidence": confidence, "rationale": "r"}
    )

    assert response.status_code == 400
    assert response.data["confidence"]


def test_an_unknown_person_is_refused(analyst_client):
    assertion = IdentityAssertionFactory()

    response = analyst_client.post(resolve_url(assertion), {"person": 999999, "confidence": 0.5, "rationale": "r"})

    assert response.status_code == 400
    assert response.data["person"]


def test_a_resolution_without_a_rationale_is_refused(analyst_client):
    assertion = IdentityAssertionFactory()

    response = analyst_client.post(resolve_url(assertion), {"person": PersonFactory().pk, "confidence": 0.5})

    assert response.status_code == 400
    assert response.data["rationale"]
    assertion.refresh_from_db()
    assert assertion.person is None
