"""Evidence in the admin: looked at, never edited or deleted; hashing jobs can be queued again."""

from django.contrib import admin

from provenance import services as evidence
from provenance.models import (
    AnchoredHead,
    AudioFingerprint,
    CustodyAnchor,
    CustodyEvent,
    DerivedFile,
    EnrichmentJob,
    ExternalSignal,
    ExternalSignalMatch,
    FileMatch,
    FixityFinding,
    FixityRun,
    FrameHash,
    FrameText,
    MediaFile,
    SensitiveMediaAccess,
)


class ReadOnlyAdminMixin:
    """No adding, changing or deleting from the admin, whoever asks (superusers included)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StoredFileMixin:
    """The stored name is shown as text: evidence (and unblurred frames) is not served from the admin."""

    exclude = ("file",)

    @admin.display(description="stored as")
    def stored_as(self, obj):
        return obj.file.name


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
class MediaFileAdmin(StoredFileMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("original_filename", "sha256", "size", "md5", "c2pa_state", "received_at")
    list_filter = ("c2pa_state", "received_at")
    search_fields = ("sha256", "md5", "original_filename")
    date_hierarchy = "received_at"
    readonly_fields = ("stored_as",)
    inlines = [CustodyEventInline, EnrichmentJobInline]


@admin.register(DerivedFile)
class DerivedFileAdmin(StoredFileMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("media_file", "kind", "position_seconds", "width", "height", "sha256")
    list_filter = ("kind",)
    search_fields = ("sha256", "media_file__sha256", "media_file__original_filename")
    list_select_related = ("media_file",)
    readonly_fields = ("stored_as",)


@admin.register(FrameHash)
class FrameHashAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("media_file", "algorithm", "variant", "frame_number", "timestamp", "hash", "quality")
    list_filter = ("algorithm", "variant")
    search_fields = ("hash", "media_file__sha256")
    list_select_related = ("media_file",)


@admin.register(FileMatch)
class FileMatchAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "query_file", "matched_file", "query_match_percent", "target_match_percent", "best_distance", "method",
        "aligned_seconds", "bit_error_rate",
    )
    list_filter = ("method", "created_at")
    search_fields = ("query_file__sha256", "matched_file__sha256")
    list_select_related = ("query_file", "matched_file")


@admin.register(AudioFingerprint)
class AudioFingerprintAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("media_file", "algorithm", "duration_seconds", "item_count", "created_at")
    exclude = ("items",)  # raw bytes: nothing to read in a form
    search_fields = ("media_file__sha256",)
    list_select_related = ("media_file",)


@admin.register(FrameText)
class FrameTextAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    # Read by the enrichment worker; the words found are evidence of what the frames show, so never edited here.
    list_display = ("media_file", "timestamp", "language", "confidence", "text")
    list_filter = ("language",)
    search_fields = ("text", "media_file__sha256")
    list_select_related = ("media_file",)


@admin.register(SensitiveMediaAccess)
class SensitiveMediaAccessAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("accessed_at", "user", "derived_file", "media_file", "reason")
    list_filter = ("accessed_at", "user")
    search_fields = ("user__username", "reason", "derived_file__media_file__sha256", "media_file__sha256")
    list_select_related = ("user", "derived_file__media_file", "media_file")
    date_hierarchy = "accessed_at"


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


class AnchoredHeadInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = AnchoredHead
    fields = readonly_fields = ("leaf_index", "media_file", "sequence", "event_hash")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("media_file")


@admin.register(CustodyAnchor)
class CustodyAnchorAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Anchors of custody (provenance/models/anchors.py); the token itself is downloaded in a court bundle."""

    list_display = ("__str__", "timestamped_at", "leaf_count", "tsa_url")
    list_filter = ("timestamped_at",)
    search_fields = ("root", "tsa_url")
    date_hierarchy = "timestamped_at"
    fields = readonly_fields = ("root", "leaf_count", "tsa_url", "timestamped_at", "created_at", "tsa_chain_pem")
    inlines = [AnchoredHeadInline]


@admin.register(AnchoredHead)
class AnchoredHeadAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "anchor", "leaf_index", "media_file", "sequence")
    search_fields = ("file_sha256", "event_hash", "anchor__root")
    list_select_related = ("anchor", "media_file")


@admin.register(ExternalSignal)
class ExternalSignalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Imported with `manage.py import_hash_list`; a list is changed by importing it again."""

    list_display = ("source", "algorithm", "hash_digest", "external_id", "imported_at")
    list_filter = ("source", "algorithm")
    search_fields = ("hash_digest", "source", "external_id")


@admin.register(ExternalSignalMatch)
class ExternalSignalMatchAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("media_file", "signal", "distance", "created_at")
    list_filter = ("signal__source",)
    search_fields = ("media_file__sha256", "signal__hash_digest", "signal__source")
    list_select_related = ("media_file", "signal")
