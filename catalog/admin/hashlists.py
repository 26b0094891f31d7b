"""The hash list's credentials (issued with `manage.py issue_hash_list_credential`, revoked here) and the mapping of
producers to the list's ideology values."""

from django.contrib import admin, messages
from django.utils import timezone

from catalog.models import HashListCredential, ListedHash, ListedItemFile, ProducerIdeology
from provenance.admin import ReadOnlyAdminMixin


@admin.register(HashListCredential)
class HashListCredentialAdmin(admin.ModelAdmin):
    """The password is shown once, when the command issues it; only its hash is stored."""

    list_display = ("username", "partner", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at", "partner")
    search_fields = ("username", "partner__name")
    list_select_related = ("partner",)
    fields = ("partner", "username", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("partner", "username", "created_at", "last_used_at", "revoked_at")
    actions = ("revoke",)

    def has_add_permission(self, request):
        return False  # a password must be generated and shown once: the management command does it

    @admin.action(description="Revoke the selected credentials (their tokens stop working at once)")
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"{count} credential(s) revoked.", messages.SUCCESS)


@admin.register(ProducerIdeology)
class ProducerIdeologyAdmin(admin.ModelAdmin):
    list_display = ("organization", "ideology")
    list_filter = ("ideology",)
    search_fields = ("organization__name",)
    autocomplete_fields = ("organization",)
    list_select_related = ("organization",)


@admin.register(ListedHash)
class ListedHashAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The hashes the list has named (their keys are the list entries' ids); written by the list itself."""

    list_display = ("pk", "algorithm", "hash_digest", "media_file", "created_at")
    list_filter = ("algorithm",)
    search_fields = ("hash_digest", "media_file__sha256")


@admin.register(ListedItemFile)
class ListedItemFileAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("item_file_id", "media_file")
    search_fields = ("media_file__sha256",)
