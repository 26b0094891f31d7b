"""The verification desk: drafts from reports, findings of background jobs, liveness history, approvals."""

from django.conf import settings
from django.db import models

from catalog.choices import DraftStatus, FindingKind, FindingStatus, Severity, VerificationKind
from provenance.models import QueuedJob
from provenance.models.append_only import REFUSE_TRUNCATE, REFUSE_UPDATE, AppendOnlyModel


class ReportDraft(models.Model):
    """What the desk read out of a report; nothing in it is published until an analyst accepts it."""

    report = models.OneToOneField("catalog.Report", on_delete=models.CASCADE, related_name="draft")
    payload = models.JSONField(help_text="The extracted draft, each value with the sentence it came from.")
    decisions = models.JSONField(default=dict, blank=True, help_text="Field path → accepted or rejected.")
    status = models.CharField(max_length=20, choices=DraftStatus.choices, default=DraftStatus.PENDING)
    media_item = models.ForeignKey(
        "catalog.MediaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="drafts"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Draft from {self.report}"


class Finding(models.Model):
    """Something a background verification job noticed, waiting in the review queue."""

    kind = models.CharField(max_length=40, choices=FindingKind.choices)
    key = models.CharField(max_length=200, unique=True, help_text="Identifies the finding so re-runs update it.")
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.WARNING)
    status = models.CharField(max_length=20, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    message = models.TextField()
    detail = models.JSONField(default=dict, blank=True)
    media_item = models.ForeignKey(
        "catalog.MediaItem", null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    claim = models.ForeignKey("catalog.Claim", null=True, blank=True, on_delete=models.CASCADE, related_name="findings")
    sighting = models.ForeignKey(
        "catalog.Sighting", null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    channel = models.ForeignKey(
        "catalog.Channel", null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    person = models.ForeignKey("catalog.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="findings")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self):
        return self.message


class LivenessCheck(AppendOnlyModel):
    """One check of whether a sighting's URL or a channel is still up; kept as history."""

    sighting = models.ForeignKey(
        "catalog.Sighting", null=True, blank=True, on_delete=models.CASCADE, related_name="liveness_checks"
    )
    channel = models.ForeignKey(
        "catalog.Channel", null=True, blank=True, on_delete=models.CASCADE, related_name="liveness_checks"
    )
    url = models.URLField(max_length=2000)
    checked_at = models.DateTimeField(auto_now_add=True)
    is_up = models.BooleanField()
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["-checked_at", "-pk"]
        # Checks belong to their sighting or channel and are deleted with it (CASCADE, also through the API), so
        # the database refuses changing and truncating them but not deleting.
        triggers = [REFUSE_UPDATE, REFUSE_TRUNCATE]

    def __str__(self):
        return f"{self.url}: {'up' if self.is_up else 'down'} at {self.checked_at:%Y-%m-%d %H:%M}"


class ReviewApproval(AppendOnlyModel):
    """A second analyst's approval of a verdict; only approved verdicts reach partners (four-eyes review)."""

    review_event = models.OneToOneField("catalog.ReviewEvent", on_delete=models.PROTECT, related_name="approval")
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["-created_at"]

    def __str__(self):
        return f"Approval of review {self.review_event_id} by {self.approver}"


class VerificationRun(QueuedJob):
    """One run of a background verification job (timeline, identity, liveness, re-matching)."""

    task_name = "catalog.verify.run_verification"

    kind = models.CharField(max_length=20, choices=VerificationKind.choices)
    media_item = models.ForeignKey(
        "catalog.MediaItem", null=True, blank=True, on_delete=models.CASCADE, related_name="verification_runs",
        help_text="Limit the run to one item; empty means the whole catalogue.",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} run {self.pk}: {self.get_status_display()}"
