"""/api/v1/review-approvals/: four-eyes review; a verdict reaches partners once a second analyst approves it."""

import pytest
from django.urls import reverse

from catalog import services
from catalog.choices import ClaimStatus, MediaAuthenticity
from catalog.models import Claim, MediaItem, ReviewApproval
from tests.factories import ClaimFactory, IdentityAssertionFactory, MediaItemFactory, PersonFactory

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:review-approvals-list")


def review_claim(client, claim, status, rationale="Checked against the wire reports."):
    response = client.post(reverse("api-v1:claims-review", args=[claim.pk]),
                           {"status": status, "rationale": rationale}, format="json")
    assert response.status_code == 201, response.data
    return response.data["id"]


def awaiting(client):
    response = client.get(URL)
    assert response.status_code == 200, response.data
    return [row["id"] for row in response.data["results"]]


def test_a_verdict_waits_for_approval_and_a_second_analyst_publishes_it(
    analyst_client, second_analyst_client, second_analyst
):
    claim = ClaimFactory()
    event = review_claim(analyst_client, claim, ClaimStatus.FALSE)
    assert awaiting(second_analyst_client) == [event]
    assert Claim.objects.get().published_status == ClaimStatus.UNSTARTED

    response = second_analyst_client.post(URL, {"review_event": event, "note": "Agreed."}, format="json")

    assert response.status_code == 201, response.data
    assert response.data["review_event"] == event
    assert response.data["approver"]["username"] == second_analyst.username
    assert Claim.objects.get().published_status == ClaimStatus.FALSE
    assert awaiting(second_analyst_client) == []


def test_the_list_shows_the_verdict_its_author_and_rationale(analyst_client, second_analyst_client, analyst):
    review_claim(analyst_client, ClaimFactory(), ClaimStatus.MISLEADING, rationale="Old footage, new caption.")

    [row] = second_analyst_client.get(URL).data["results"]

    assert (row["value"], row["new_value"], row["rationale"]) == ("claim_status", "misleading",
                                                                 "Old footage, new caption.")
    assert row["analyst"]["username"] == analyst.username


def test_an_item_authenticity_verdict_is_approved_the_same_way(analyst_client, second_analyst_client):
    item = MediaItemFactory()
    event = analyst_client.post(reverse("api-v1:media-items-review", args=[item.pk]),
                                {"authenticity": MediaAuthenticity.EDITED_OR_CROPPED, "rationale": "Cut at 0:42."},
                                format="json").data["id"]

    response = second_analyst_client.post(URL, {"review_event": event}, format="json")

    assert response.status_code == 201, response.data
    assert MediaItem.objects.get().published_authenticity == MediaAuthenticity.EDITED_OR_CROPPED


def test_an_analyst_cannot_approve_their_own_verdict(analyst_client):
    event = review_claim(analyst_client, ClaimFactory(), ClaimStatus.VERIFIED)

    response = analyst_client.post(URL, {"review_event": event}, format="json")

    assert response.status_code == 400
    assert "second analyst" in response.data["review_event"][0]
    assert not ReviewApproval.objects.exists()
    assert Claim.objects.get().published_status == ClaimStatus.UNSTARTED


def test_a_superseded_verdict_cannot_be_approved(analyst_client, second_analyst_client):
    claim = ClaimFactory()
    first = review_claim(analyst_client, claim, ClaimStatus.IN_PROGRESS)
    review_claim(analyst_client, claim, ClaimStatus.FALSE)

    response = second_analyst_client.post(URL, {"review_event": first}, format="json")

    assert response.status_code == 400
    assert "later verdict supersedes" in response.data["review_event"][0]
    assert Claim.objects.get().published_status == ClaimStatus.UNSTARTED


def test_a_verdict_is_approved_once(analyst_client, second_analyst_client, third_analyst_client):
    event = review_claim(analyst_client, ClaimFactory(), ClaimStatus.VERIFIED)
    second_analyst_client.post(URL, {"review_event": event}, format="json")

    response = third_analyst_client.post(URL, {"review_event": event}, format="json")

    assert response.status_code == 400
    assert "already approved" in response.data["review_event"][0]
    assert ReviewApproval.objects.count() == 1


def test_an_identity_resolution_does_not_go_through_approval(analyst, second_analyst_client):
    event = services.resolve_identity(IdentityAssertionFactory(), PersonFactory(), 0.8, analyst, "Same birth year.")

    response = second_analyst_client.post(URL, {"review_event": event.pk}, format="json")

    assert response.status_code == 400
    assert "Only item authenticity and claim status" in response.data["review_event"][0]


def test_an_unknown_verdict_is_refused_per_field(second_analyst_client):
    response = second_analyst_client.post(URL, {"review_event": 10**9}, format="json")

    assert response.status_code == 400
    assert "review_event" in response.data


def test_without_four_eyes_review_a_verdict_is_published_at_once(analyst_client, settings):
    settings.FOUR_EYES_REVIEW = False
    claim = ClaimFactory()

    review_claim(analyst_client, claim, ClaimStatus.DISPUTED)

    assert Claim.objects.get(pk=claim.pk).published_status == ClaimStatus.DISPUTED
    assert not ReviewApproval.objects.exists()
