from django.conf import settings
from django.db import models

from catalog.choices import ReviewedValue
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
