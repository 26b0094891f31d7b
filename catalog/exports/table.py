"""CSV: one row per item, for spreadsheets. Read through common.load_items like every export (access and audit).

Cells that a spreadsheet would read as a formula (=, +, -, @, tab, CR at the start) are prefixed with an
apostrophe: titles and handles are scraped text, and a CSV is opened by people, not parsers (OWASP's advice).
"""

import csv
import io

from .common import item_verdict, load_items, seen_between

CONTENT_TYPE = "text/csv; charset=utf-8"
COLUMNS = (
    "id", "title", "kind", "tlp", "authenticity", "verdict_state", "is_graphic", "producer", "claimed_release_at",
    "first_seen_at", "sightings", "channels", "claims", "tags", "sha256",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def _row(item, caller):
    verdict = item_verdict(caller, item)
    sightings = list(item.sightings.all())
    seen = [moment for sighting in sightings for moment in seen_between(sighting) if moment]
    return {
        "id": item.pk, "title": item.title, "kind": item.kind, "tlp": item.tlp, "authenticity": verdict.value,
        "verdict_state": verdict.state, "is_graphic": item.is_graphic,
        "producer": item.producer.name if item.producer else "",
        "claimed_release_at": item.claimed_release_at.isoformat() if item.claimed_release_at else "",
        "first_seen_at": min(seen).isoformat() if seen else "",
        "sightings": len(sightings),
        "channels": " ".join(sorted({str(sighting.channel) for sighting in sightings})),
        "claims": len(item.claims.all()),
        "tags": " ".join(tag.name for tag in item.tags.all()),
        "sha256": " ".join(link.media_file.sha256 for link in item.files.all()),
    }


def render_feed(items, caller):
    """Every item of the queryset `items` that `caller` may see, one row each, with a header row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for item in load_items(caller, items):
        writer.writerow({name: _cell(value) for name, value in _row(item, caller).items()})
    return out.getvalue()
