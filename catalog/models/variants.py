from django.conf import settings
from django.db import models

from catalog.choices import ProposalStatus


class VariantProposal(models.Model):
    """A file match turned into a proposal: 'this item is a re-upload of that one'. An analyst decides."""

    media_item = models.ForeignKey("catalog.MediaItem", on_delete=models.CASCADE, related_name="variant_proposals")
    matched_item = models.ForeignKey("catalog.MediaItem", on_delete=models.CASCADE, related_name="proposed_variants")
    file_match = models.ForeignKey("provenance.FileMatch", on_delete=models.CASCADE, related_name="proposals")
    summary = models.CharField(max_length=300)
    status = models.CharField(max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["media_item", "matched_item"], name="one_proposal_per_item_pair"),
            models.CheckConstraint(condition=~models.Q(media_item=models.F("matched_item")), name="proposal_not_self"),
        ]

    def __str__(self):
        return self.summary
