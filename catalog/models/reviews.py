from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from catalog.choices import ReviewedValue, ReviewOutcome
from provenance.models.append_only import AppendOnlyModel
from provenance.models.indexes import list_indexes


class ReviewEvent(AppendOnlyModel):
    """One change of a verification value, with who made it and why. Append-only."""

    value = models.CharField(max_length=30, choices=ReviewedValue.choices)
    media_item = models.ForeignKey(
        "catalog.MediaItem", null=True, blank=True, on_delete=models.PROTECT, related_name="review_events"
    )
    claim = models.ForeignKey(
        "catalog.Claim", null=True, blank=True, on_delete=models.PROTECT, related_name="review_events"
    )
    identity_assertion = models.ForeignKey(
        "catalog.IdentityAssertion", null=True, blank=True, on_delete=models.PROTECT, related_name="review_events"
    )
    old_value = models.CharField(max_length=300, blank=True)
    new_value = models.CharField(max_length=300, blank=True)
    rationale = models.TextField()
    analyst = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_events")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["created_at", "pk"]
        indexes = list_indexes("rev", orderings=["created_at"], filters=["value"])
        constraints = [
            models.CheckConstraint(condition=~models.Q(rationale=""), name="review_needs_rationale"),
            models.CheckConstraint(
                condition=(
                    models.Q(value=ReviewedValue.ITEM_AUTHENTICITY, media_item__isnull=False,
                             claim__isnull=True, identity_assertion__isnull=True)
                    | models.Q(value=ReviewedValue.CLAIM_STATUS, claim__isnull=False,
                               media_item__isnull=True, identity_assertion__isnull=True)
                    | models.Q(value=ReviewedValue.IDENTITY_RESOLUTION, identity_assertion__isnull=False,
                               media_item__isnull=True, claim__isnull=True)
                ),
                name="review_names_its_subject",
            ),
        ]

    def __str__(self):
        return f"{self.get_value_display()}: {self.old_value} → {self.new_value}"


class ReviewDecision(AppendOnlyModel):
    """A second analyst rejects a verdict awaiting approval (with a reason) or sends it back to its author (with a
    comment); or the author withdraws it. Append-only: the decision stays in the verdict's history."""

    review_event = models.ForeignKey(ReviewEvent, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=20, choices=ReviewOutcome.choices)
    comment = models.TextField(blank=True)
    analyst = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    # Which side of the four eyes may take each outcome: the verdict's author, or anyone but its author.
    BY_AUTHOR = {ReviewOutcome.WITHDRAWN}

    class Meta(AppendOnlyModel.Meta):
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome=ReviewOutcome.WITHDRAWN) | ~models.Q(comment=""),
                name="review_decision_says_why",
                violation_error_message="Say why: a rejection needs a reason, a sending back a comment.",
            ),
            # A verdict ends once (rejected or withdrawn) and is sent back at most once.
            models.UniqueConstraint(
                fields=["review_event"], condition=models.Q(outcome__in=[ReviewOutcome.REJECTED,
                                                                         ReviewOutcome.WITHDRAWN]),
                name="review_decision_closes_once",
                violation_error_message="This verdict is already rejected or withdrawn.",
            ),
            models.UniqueConstraint(
                fields=["review_event"], condition=models.Q(outcome=ReviewOutcome.SENT_BACK),
                name="review_decision_sends_back_once",
                violation_error_message="This verdict was already sent back.",
            ),
        ]

    def clean(self):
        is_author = self.review_event.analyst_id == self.analyst_id
        if self.outcome in self.BY_AUTHOR and not is_author:
            raise ValidationError("Only the analyst who recorded a verdict may withdraw it.")
        if self.outcome not in self.BY_AUTHOR and is_author:
            raise ValidationError("A second analyst, not the verdict's author, rejects it or sends it back.")

    def __str__(self):
        return f"{self.get_outcome_display()}: review {self.review_event_id}"
