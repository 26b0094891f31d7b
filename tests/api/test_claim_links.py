import pytest
from django.urls import reverse

from catalog.models import ClaimLink
from tests.api.helpers import listed_ids
from tests.factories import ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:claim-links-list")


def test_an_analyst_records_that_a_ministry_statement_denies_a_capture_claim(analyst_client):
    capture = ClaimFactory(text="Two Russian soldiers were captured.")
    denial = ClaimFactory(text="No Russian servicemen are missing.")

    response = analyst_client.post(
        LIST_URL, {"source": denial.pk, "target": capture.pk, "relation": "denies", "note": "Defence ministry."}
    )

    assert response.status_code == 201, response.data
    link = ClaimLink.objects.get(pk=response.data["id"])
    assert (link.source, link.target, link.relation) == (denial, capture, "denies")
    assert response.data["source"] == {"id": denial.pk, "text": denial.text}
    assert response.data["target"] == {"id": capture.pk, "text": capture.text}


def test_a_claim_cannot_be_linked_to_itself(analyst_client):
    claim = ClaimFactory()

    response = analyst_client.post(LIST_URL, {"source": claim.pk, "target": claim.pk, "relation": "supports"})

    assert response.status_code == 400
    assert "itself" in str(response.data["non_field_errors"][0])
    assert not ClaimLink.objects.exists()


def test_the_same_link_cannot_be_recorded_twice(analyst_client):
    link = ClaimLinkFactory()

    response = analyst_client.post(
        LIST_URL, {"source": link.source.pk, "target": link.target.pk, "relation": link.relation}
    )

    assert response.status_code == 400
    assert response.data["non_field_errors"]
    assert ClaimLink.objects.count() == 1


def test_it_rejects_an_unknown_relation(analyst_client):
    response = analyst_client.post(
        LIST_URL, {"source": ClaimFactory().pk, "target": ClaimFactory().pk, "relation": "mocks"}
    )

    assert response.status_code == 400
    assert "mocks" in str(response.data["relation"][0])


def test_it_filters_by_relation_and_either_end(analyst_client):
    denial = ClaimLinkFactory(relation="denies")
    support = ClaimLinkFactory(relation="supports")

    assert listed_ids(analyst_client.get(LIST_URL, {"relation": "denies"})) == {denial.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"target": support.target.pk})) == {support.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"source": denial.source.pk})) == {denial.pk}


def test_an_analyst_removes_a_link_and_both_claims_stay(analyst_client):
    link = ClaimLinkFactory()

    response = analyst_client.delete(reverse("api-v1:claim-links-detail", args=[link.pk]))

    assert response.status_code == 204
    assert not ClaimLink.objects.exists()
    assert type(link.source).objects.filter(pk__in=[link.source.pk, link.target.pk]).count() == 2


def test_its_list_query_count_does_not_grow_with_page_size(assert_list_queries_constant):
    ClaimLinkFactory.create_batch(12)

    assert_list_queries_constant(LIST_URL)
