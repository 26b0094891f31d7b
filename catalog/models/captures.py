from django.conf import settings
from django.db import models
from django.db.models import Q

from provenance.models import QueuedJob


class UrlCapture(QueuedJob):
    """A request to fetch media from a URL into an item's evidence."""

    task_name = "catalog.ingest.run_url_capture"

    media_item = models.ForeignKey("catalog.MediaItem", on_delete=models.CASCADE, related_name="url_captures")
    url = models.URLField(max_length=2000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    item_file = models.ForeignKey(
        "catalog.ItemFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="captures"
    )
    sighting = models.ForeignKey(
        "catalog.Sighting", null=True, blank=True, on_delete=models.SET_NULL, related_name="url_captures",
        help_text="The sighting of the item on the URL's channel, recorded when the capture was asked for.",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Capture of {self.url}: {self.get_status_display()}"


class WebArchiveCapture(QueuedJob):
    """A request to archive the page a report or a sighting points at, with what it embeds, as a WACZ file in the
    evidence locker (provenance.archive). The archive is evidence of the page, not of an item, so it is kept here
    rather than linked to an item as an ItemFile: partners never receive it (catalog.policies.access)."""

    task_name = "catalog.ingest.capture_web_archive"

    url = models.URLField(max_length=2000)
    report = models.ForeignKey(
        "catalog.Report", null=True, blank=True, on_delete=models.CASCADE, related_name="web_archives"
    )
    sighting = models.ForeignKey(
        "catalog.Sighting", null=True, blank=True, on_delete=models.CASCADE, related_name="web_archives"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    media_file = models.ForeignKey(
        "provenance.MediaFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The WACZ file, once captured.",
    )
    captured_at = models.DateTimeField(null=True, blank=True, help_text="When the page itself was fetched.")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(report__isnull=False, sighting__isnull=True) | Q(report__isnull=True, sighting__isnull=False),
                name="web_archive_of_a_report_or_a_sighting",
            ),
        ]

    def __str__(self):
        return f"Web archive of {self.url}: {self.get_status_display()}"
