"""Creating and editing media items: the desk's form and the API's create both come here.

Authenticity is a verification value: it changes only through a review with a rationale
(catalog.services.reviews), never here.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from catalog.choices import SightingKind
from catalog.models import ChannelAppearance, MediaItem, Sighting

VERIFICATION_FIELDS = ("authenticity", "published_authenticity")
EDITABLE_FIELDS = (
    "kind", "title", "description", "languages", "producer", "claimed_release_at", "duration", "is_graphic", "tlp",
)


def _refuse_verification_values(fields):
    touched = [name for name in VERIFICATION_FIELDS if name in fields]
    if touched:
        raise ValidationError(
            "Authenticity changes only through a verdict with a rationale (the item's Review section).",
            code="needs_rationale",
        )


def _add_sightings(item, channels, kind):
    held = set(item.sightings.values_list("channel_id", flat=True))
    for channel in channels:
        if channel.pk not in held:
            Sighting.objects.create(media_item=item, channel=channel, kind=kind, observed_at=timezone.now())
            held.add(channel.pk)


@transaction.atomic
def create_item(*, user, tags=(), channels=(), sighting_kind=SightingKind.ORIGINAL_RELEASE, **fields):
    """A new item, made by `user`; each channel in `channels` becomes a sighting of it (seen now)."""
    _refuse_verification_values(fields)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Not a field of an item: {', '.join(sorted(unknown))}.")
    item = MediaItem(created_by=user, **fields)
    item.full_clean()
    item.save()
    if tags:
        item.tags.set(tags)
    _add_sightings(item, channels, sighting_kind)
    return item


@transaction.atomic
def update_item(item, *, tags=None, channels=(), sighting_kind=SightingKind.ORIGINAL_RELEASE, **fields):
    """Change an item's descriptive fields (and its tags, when given); channels not yet among its sightings are
    added as sightings."""
    _refuse_verification_values(fields)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Not a field of an item: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    if tags is not None:
        item.tags.set(tags)
    _add_sightings(item, channels, sighting_kind)
    return item


@transaction.atomic
def rebuild_sighting_summaries():
    """Store again what the sightings say about every item, its first-seen time and the channels it appeared on,
    for sightings the save signals never saw (written in SQL, restored from a dump): (items, appearances)."""
    return MediaItem.objects.refresh_first_seen(), ChannelAppearance.objects.rebuild()
