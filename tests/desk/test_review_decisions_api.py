"""/api/v1/review-decisions/: the API rejects, sends back and withdraws verdicts through the same service as the desk."""

import pytest
from django.urls import reverse

from catalog.choices import ClaimStatus
from catalog.models import Claim, ReviewDecision
from tests.desk.test_review_approvals import awaiting, review_claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:review-decisions-list")


def test_a_second_analyst_sends_a_verdict_back_and_it_leaves_the_approvals(analyst_client, second_analyst_client):
    event_id = review_claim(analyst_client, ClaimFactory(), ClaimStatus.FALSE)

    response = second_analyst_client.post(
        URL, {"review_event": event_id, "outcome": "sent_back", "comment": "Cite the satellite image."}, format="json")

    assert response.status_code == 201, response.data
    assert response.data["outcome"] == "sent_back"
    assert ReviewDecision.objects.get().comment == "Cite the satellite image."
    assert awaiting(second_analyst_client) == []


def test_the_author_withdraws_and_the_claim_goes_back_to_its_published_status(analyst_client):
    claim = ClaimFactory()
    event_id = review_claim(analyst_client, claim, ClaimStatus.FALSE)

    response = analyst_client.post(URL, {"review_event": event_id, "outcome": "withdrawn"}, format="json")

    assert response.status_code == 201, response.data
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.UNSTARTED


def test_rejecting_ones_own_verdict_is_a_clear_400(analyst_client):
    event_id = review_claim(analyst_client, ClaimFactory(), ClaimStatus.FALSE)

    response = analyst_client.post(URL, {"review_event": event_id, "outcome": "rejected", "comment": "No."},
                                   format="json")

    assert response.status_code == 400
    assert "second analyst" in str(response.data["review_event"])
    assert not ReviewDecision.objects.exists()
