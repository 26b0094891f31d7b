"""Working together on items: assigning one to an analyst, commenting on it."""

from django.core.exceptions import ValidationError
from django.db import transaction

from catalog.models import ItemAssignment, ItemComment, MediaItem
from catalog.policies.access import is_analyst


def current_assignment(item):
    return ItemAssignment.objects.filter(media_item=item).select_related("assignee", "assigned_by").first()


@transaction.atomic
def assign_item(item, assignee, by):
    """Give `item` to `assignee` (an analyst), or to nobody with None. Assigning it to whoever has it changes nothing."""
    if assignee is not None and not is_analyst(assignee):
        raise ValidationError({"assignee": f"{assignee.get_username()} is not an analyst."})
    MediaItem.objects.select_for_update().filter(pk=item.pk).first()  # one assignment at a time per item
    current = current_assignment(item)
    if (current.assignee_id if current else None) == (assignee.pk if assignee else None):
        return current
    return ItemAssignment.objects.create(media_item=item, assignee=assignee, assigned_by=by)


def comment_on_item(item, author, body):
    body = (body or "").strip()
    comment = ItemComment(media_item=item, author=author, body=body)
    comment.full_clean()
    comment.save()
    return comment
