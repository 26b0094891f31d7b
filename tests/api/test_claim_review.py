import pytest
from django.urls import reverse

from catalog.choices import ClaimStatus, ReviewedValue
from catalog.models import ReviewEvent
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def review_url(claim):
    return reverse("api-v1:claims-review", args=[claim.pk])


def test_a_review_sets_the_claim_status_and_answers_with_the_recorded_event(analyst_client, analyst):
    claim = ClaimFactory()

    response = analyst_client.post(
        review_url(claim), {"status": "disputed", "rationale": "The Russian defence ministry denies it."}
    )

    assert response.status_code == 201, response.data
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DISPUTED
    event = ReviewEvent.objects.get(pk=response.data["id"])
    assert (event.value, event.claim, event.analyst) == (ReviewedValue.CLAIM_STATUS, claim, analyst)
    assert (event.old_value, event.new_value) == ("unstarted", "disputed")
    assert event.rationale == "The Russian defence ministry denies it."


def test_two_reviews_keep_both_steps_in_the_history(analyst_client):
    claim = ClaimFactory()

    analyst_client.post(review_url(claim), {"status": "in_progress", "rationale": "Started."})
    analyst_client.post(review_url(claim), {"status": "false", "rationale": "Geolocated elsewhere."})

    steps = list(ReviewEvent.objects.filter(claim=claim).values_list("old_value", "new_value"))
    assert steps == [("unstarted", "in_progress"), ("in_progress", "false")]


def test_a_review_without_a_rationale_is_refused_and_changes_nothing(analyst_client):
    claim = ClaimFactory()

    response = analyst_client.post(review_url(claim), {"status": "verified", "rationale": ""})

    assert response.status_code == 400
    assert response.data["rationale"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNSTARTED
    assert not ReviewEvent.objects.exists()


def test_a_review_with_an_unknown_status_is_refused(analyst_client):
    claim = ClaimFactory()

    response = analyst_client.post(review_url(claim), {"status": "probably", "rationale": "r"})

    assert response.status_code == 400
    assert "probably" in str(response.data["status"][0])
