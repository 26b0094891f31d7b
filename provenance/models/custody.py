import hashlib
import json

from django.db import models
from django.utils import timezone

from provenance.choices import CustodyAction, FixityOutcome

from .append_only import AppendOnlyModel

GENESIS_HASH = "0" * 64


class CustodyEvent(AppendOnlyModel):
    """One step in a file's chain of custody; each event carries the hash of the one before it."""

    media_file = models.ForeignKey("provenance.MediaFile", on_delete=models.PROTECT, related_name="custody_events")
    sequence = models.PositiveIntegerField()
    action = models.CharField(max_length=20, choices=CustodyAction.choices)
    actor = models.CharField(max_length=150, help_text="Who acted: a username, or the worker or system.")
    detail = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    previous_hash = models.CharField(max_length=64)
    event_hash = models.CharField(max_length=64, unique=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["media_file", "sequence"]
        constraints = [models.UniqueConstraint(fields=["media_file", "sequence"], name="one_custody_event_per_step")]

    def __str__(self):
        return f"#{self.sequence} {self.get_action_display()} by {self.actor}"

    def compute_hash(self):
        """SHA-256 over a canonical JSON of everything the event asserts, including the previous hash."""
        payload = {
            "file_sha256": self.media_file.sha256,
            "sequence": self.sequence,
            "action": self.action,
            "actor": self.actor,
            "detail": self.detail,
            "recorded_at": self.recorded_at.isoformat(),
            "previous_hash": self.previous_hash,
        }
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()


class FixityRun(models.Model):
    """One pass of re-hashing every stored original and looking for strays."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    files_checked = models.PositiveIntegerField(default=0)
    files_intact = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"Fixity run {self.pk} at {self.started_at:%Y-%m-%d %H:%M}"


class FixityFinding(models.Model):
    run = models.ForeignKey(FixityRun, on_delete=models.CASCADE, related_name="findings")
    outcome = models.CharField(max_length=20, choices=FixityOutcome.choices)
    media_file = models.ForeignKey(
        "provenance.MediaFile", null=True, blank=True, on_delete=models.PROTECT, related_name="fixity_findings"
    )
    storage_name = models.CharField(max_length=300)
    expected_sha256 = models.CharField(max_length=64, blank=True)
    found_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["run", "outcome", "storage_name"]

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.storage_name}"
