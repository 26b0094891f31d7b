"""Four-eyes review, completed: a second analyst rejects a verdict with a reason or sends it back with a comment; its
author withdraws it. Decisions are append-only and the database itself refuses a second closing one."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from catalog import services
from catalog.choices import ClaimStatus, MediaAuthenticity, ReviewOutcome
from catalog.models import ReviewDecision
from tests.factories import AnalystFactory, ClaimFactory, MediaItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def four_eyes(settings):
    settings.FOUR_EYES_REVIEW = True


def test_a_rejected_verdict_leaves_the_queue_and_the_item_goes_back_to_what_partners_see(analyst, second_analyst):
    item = MediaItemFactory()
    event = services.review_item_authenticity(item, MediaAuthenticity.STAGED, analyst, "Shadows disagree.")

    decision = services.reject_review(event, second_analyst, "The shadows match a winter sun; see frame 14.")

    assert (decision.outcome, decision.analyst) == (ReviewOutcome.REJECTED, second_analyst)
    assert list(services.awaiting_approval()) == []
    item.refresh_from_db()
    assert (item.authenticity, item.published_authenticity) == (MediaAuthenticity.NOT_ASSESSED,) * 2
    assert services.verdict_state(event) == "rejected"


def test_a_rejection_without_a_reason_is_refused_and_the_verdict_still_waits(analyst, second_analyst):
    event = services.review_claim_status(ClaimFactory(), ClaimStatus.FALSE, analyst, "The unit was elsewhere.")

    with pytest.raises(ValidationError, match="reason"):
        services.reject_review(event, second_analyst, "  ")

    assert list(services.awaiting_approval()) == [event]


def test_the_author_can_neither_reject_nor_send_back_their_own_verdict(analyst):
    event = services.review_claim_status(ClaimFactory(), ClaimStatus.FALSE, analyst, "The unit was elsewhere.")

    with pytest.raises(ValidationError, match="second analyst"):
        services.reject_review(event, analyst, "Changed my mind.")
    with pytest.raises(ValidationError, match="second analyst"):
        services.send_back_review(event, analyst, "Changed my mind.")
    assert ReviewDecision.objects.count() == 0


def test_a_verdict_sent_back_cannot_be_approved_and_its_author_may_withdraw_it(analyst, second_analyst):
    claim = ClaimFactory()
    event = services.review_claim_status(claim, ClaimStatus.FALSE, analyst, "The unit was elsewhere.")

    services.send_back_review(event, second_analyst, "Cite the satellite image, please.")

    assert list(services.awaiting_approval()) == []
    with pytest.raises(ValidationError, match="sent back"):
        services.approve_review(event, AnalystFactory())
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.FALSE  # the author still works on it

    services.withdraw_review(event, analyst)

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNSTARTED
    assert services.verdict_state(event) == "withdrawn"


def test_only_the_author_may_withdraw_a_verdict(analyst, second_analyst):
    event = services.review_claim_status(ClaimFactory(), ClaimStatus.FALSE, analyst, "The unit was elsewhere.")

    with pytest.raises(ValidationError, match="Only the analyst who recorded"):
        services.withdraw_review(event, second_analyst)

    services.withdraw_review(event, analyst, "Recorded on the wrong claim.")
    assert list(services.awaiting_approval()) == []


def test_an_approved_verdict_can_no_longer_be_rejected_or_withdrawn(analyst, second_analyst):
    event = services.review_claim_status(ClaimFactory(), ClaimStatus.FALSE, analyst, "The unit was elsewhere.")
    services.approve_review(event, second_analyst)

    with pytest.raises(ValidationError, match="already approved"):
        services.reject_review(event, AnalystFactory(), "Too late.")
    with pytest.raises(ValidationError, match="already approved"):
        services.withdraw_review(event, analyst)


def test_a_superseded_verdict_cannot_be_rejected(analyst, second_analyst):
    claim = ClaimFactory()
    first = services.review_claim_status(claim, ClaimStatus.FALSE, analyst, "The unit was elsewhere.")
    services.review_claim_status(claim, ClaimStatus.VERIFIED, analyst, "New footage places the unit there.")

    with pytest.raises(ValidationError, match="supersedes"):
        services.reject_review(first, second_analyst, "Wrong.")


def test_decisions_are_append_only(analyst, second_analyst):
    event = services.review_claim_status(ClaimFactory(), ClaimStatus.FALSE, analyst, "The unit was elsewhere.")
    decision = services.send_back_review(event, second_analyst, "Cite the source.")

    decision.comment = "Something else"
    with pytest.raises(PermissionDenied):
        decision.save()
    with pytest.raises(PermissionDenied):
        ReviewDecision.objects.all().delete()


def test_the_database_refuses_a_second_closing_decision(analyst, second_analyst):
    event = services.review_claim_status(ClaimFactory(), ClaimStatus.FALSE, analyst, "The unit was elsewhere.")
    services.reject_review(event, second_analyst, "Wrong unit.")

    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewDecision.objects.create(review_event=event, outcome=ReviewOutcome.WITHDRAWN, analyst=analyst)
