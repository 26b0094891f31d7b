from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from provenance.choices import EnrichmentKind, JobStatus
from .indexes import list_indexes


class QueuedJobQuerySet(models.QuerySet):
    def claim(self, job_id, token=""):
        """Take a job with one conditional UPDATE.

        A job can be taken when pending, when its lease has run out, or by a redelivery of the very message
        (same `token`, the Celery task id) whose worker died while running it.
        """
        now = timezone.now()
        lease_expired = now - timedelta(seconds=settings.JOB_LEASE_SECONDS)
        claimable = Q(status=JobStatus.PENDING) | Q(status=JobStatus.RUNNING, started_at__lt=lease_expired)
        if token:
            claimable |= Q(status=JobStatus.RUNNING, claim_token=token)
        return bool(
            self.filter(pk=job_id)
            .filter(claimable)
            .update(status=JobStatus.RUNNING, attempts=F("attempts") + 1, started_at=now, error="", claim_token=token)
        )

    def due_for_resend(self):
        """Jobs no worker has taken since they were (or should have been) sent, or whose worker went silent."""
        now = timezone.now()
        unsent = Q(status=JobStatus.PENDING, pending_since__lt=now - timedelta(seconds=settings.JOB_RESEND_AFTER_SECONDS))
        abandoned = Q(status=JobStatus.RUNNING, started_at__lt=now - timedelta(seconds=settings.JOB_LEASE_SECONDS))
        return self.annotate(pending_since=Coalesce("enqueued_at", "created_at")).filter(unsent | abandoned)


class QueuedJob(models.Model):
    """A unit of background work whose row is also its outbox entry: a pending row is work still to send.

    Subclasses name the Celery task that runs them in `task_name`; the task receives the row's primary key.
    """

    task_name = None

    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=64, blank=True, help_text="The Celery task id that holds the job.")

    objects = QueuedJobQuerySet.as_manager()

    class Meta:
        abstract = True


class EnrichmentJob(QueuedJob):
    task_name = "provenance.enrich.run_enrichment_job"

    media_file = models.ForeignKey("provenance.MediaFile", on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=20, choices=EnrichmentKind.choices)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["media_file", "kind"], name="one_job_per_file_and_kind")]
        indexes = [models.Index(fields=["status", "enqueued_at"])] + list_indexes(
            "ej", orderings=["created_at", "finished_at", "status"], filters=["kind"]
        )

    def __str__(self):
        return f"{self.get_kind_display()} of {self.media_file}: {self.get_status_display()}"
