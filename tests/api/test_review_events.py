import pytest
from django.urls import reverse

from catalog import services
from catalog.choices import ClaimStatus, MediaAuthenticity
from catalog.models import ReviewEvent
from tests.api.helpers import listed_ids
from tests.factories import ClaimFactory, IdentityAssertionFactory, MediaItemFactory, PersonFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:review-events-list")


@pytest.fixture
def history(analyst):
    """One review of each kind."""
    return {
        "item": services.review_item_authenticity(MediaItemFactory(), MediaAuthenticity.ORIGINAL, analyst, "r1"),
        "claim": services.review_claim_status(ClaimFactory(), ClaimStatus.DISPUTED, analyst, "r2"),
        "identity": services.resolve_identity(IdentityAssertionFactory(), PersonFactory(), 0.9, analyst, "r3"),
    }


def test_it_lists_the_history_with_who_changed_what_and_why(analyst_client, history, analyst):
    row = analyst_client.get(reverse("api-v1:review-events-detail", args=[history["claim"].pk])).data

    assert row["value"] == "claim_status"
    assert row["claim"] == {"id": history["claim"].claim.pk, "text": history["claim"].claim.text}
    assert (row["old_value"], row["new_value"], row["rationale"]) == ("unstarted", "disputed", "r2")
    assert row["analyst"] == {"id": analyst.pk, "username": analyst.username}


def test_it_filters_by_value_and_subject(analyst_client, history):
    item_event, claim_event, identity_event = history["item"], history["claim"], history["identity"]

    assert listed_ids(analyst_client.get(LIST_URL, {"value": "identity_resolution"})) == {identity_event.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"media_item": item_event.media_item.pk})) == {item_event.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"claim": claim_event.claim.pk})) == {claim_event.pk}
    assert listed_ids(
        analyst_client.get(LIST_URL, {"identity_assertion": identity_event.identity_assertion.pk})
    ) == {identity_event.pk}


def test_it_rejects_an_unknown_value_filter(analyst_client):
    response = analyst_client.get(LIST_URL, {"value": "mood"})

    assert response.status_code == 400
    assert "mood" in str(response.data["value"][0])


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_the_history_cannot_be_changed_or_removed_through_the_api(analyst_client, history, method):
    event = history["item"]

    response = getattr(analyst_client, method)(
        reverse("api-v1:review-events-detail", args=[event.pk]), {"rationale": "rewritten"}
    )

    assert response.status_code == 405
    event.refresh_from_db()
    assert event.rationale == "r1"


def test_events_cannot_be_created_directly(analyst_client, history):
    response = analyst_client.post(LIST_URL, {"value": "claim_status", "rationale": "r"})

    assert response.status_code == 405
    assert ReviewEvent.objects.count() == 3


def test_its_list_query_count_does_not_grow_with_page_size(assert_list_queries_constant, analyst):
    for _ in range(4):
        services.review_item_authenticity(MediaItemFactory(), MediaAuthenticity.STAGED, analyst, "r")
        services.review_claim_status(ClaimFactory(), ClaimStatus.FALSE, analyst, "r")
        services.resolve_identity(IdentityAssertionFactory(), PersonFactory(), 0.5, analyst, "r")

    assert_list_queries_constant(LIST_URL)
