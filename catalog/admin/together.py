"""Four-eyes decisions, assignments and comments: written in the desk (catalog.services), read-only here."""

from django.contrib import admin

from catalog.models import ItemAssignment, ItemComment, ReviewDecision
from provenance.admin import ReadOnlyAdminMixin


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("review_event", "outcome", "analyst", "created_at")
    list_filter = ("outcome", "created_at")
    search_fields = ("comment", "analyst__username")
    list_select_related = ("review_event", "analyst")


@admin.register(ItemAssignment)
class ItemAssignmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("media_item", "assignee", "assigned_by", "created_at")
    list_filter = ("created_at",)
    search_fields = ("media_item__title", "assignee__username")
    list_select_related = ("media_item", "assignee", "assigned_by")


@admin.register(ItemComment)
class ItemCommentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("media_item", "author", "created_at")
    list_filter = ("created_at",)
    search_fields = ("body", "media_item__title", "author__username")
    list_select_related = ("media_item", "author")
