"""Working together on an item: who it is assigned to, and what analysts said about it. Both append-only: the
history of assignments and every comment stay as written, with who and when (the triggers of AppendOnlyModel
refuse changing or removing them, also in PostgreSQL itself)."""

from django.conf import settings
from django.db import models

from provenance.models.append_only import AppendOnlyModel


class ItemAssignment(AppendOnlyModel):
    """An item given to an analyst (or taken back: no assignee); the latest row per item is the current one."""

    media_item = models.ForeignKey("catalog.MediaItem", on_delete=models.PROTECT, related_name="assignments")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="item_assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["media_item", "-created_at"])]

    def __str__(self):
        return f"{self.media_item} → {self.assignee or 'nobody'}"


class ItemComment(AppendOnlyModel):
    """An analyst's note on an item, for colleagues. Internal: partners never read comments."""

    media_item = models.ForeignKey("catalog.MediaItem", on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="item_comments")
    body = models.TextField(max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(body=""), name="comment_says_something")]

    def __str__(self):
        return f"{self.author} on {self.media_item}: {self.body[:40]}"
