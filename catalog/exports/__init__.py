"""Exports of media items for partners and analysts: STIX 2.1, MISP and schema.org ClaimReview/MediaReview.

Renderers (`render_item` and `render_feed` of `stix`, `misp` and `schema_org`) only render.
`export_item` and `export_feed` render for a caller (catalog.policies.access.Caller) *and* record the export in the
chain of custody of every evidence file of the exported items (catalog.policies.audit.record_export: actor = the
username or partner name, detail = the format), as evidence handed to someone else must show in its custody log.
What an export carries is read through the access policy and reported to the disclosure audit (common.load_items).
API views and partner feeds call these two.
"""

from dataclasses import dataclass

from catalog.policies import access
from catalog.policies.audit import record_export

from . import misp, schema_org, stix, table
from .common import NotVisible

__all__ = ["FORMATS", "Export", "NotVisible", "export_feed", "export_item"]


@dataclass(frozen=True)
class Export:
    content: str
    content_type: str
    filename: str


# format name → (custody label, content type, file suffix)
FORMATS = {
    "stix": ("stix-2.1", stix.CONTENT_TYPE, "stix.json"),
    "misp": ("misp-event", misp.CONTENT_TYPE, "misp.json"),
    "claimreview": ("schema.org-claimreview", schema_org.CONTENT_TYPE, "claimreview.jsonld"),
    "csv": ("csv", table.CONTENT_TYPE, "csv"),  # lists only (export_feed): the desk's list export
}


def export_item(item, export_format, caller, base_url=""):
    """Render one item for `caller` and log the export in its files' custody.

    `base_url` (scheme and host, e.g. request.build_absolute_uri("/")) is needed for the schema.org review URLs.
    Raises NotVisible when the item is above the caller's clearance; nothing is logged then.
    """
    if not access.may_see(caller, item):
        raise NotVisible(f"Media item {item.pk} is not visible to this reader.")
    label, content_type, suffix = FORMATS[export_format]
    content = _render(export_format, "item", item, caller, base_url)
    record_export([item], label, caller.name)
    return Export(content, content_type, f"media-item-{item.pk}.{suffix}")


def export_feed(items, export_format, caller, base_url=""):
    """One document of the items in the queryset that `caller` may see, logged in their files' custody: a STIX
    bundle, MISP events as MISP's restSearch answers them, or a schema.org DataFeed of the items' reviews."""
    label, content_type, suffix = FORMATS[export_format]
    content = _render(export_format, "feed", items, caller, base_url)
    record_export(access.visible(caller, items), label, caller.name)
    return Export(content, content_type, f"feed.{suffix}")


RENDERERS = {"stix": stix, "misp": misp, "claimreview": schema_org, "csv": table}


def _render(export_format, what, subject, caller, base_url):
    """`render_item` or `render_feed` of the format's module; only schema.org reviews carry URLs (`base_url`)."""
    module = RENDERERS[export_format]
    urls = (base_url,) if module is schema_org else ()
    return getattr(module, f"render_{what}")(subject, caller, *urls)
