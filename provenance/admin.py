"""Evidence in the admin: looked at, never edited or deleted; hashing jobs can be queued again."""

from django.contrib import admin

from provenance import services as evidence
from provenance.models import CustodyEvent, EnrichmentJob, FixityFinding, FixityRun, MediaFile


class ReadOnlyAdminMixin:
    """No adding, changing or deleting from the admin, whoever asks (superusers included)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EnrichmentJobInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = EnrichmentJob
    fields = readonly_fields = ("kind", "status", "attempts", "error", "finished_at")
    extra = 0


class CustodyEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CustodyEvent
    fields = readonly_fields = ("sequence", "action", "actor", "detail", "recorded_at", "event_hash")
    extra = 0
    verbose_name_plural = "chain of custody"


@admin.register(MediaFile)
class MediaFileAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("original_filename", "sha256", "size", "md5", "received_at")
    list_filter = ("received_at",)
    search_fields = ("sha256", "md5", "original_filename")
    date_hierarchy = "received_at"
    # The stored name is shown as text: evidence is not served from the admin.
    fields = readonly_fields = ("sha256", "md5", "size", "original_filename", "stored_as", "received_at")
    inlines = [CustodyEventInline, EnrichmentJobInline]

    @admin.display(description="stored as")
    def stored_as(self, media_file):
        return media_file.file.name


@admin.register(EnrichmentJob)
class EnrichmentJobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("media_file", "kind", "status", "attempts", "created_at", "finished_at", "error")
    list_filter = ("status", "kind", "created_at", "finished_at")
    search_fields = ("media_file__sha256", "media_file__original_filename", "error")
    list_select_related = ("media_file",)
    actions = ["queue_again"]

    @admin.action(description="Queue again", permissions=["queue"])
    def queue_again(self, request, queryset):
        jobs = list(queryset.select_related("media_file"))
        for job in jobs:
            evidence.request_enrichment(job.media_file, job.kind)
        self.message_user(request, f"Queued {len(jobs)} job(s) again.")

    def has_queue_permission(self, request):
        # The job itself stays read-only; queueing it again is what the change permission allows.
        return request.user.has_perm("provenance.change_enrichmentjob")


@admin.register(CustodyEvent)
class CustodyEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("media_file", "sequence", "action", "actor", "recorded_at")
    list_filter = ("action", "recorded_at")
    search_fields = ("media_file__sha256", "media_file__original_filename", "actor", "event_hash")
    list_select_related = ("media_file",)
    date_hierarchy = "recorded_at"


class FixityFindingInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = FixityFinding
    fields = readonly_fields = ("outcome", "storage_name", "media_file", "expected_sha256", "found_sha256")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("media_file")


@admin.register(FixityRun)
class FixityRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "started_at", "finished_at", "files_checked", "files_intact")
    list_filter = ("started_at",)
    date_hierarchy = "started_at"
    inlines = [FixityFindingInline]


@admin.register(FixityFinding)
class FixityFindingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("storage_name", "outcome", "run", "media_file")
    list_filter = ("outcome", "run__started_at")
    search_fields = ("storage_name", "expected_sha256", "found_sha256")
    list_select_related = ("run", "media_file")
