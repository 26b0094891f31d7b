"""Readings of reports brought in at the desk (catalog.services.report_intake): seen here, never edited."""

from django.contrib import admin

from provenance.admin import ReadOnlyAdminMixin
from catalog.models import ReportIngest


@admin.register(ReportIngest)
class ReportIngestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "status", "requested_by", "draft", "created_at", "finished_at", "error")
    list_filter = ("status", "created_at")
    search_fields = ("filename", "raw_text", "content_hash", "error")
    list_select_related = ("requested_by", "draft__report")
