from django.db import models

from provenance.choices import EnrichmentKind, JobStatus


class QueuedJob(models.Model):
    """A unit of background work whose row is also its outbox entry: a pending row is work still to send."""

    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class EnrichmentJob(QueuedJob):
    media_file = models.ForeignKey("provenance.MediaFile", on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=20, choices=EnrichmentKind.choices)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["media_file", "kind"], name="one_job_per_file_and_kind")]
        indexes = [models.Index(fields=["status", "enqueued_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.media_file}: {self.get_status_display()}"
