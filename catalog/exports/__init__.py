"""Exports of media items for partners and analysts: STIX 2.1, MISP and schema.org ClaimReview/MediaReview.

Renderers (`render_item` and `render_feed` of `stix`, `misp` and `schema_org`) only render.
`export_item` and `export_feed` render *and* record the export in the chain of custody of every evidence file of the
exported items (CustodyAction.EXPORTED, actor = the username or partner name, detail = the format), as evidence
handed to someone else must show in its custody log. API views and partner feeds call these two.
"""

from dataclasses import dataclass

from catalog.models import ItemFile
from provenance.choices import CustodyAction
from provenance.services import record_custody

from . import misp, schema_org, stix
from .visibility import ANALYST, NotVisible, Visibility

__all__ = ["ANALYST", "FORMATS", "Export", "NotVisible", "Visibility", "export_feed", "export_item"]


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
}


def export_item(item, export_format, visibility, actor, base_url=""):
    """Render one item for a reader and log the export in its files' custody.

    `base_url` (scheme and host, e.g. request.build_absolute_uri("/")) is needed for the schema.org review URLs.
    Raises NotVisible when the item is above the reader's clearance; nothing is logged then.
    """
    visibility.require(item)
    label, content_type, suffix = FORMATS[export_format]
    content = _render(export_format, "item", item, visibility, base_url)
    record_export([item], label, actor)
    return Export(content, content_type, f"media-item-{item.pk}.{suffix}")


def export_feed(items, visibility, actor, export_format="stix", base_url=""):
    """One document of the items in the queryset that the reader may see, logged in their files' custody: a STIX
    bundle, MISP events as MISP's restSearch answers them, or a schema.org DataFeed of the items' reviews."""
    label, content_type, suffix = FORMATS[export_format]
    content = _render(export_format, "feed", items, visibility, base_url)
    record_export(visibility.items(items), label, actor)
    return Export(content, content_type, f"feed.{suffix}")


RENDERERS = {"stix": stix, "misp": misp, "claimreview": schema_org}


def _render(export_format, what, subject, visibility, base_url):
    """`render_item` or `render_feed` of the format's module; only schema.org reviews carry URLs (`base_url`)."""
    module = RENDERERS[export_format]
    urls = (base_url,) if module is schema_org else ()
    return getattr(module, f"render_{what}")(subject, visibility, *urls)


def record_export(items, label, actor):
    """`items`: model instances or a queryset of them."""
    links = ItemFile.objects.filter(media_item__in=items).select_related("media_file")
    for link in links.order_by("media_item", "pk"):
        record_custody(
            link.media_file, CustodyAction.EXPORTED, actor, {"format": label, "media_item": link.media_item_id}
        )
