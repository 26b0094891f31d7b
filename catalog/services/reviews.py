"""Verdicts: every change of a verification value is a review with a rationale; a second analyst may approve it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from catalog.choices import ReviewedValue, ReviewOutcome
from catalog.models import ReviewApproval, ReviewDecision, ReviewEvent
from catalog.services import webhooks


def _require_rationale(rationale):
    if not (rationale or "").strip():
        raise ValidationError({"rationale": "A rationale is required for every verification change."})
    return rationale.strip()


def review_item_authenticity(media_item, authenticity, analyst, rationale):
    return _record_verdict(media_item, "authenticity", ReviewedValue.ITEM_AUTHENTICITY, authenticity, analyst, rationale)


def review_claim_status(claim, status, analyst, rationale):
    return _record_verdict(claim, "status", ReviewedValue.CLAIM_STATUS, status, analyst, rationale)


@transaction.atomic
def _record_verdict(subject, field, reviewed_value, new_value, analyst, rationale):
    """Change one verification value and keep the change, with its rationale, in the review history."""
    rationale = _require_rationale(rationale)
    old_value = getattr(subject, field)
    setattr(subject, field, new_value)
    subject.full_clean(validate_unique=False)
    subject.save(update_fields=[field, "updated_at"])
    subject_name, _ = PUBLISHED_FIELDS[reviewed_value]
    event = ReviewEvent.objects.create(
        value=reviewed_value, **{subject_name: subject},
        old_value=old_value, new_value=new_value, rationale=rationale, analyst=analyst,
    )
    _publish_if_no_second_analyst_needed(event)
    return event


@transaction.atomic
def resolve_identity(assertion, person, confidence, analyst, rationale):
    """Resolve an asserted identity to a Person (or clear it with person=None); the assertion stays as stated."""
    rationale = _require_rationale(rationale)
    if person is not None and confidence is None:
        raise ValidationError({"confidence": "Give a confidence between 0 and 1 for a resolution."})
    old = _describe_resolution(assertion)
    assertion.person = person
    assertion.resolution_confidence = confidence if person is not None else None
    assertion.resolved_by = analyst
    assertion.resolved_at = timezone.now()
    assertion.full_clean(validate_unique=False)
    assertion.save(update_fields=["person", "resolution_confidence", "resolved_by", "resolved_at"])
    return ReviewEvent.objects.create(
        value=ReviewedValue.IDENTITY_RESOLUTION, identity_assertion=assertion,
        old_value=old, new_value=_describe_resolution(assertion), rationale=rationale, analyst=analyst,
    )


def _describe_resolution(assertion):
    if assertion.person_id is None:
        return "unresolved"
    return f"person {assertion.person_id} ({assertion.person}) at confidence {assertion.resolution_confidence}"


PUBLISHED_FIELDS = {
    ReviewedValue.ITEM_AUTHENTICITY: ("media_item", "published_authenticity"),
    ReviewedValue.CLAIM_STATUS: ("claim", "published_status"),
}


def _publish_if_no_second_analyst_needed(event):
    if not settings.FOUR_EYES_REVIEW:
        _publish(event)


def _publish(event):
    """Partners see a verdict once it is published: with four-eyes review, after approval."""
    if event.value not in PUBLISHED_FIELDS:
        return
    subject_name, field = PUBLISHED_FIELDS[event.value]
    subject = getattr(event, subject_name)
    type(subject).objects.filter(pk=subject.pk).update(**{field: event.new_value})
    setattr(subject, field, event.new_value)
    on_verdict_published(event)


def on_verdict_published(event):
    """Tell partners' webhooks that a verdict reached them."""
    webhooks.verdict_published(event)


def awaiting_approval():
    """Verdicts that partners cannot see yet because no second analyst has approved them (latest per subject)."""
    if not settings.FOUR_EYES_REVIEW:
        return ReviewEvent.objects.none()
    same_subject = models.Q(value=ReviewedValue.ITEM_AUTHENTICITY, media_item=models.OuterRef("media_item")) | (
        models.Q(value=ReviewedValue.CLAIM_STATUS, claim=models.OuterRef("claim"))
    )
    superseded = ReviewEvent.objects.filter(
        same_subject, value=models.OuterRef("value"), created_at__gt=models.OuterRef("created_at")
    )
    return (
        ReviewEvent.objects.filter(value__in=list(PUBLISHED_FIELDS), approval__isnull=True)
        .exclude(models.Exists(superseded))
        .exclude(models.Exists(ReviewDecision.objects.filter(review_event=models.OuterRef("pk"))))
        .select_related("media_item", "claim", "analyst")
        .order_by("created_at")
    )


@transaction.atomic
def approve_review(event, approver, note=""):
    """A second analyst approves a verdict, which then reaches partners unless a later verdict superseded it."""
    if event.analyst_id == approver.pk:
        raise ValidationError("A verdict must be approved by a second analyst, not by its author.")
    _require_pending(event)
    approval = ReviewApproval.objects.create(review_event=event, approver=approver, note=note)
    _publish(event)
    return approval


def _lock(event):
    """Two analysts deciding on one verdict at once: the second waits, then sees the first one's decision."""
    return ReviewEvent.objects.select_for_update().get(pk=event.pk)


def verdict_state(event):
    """approved, rejected, withdrawn, sent_back, superseded or pending (awaiting a second analyst)."""
    if ReviewApproval.objects.filter(review_event=event).exists():
        return "approved"
    outcomes = set(ReviewDecision.objects.filter(review_event=event).values_list("outcome", flat=True))
    for closing in (ReviewOutcome.REJECTED, ReviewOutcome.WITHDRAWN, ReviewOutcome.SENT_BACK):
        if closing in outcomes:
            return str(closing)
    subject_name, _ = PUBLISHED_FIELDS[event.value]
    later = ReviewEvent.objects.filter(
        value=event.value, **{subject_name: getattr(event, subject_name)}, created_at__gt=event.created_at
    )
    return "superseded" if later.exists() else "pending"


STATE_REFUSALS = {
    "approved": "This verdict is already approved.",
    "rejected": "This verdict was rejected.",
    "withdrawn": "This verdict was withdrawn by its author.",
    "sent_back": "This verdict was sent back to its author.",
    "superseded": "A later verdict supersedes this one; decide on that instead.",
}


def _require_pending(event, allowed=("pending",)):
    if event.value not in PUBLISHED_FIELDS:
        raise ValidationError("Only item authenticity and claim status verdicts go through approval.")
    _lock(event)
    state = verdict_state(event)
    if state not in allowed:
        raise ValidationError(STATE_REFUSALS[state])


@transaction.atomic
def reject_review(event, analyst, reason):
    """A second analyst rejects a verdict: it never reaches partners, and the desk's value goes back to theirs."""
    return _decide(event, analyst, ReviewOutcome.REJECTED, reason)


@transaction.atomic
def send_back_review(event, analyst, comment):
    """A second analyst sends a verdict back to its author, who may record a better one or withdraw it."""
    return _decide(event, analyst, ReviewOutcome.SENT_BACK, comment)


@transaction.atomic
def withdraw_review(event, author, comment=""):
    """The author takes back a verdict nobody approved yet (pending or sent back)."""
    return _decide(event, author, ReviewOutcome.WITHDRAWN, comment, allowed=("pending", "sent_back"))


def _decide(event, analyst, outcome, comment, allowed=("pending",)):
    _require_pending(event, allowed)
    decision = ReviewDecision(review_event=event, outcome=outcome, comment=(comment or "").strip(), analyst=analyst)
    decision.full_clean()
    decision.save()
    if outcome in (ReviewOutcome.REJECTED, ReviewOutcome.WITHDRAWN):
        _restore_published(event)
    return decision


def _restore_published(event):
    """A verdict that ends unapproved leaves the value as partners see it: the last published one."""
    subject_name, published_field = PUBLISHED_FIELDS[event.value]
    subject = getattr(event, subject_name)
    field = published_field.removeprefix("published_")
    type(subject).objects.filter(pk=subject.pk).update(
        **{field: models.F(published_field), "updated_at": timezone.now()})
