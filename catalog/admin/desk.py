"""The verification desk's rows: written by its jobs and workflows, looked at (and findings triaged) here."""

from django.contrib import admin

from catalog.models import Finding, LivenessCheck, ReportDraft, ReviewApproval, VariantProposal, VerificationRun
from provenance.admin import ReadOnlyAdminMixin


@admin.register(ReportDraft)
class ReportDraftAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("report", "status", "media_item", "decided_by", "created_at", "updated_at")
    list_filter = ("status", "created_at")
    search_fields = ("report__title",)
    list_select_related = ("report", "media_item", "decided_by")


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    """Analysts triage a finding by its status; what the job found stays as it found it."""

    list_display = ("message", "kind", "severity", "status", "media_item", "updated_at")
    list_filter = ("status", "kind", "severity", "updated_at")
    search_fields = ("message", "key", "media_item__title")
    list_select_related = ("media_item",)
    readonly_fields = (
        "kind", "key", "severity", "message", "detail", "media_item", "claim", "sighting", "channel", "person",
        "created_at", "updated_at",
    )

    def has_add_permission(self, request):
        return False


@admin.register(LivenessCheck)
class LivenessCheckAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("url", "is_up", "http_status", "checked_at", "sighting", "channel")
    list_filter = ("is_up", "checked_at")
    search_fields = ("url", "error")
    list_select_related = ("sighting__media_item", "sighting__channel", "channel")
    date_hierarchy = "checked_at"


@admin.register(ReviewApproval)
class ReviewApprovalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("review_event", "approver", "created_at")
    list_filter = ("created_at", "approver")
    search_fields = ("note", "approver__username")
    list_select_related = ("review_event", "approver")


@admin.register(VerificationRun)
class VerificationRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "kind", "status", "media_item", "created_at", "finished_at")
    list_filter = ("kind", "status", "created_at")
    list_select_related = ("media_item",)


@admin.register(VariantProposal)
class VariantProposalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("summary", "media_item", "matched_item", "status", "decided_by", "created_at")
    list_filter = ("status", "created_at")
    search_fields = ("summary", "media_item__title", "matched_item__title")
    list_select_related = ("media_item", "matched_item", "decided_by")
