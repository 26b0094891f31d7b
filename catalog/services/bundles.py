"""Court bundles: a ZIP of one or more media items' evidence that a third party can check with standard tools alone.

What goes in is what the caller may see (catalog.policies.access): the visible items, their visible files, and
each file's original unless it is graphic and the caller lacks graphic clearance (`access.withheld_originals`);
custody chains, anchors and proofs come from provenance (provenance.services.evidence_bundle). What left is
recorded by the audit policy (catalog.policies.audit): an EXPORTED event in every file's custody, and each
restricted record sent to a partner in the disclosure audit.
"""

import json
import tempfile
from dataclasses import dataclass

from django.utils import timezone

from catalog.models import ItemFile, MediaItem
from catalog.policies import access, audit
from provenance.services.evidence_bundle import BundleWriter, readme, write_evidence

CUSTODY_LABEL = "court-bundle"
MAX_ITEMS = 100  # one bundle; more are asked for in several
SPOOL_BYTES = 32 * 1024**2  # a bundle larger than this is built on disk, not in memory
MAX_ID = 2**63 - 1  # ids are bigints; a larger one names no record (and SQLite cannot even compare it)


class NotVisible(Exception):
    """An item asked for is missing or above the caller's clearance (answered like a missing one: 404)."""


@dataclass
class Bundle:
    file: object  # positioned at the start; the caller closes it
    filename: str
    items: list


def build_bundle(item_ids, caller):
    """The court bundle of the items `item_ids` for `caller`; NotVisible if any of them is not visible to it."""
    item_ids = sorted(set(item_ids))
    if any(not 0 < pk <= MAX_ID for pk in item_ids):
        raise NotVisible("No media item matches the given query.")
    items = list(access.visible(caller, MediaItem.objects.filter(pk__in=item_ids)).order_by("pk"))
    if [item.pk for item in items] != item_ids:
        raise NotVisible("No media item matches the given query.")
    links = list(
        access.visible(caller, ItemFile.objects.filter(media_item__in=items))
        .select_related("media_file", "media_item").order_by("media_item", "pk")
    )
    media_files = list({link.media_file.pk: link.media_file for link in links}.values())
    withheld = access.withheld_originals(caller, [media_file.pk for media_file in media_files])

    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    writer = BundleWriter(spool)
    written = write_evidence(writer, media_files, lambda media_file: media_file.pk not in withheld)
    writer.add("items.json", json.dumps(_items_json(items, links, written), indent=2, ensure_ascii=False) + "\n")
    writer.add("README.txt", readme(written, _title(items), _about(items, caller)))
    writer.close()
    spool.seek(0)

    audit.disclosed(caller, *items, *links)
    audit.record_export(items, CUSTODY_LABEL, caller.name)
    name = f"media-item-{items[0].pk}" if len(items) == 1 else f"media-items-{len(items)}"
    return Bundle(spool, f"court-bundle-{name}.zip", items)


def _items_json(items, links, written):
    files_of = {}
    for link in links:
        files_of.setdefault(link.media_item_id, []).append({
            "sha256": link.media_file.sha256,
            "original_filename": link.media_file.original_filename,
            "size": link.media_file.size,
            "original_included": written.originals.get(link.media_file.sha256, False),
            "custody": f"custody/{link.media_file.sha256}.jsonl",
        })
    return {
        "generated_at": timezone.now().isoformat(),
        "items": [
            {"id": item.pk, "title": item.title, "tlp": item.tlp, "is_graphic": item.is_graphic,
             "files": files_of.get(item.pk, [])}
            for item in items
        ],
    }


def _title(items):
    if len(items) == 1:
        return f"Court bundle: media item {items[0].pk}"
    return f"Court bundle: {len(items)} media items"


def _about(items, caller):
    listed = "\n".join(f"- item {item.pk} (TLP:{item.tlp}): {item.title}" for item in items)
    return (
        f"Made {timezone.now():%Y-%m-%d %H:%M} UTC for {caller.name or 'an analyst'}. Items (items.json lists "
        f"their files):\n{listed}\n"
    )
