"""Names that are only punctuation or symbols (which the API accepts as text) never make person candidates fail."""

import pytest
from django.urls import reverse

from tests.factories import IdentityAssertionFactory, PersonFactory

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:person-candidates")


def test_a_person_whose_name_is_only_punctuation_is_no_candidate_and_breaks_nothing(analyst_client):
    PersonFactory(canonical_name="?!")
    roman = PersonFactory(canonical_name="Roman Zabolotny")
    assertion = IdentityAssertionFactory(name_as_stated="Roman Zabolotny")

    response = analyst_client.get(URL, {"identity_assertion": assertion.pk})

    assert response.status_code == 200
    assert [candidate["person"]["id"] for candidate in response.json()] == [roman.pk]


def test_an_asserted_identity_without_a_name_to_compare_is_a_400(analyst_client):
    PersonFactory(canonical_name="Roman Zabolotny")
    assertion = IdentityAssertionFactory(name_as_stated="--")

    response = analyst_client.get(URL, {"identity_assertion": assertion.pk})

    assert response.status_code == 400
    assert "identity_assertion" in response.json()
