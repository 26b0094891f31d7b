"""Actions on a selection of media items (the desk's item list): tag them, set their TLP, record one verdict on
all of them (with its rationale, as every verification change), or export them (catalog.exports)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from catalog import exports
from catalog.choices import TLP, MediaAuthenticity
from catalog.models import MediaItem, Tag
from catalog.services.reviews import review_item_authenticity

MAX_SELECTED = 500  # one bulk change; more is a mistake more often than a wish
MAX_EXPORTED = 1000  # one export document; the partner feed pages beyond this
LIST_EXPORT_FORMATS = {"csv": "CSV", "stix": "STIX 2.1 bundle", "misp": "MISP events"}


def selected(pks):
    """The items of a selection, refusing an empty or oversized one."""
    pks = sorted(set(pks))
    if not pks:
        raise ValidationError("Select at least one item.")
    if len(pks) > MAX_SELECTED:
        raise ValidationError(f"Select at most {MAX_SELECTED} items at a time.")
    return MediaItem.objects.filter(pk__in=pks).order_by("pk")


@transaction.atomic
def tag_items(items, tag_name):
    """Add the tag (created if new) to every item; returns the tag and how many items did not hold it yet."""
    tag_name = (tag_name or "").strip()
    if not tag_name:
        raise ValidationError({"tag": "Give a tag name."})
    if len(tag_name) > Tag._meta.get_field("name").max_length:
        raise ValidationError({"tag": "A tag name has at most 100 characters."})
    tag = Tag.objects.filter(name__iexact=tag_name).first() or Tag.objects.create(name=tag_name)
    added = 0
    for item in items.exclude(tags=tag):
        item.tags.add(tag)  # one by one: each change reaches the partners' change feed (catalog.signals)
        added += 1
    return tag, added


@transaction.atomic
def set_tlp(items, tlp):
    """Mark every item with `tlp`; returns how many changed. Each save reaches the change feed, so partners who
    lose sight of an item learn of it."""
    if tlp not in TLP.values:
        raise ValidationError({"tlp": "Choose a TLP marking."})
    changed = 0
    for item in items.exclude(tlp=tlp).select_for_update():
        item.tlp = tlp
        item.save(update_fields=["tlp", "updated_at"])
        changed += 1
    return changed


@transaction.atomic
def record_authenticity(items, authenticity, analyst, rationale):
    """One verdict on every item that does not hold it yet, each a review with the same rationale (required)."""
    if authenticity not in MediaAuthenticity.values:
        raise ValidationError({"authenticity": "Choose an authenticity verdict."})
    if not (rationale or "").strip():  # asked even when every item already holds the verdict
        raise ValidationError({"rationale": "A rationale is required for every verification change."})
    events = [
        review_item_authenticity(item, authenticity, analyst, rationale)
        for item in items.exclude(authenticity=authenticity).select_for_update()
    ]
    return events


def export_items(items, export_format, caller, base_url=""):
    """One document of the items `caller` may see (read and audited by catalog.exports)."""
    if export_format not in LIST_EXPORT_FORMATS:
        raise ValidationError({"format": "Choose CSV, STIX or MISP."})
    items = items.order_by("-created_at", "-pk")
    pks = list(items.values_list("pk", flat=True)[: MAX_EXPORTED + 1])
    if len(pks) > MAX_EXPORTED:
        raise ValidationError(f"At most {MAX_EXPORTED} items go in one export; narrow the filters.")
    return exports.export_feed(MediaItem.objects.filter(pk__in=pks), export_format, caller, base_url)
