"""Web archives in the admin: the "archive the page" action of reports and sightings, and the captures themselves,
read-only (the WACZ is evidence: downloaded from the desk, never edited)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from catalog.models import Report, WebArchiveCapture
from catalog.services import web_archives
from provenance.admin import ReadOnlyAdminMixin


@admin.action(description="Archive the page and what it embeds (WACZ)", permissions=["change"])
def archive_pages(modeladmin, request, queryset):
    """Queue a web archive for each selected report or sighting; one without a usable URL is reported, not fatal."""
    subject = "report" if modeladmin.model is Report else "sighting"
    queued = 0
    for record in queryset:
        try:
            web_archives.request_web_archive(user=request.user, **{subject: record})
        except ValidationError as refused:
            modeladmin.message_user(request, f"{record}: {' '.join(refused.messages)}", messages.ERROR)
        else:
            queued += 1
    if queued:
        modeladmin.message_user(
            request, f"{queued} web archive{'s' if queued != 1 else ''} queued; a worker fetches them.", messages.SUCCESS
        )


@admin.register(WebArchiveCapture)
class WebArchiveCaptureAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("url", "report", "sighting", "status", "captured_at", "media_file", "requested_by", "error")
    list_filter = ("status", "created_at", "captured_at")
    search_fields = ("url", "error", "media_file__sha256")
    list_select_related = ("report", "sighting__media_item", "sighting__channel", "media_file", "requested_by")
