from django.conf import settings
from django.db import models

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

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Capture of {self.url}: {self.get_status_display()}"
