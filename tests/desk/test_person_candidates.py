"""GET /api/v1/person-candidates/?identity_assertion=<id>: the people a stated identity may be, with reasons."""

import pytest
from django.urls import reverse

from catalog.models import IdentityAssertion
from tests.factories import IdentityAssertionFactory, PersonFactory, PersonNameVariantFactory, PlaceFactory

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:person-candidates")


def test_the_likely_person_comes_first_with_its_score_and_reasons(analyst_client):
    rassvet = PlaceFactory(name="Rassvet", kind="village", country_code="RU-ROS")
    roman = PersonFactory(canonical_name="Roman Zabolotny", birth_year=1979, birthplace=rassvet)
    PersonNameVariantFactory(person=roman, name="Роман Заболотный")
    PersonFactory(canonical_name="Grigory Tsurkanov", birth_year=1978)
    stated = IdentityAssertionFactory(name_as_stated="Zabolotny Roman", birth_year_as_stated=1979,
                                      birthplace_as_stated="Rassvet")

    response = analyst_client.get(URL, {"identity_assertion": stated.pk})

    assert response.status_code == 200, response.data
    best = response.data[0]
    assert best["person"]["id"] == roman.pk
    assert best["person"]["birthplace"] == {"id": rassvet.pk, "name": "Rassvet"}
    assert 0 < best["score"] <= 1
    assert any("Zabolotny Roman" in reason for reason in best["reasons"])
    assert any("1979" in reason for reason in best["reasons"])
    assert [row["score"] for row in response.data] == sorted((row["score"] for row in response.data), reverse=True)


def test_nothing_is_resolved_by_asking(analyst_client):
    PersonFactory(canonical_name="Roman Zabolotny")
    stated = IdentityAssertionFactory(name_as_stated="Zabolotny Roman")

    analyst_client.get(URL, {"identity_assertion": stated.pk})

    assert IdentityAssertion.objects.get().person is None


def test_limit_caps_the_candidates(analyst_client):
    for _ in range(4):
        PersonFactory(canonical_name="Roman Zabolotny")
    stated = IdentityAssertionFactory(name_as_stated="Zabolotny Roman")

    response = analyst_client.get(URL, {"identity_assertion": stated.pk, "limit": 2})

    assert len(response.data) == 2


@pytest.mark.parametrize("params", [{}, {"identity_assertion": 10**9}, {"identity_assertion": "x"},
                                    {"identity_assertion": 1, "limit": 0}])
def test_a_missing_or_unknown_assertion_or_a_bad_limit_is_refused_per_parameter(analyst_client, params):
    IdentityAssertionFactory()

    response = analyst_client.get(URL, params)

    assert response.status_code == 400
    assert set(response.data) <= {"identity_assertion", "limit"} and response.data
