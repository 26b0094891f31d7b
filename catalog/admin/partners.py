"""Partner accounts, their keys and webhooks, with the logs of what they read and were sent."""

from django.contrib import admin
from rest_framework_api_key.admin import APIKeyModelAdmin

from catalog.models import AccessAudit, ChangeFeedEntry, Partner, PartnerAPIKey, WebhookDelivery, WebhookSubscription
from provenance.admin import ReadOnlyAdminMixin


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "max_tlp", "may_see_identities", "may_see_graphic", "is_active")
    list_filter = ("max_tlp", "may_see_identities", "may_see_graphic", "is_active")
    search_fields = ("name", "organization__name", "contact_email")
    autocomplete_fields = ("organization",)
    list_select_related = ("organization",)


@admin.register(PartnerAPIKey)
class PartnerAPIKeyAdmin(APIKeyModelAdmin):
    """The key is shown once, when it is made; only its hash is stored."""

    list_display = (*APIKeyModelAdmin.list_display, "partner")
    list_filter = ("revoked", "created")
    search_fields = (*APIKeyModelAdmin.search_fields, "partner__name")
    autocomplete_fields = ("partner",)
    list_select_related = ("partner",)


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("partner", "url", "events", "is_active", "updated_at")
    list_filter = ("is_active", "partner")
    search_fields = ("url", "partner__name")
    autocomplete_fields = ("partner",)
    list_select_related = ("partner",)
    readonly_fields = ("secret",)  # generated; shared with the partner, never typed in


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("event", "subscription", "status", "attempts", "response_status", "created_at", "finished_at")
    list_filter = ("status", "event", "created_at")
    search_fields = ("subscription__url", "subscription__partner__name", "event_id")
    list_select_related = ("subscription__partner",)


@admin.register(AccessAudit)
class AccessAuditAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("accessed_at", "partner", "method", "path", "record_type", "record_id")
    list_filter = ("accessed_at", "record_type", "partner")
    search_fields = ("path", "record_id", "partner__name", "api_key_prefix")
    list_select_related = ("partner",)
    date_hierarchy = "accessed_at"


@admin.register(ChangeFeedEntry)
class ChangeFeedEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("pk", "change", "record_type", "record_id", "tlp", "previous_tlp", "created_at")
    list_filter = ("change", "record_type", "tlp", "created_at")
    search_fields = ("record_id",)
