import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from catalog import services
from catalog.choices import ClaimRelation, ClaimStatus, MediaAuthenticity
from catalog.models import Claim, ReviewEvent
from tests.factories import (
    ClaimFactory,
    ClaimLinkFactory,
    IdentityAssertionFactory,
    MediaItemFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def test_a_verdict_without_a_rationale_is_refused_and_changes_nothing(analyst):
    item = MediaItemFactory()

    with pytest.raises(ValidationError, match="rationale"):
        services.review_item_authenticity(item, MediaAuthenticity.STAGED, analyst, "   ")

    item.refresh_from_db()
    assert item.authenticity == MediaAuthenticity.NOT_ASSESSED
    assert ReviewEvent.objects.count() == 0


def test_a_verdict_is_recorded_with_its_analyst_old_and_new_value(analyst):
    item = MediaItemFactory()

    event = services.review_item_authenticity(item, MediaAuthenticity.STAGED, analyst, "Shadows disagree with the sun.")

    assert (event.analyst, event.old_value, event.new_value) == (analyst, "NotAssessed", "StagedContent")
    item.refresh_from_db()
    assert item.authenticity == MediaAuthenticity.STAGED


def test_an_unknown_authenticity_value_is_refused(analyst):
    with pytest.raises(ValidationError):
        services.review_item_authenticity(MediaItemFactory(), "Genuine", analyst, "Because.")


def test_with_four_eyes_review_a_verdict_waits_for_a_second_analyst(analyst, second_analyst, settings):
    settings.FOUR_EYES_REVIEW = True
    claim = ClaimFactory()
    event = services.review_claim_status(claim, ClaimStatus.FALSE, analyst, "The unit was elsewhere.")
    claim.refresh_from_db()
    assert claim.published_status == ClaimStatus.UNSTARTED
    assert list(services.awaiting_approval()) == [event]

    services.approve_review(event, second_analyst)

    claim.refresh_from_db()
    assert claim.published_status == ClaimStatus.FALSE
    assert list(services.awaiting_approval()) == []


def test_an_analyst_cannot_approve_their_own_verdict(analyst, settings):
    settings.FOUR_EYES_REVIEW = True
    item = MediaItemFactory()
    event = services.review_item_authenticity(item, MediaAuthenticity.ORIGINAL, analyst, "Matches the source.")

    with pytest.raises(ValidationError, match="second analyst"):
        services.approve_review(event, analyst)

    item.refresh_from_db()
    assert item.published_authenticity == MediaAuthenticity.NOT_ASSESSED


def test_a_superseded_verdict_cannot_be_approved(analyst, second_analyst, settings):
    settings.FOUR_EYES_REVIEW = True
    item = MediaItemFactory()
    first = services.review_item_authenticity(item, MediaAuthenticity.ORIGINAL, analyst, "First look.")
    services.review_item_authenticity(item, MediaAuthenticity.EDITED_OR_CROPPED, analyst, "Second look: cropped.")

    with pytest.raises(ValidationError, match="supersedes"):
        services.approve_review(first, second_analyst)


def test_a_small_desk_without_four_eyes_publishes_at_once(analyst, settings):
    settings.FOUR_EYES_REVIEW = False
    item = MediaItemFactory()

    services.review_item_authenticity(item, MediaAuthenticity.ORIGINAL, analyst, "Matches the source.")

    item.refresh_from_db()
    assert item.published_authenticity == MediaAuthenticity.ORIGINAL


def test_review_history_cannot_be_changed_or_deleted(analyst):
    event = services.review_item_authenticity(MediaItemFactory(), MediaAuthenticity.STAGED, analyst, "Staged.")

    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        ReviewEvent.objects.update(rationale="rewritten")


def test_a_denied_claim_stands_disputed_until_an_analyst_records_a_verdict(analyst):
    capture_claim = ClaimFactory()
    denial = ClaimFactory()
    ClaimLinkFactory(source=denial, target=capture_claim, relation=ClaimRelation.DENIES)

    assert Claim.objects.with_standing().get(pk=capture_claim.pk).standing == ClaimStatus.DISPUTED
    assert Claim.objects.with_standing().get(pk=denial.pk).standing == ClaimStatus.UNSTARTED

    services.review_claim_status(capture_claim, ClaimStatus.VERIFIED, analyst, "Both men later confirmed alive.")

    assert Claim.objects.with_standing().get(pk=capture_claim.pk).standing == ClaimStatus.VERIFIED


def test_a_supporting_link_does_not_dispute_a_claim():
    claim = ClaimFactory()
    ClaimLinkFactory(source=ClaimFactory(), target=claim, relation=ClaimRelation.SUPPORTS)

    assert Claim.objects.with_standing().get(pk=claim.pk).standing == ClaimStatus.UNSTARTED


def test_identity_resolution_keeps_what_was_stated(analyst):
    assertion = IdentityAssertionFactory(name_as_stated="Zabolotny Roman", birth_year_as_stated=1979)
    person = PersonFactory(canonical_name="Roman Zabolotny")

    event = services.resolve_identity(assertion, person, 0.9, analyst, "Same name, birth year and birthplace.")

    assertion.refresh_from_db()
    assert (assertion.name_as_stated, assertion.person, assertion.resolution_confidence) == (
        "Zabolotny Roman", person, 0.9,
    )
    assert event.old_value == "unresolved"


def test_only_the_latest_verdict_on_a_subject_awaits_approval(analyst, settings):
    settings.FOUR_EYES_REVIEW = True
    item = MediaItemFactory()
    services.review_item_authenticity(item, MediaAuthenticity.ORIGINAL, analyst, "First look.")
    latest = services.review_item_authenticity(item, MediaAuthenticity.STAGED, analyst, "Second look.")

    assert list(services.awaiting_approval()) == [latest]


def test_nothing_awaits_approval_on_a_desk_without_four_eyes(analyst, settings):
    settings.FOUR_EYES_REVIEW = False
    services.review_item_authenticity(MediaItemFactory(), MediaAuthenticity.ORIGINAL, analyst, "Matches.")

    assert list(services.awaiting_approval()) == []
