from django.conf import settings
from django.db import models

from catalog.choices import TLP
from provenance.models import QueuedJob


class ReportIngest(QueuedJob):
    """A report brought to the desk, read into a draft by a worker (the first reading loads the gazetteer, which
    takes long). The text is kept here exactly as received, also when it cannot be read, so nothing is lost."""

    task_name = "catalog.ingest.read_report"

    raw_text = models.TextField(help_text="The report exactly as pasted or uploaded.")
    content_hash = models.CharField(max_length=64, db_index=True, help_text="catalog.text.report_fingerprint.")
    filename = models.CharField(max_length=255, blank=True, help_text="The uploaded file's name, if uploaded.")
    url = models.URLField(max_length=2000, blank=True)
    tlp = models.CharField("TLP", max_length=20, choices=TLP.choices, default=TLP.AMBER)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    draft = models.ForeignKey(
        "catalog.ReportDraft", null=True, blank=True, on_delete=models.SET_NULL, related_name="ingests"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Reading of a report{f' ({self.filename})' if self.filename else ''}: {self.get_status_display()}"
