"""Anchoring custody: one RFC 3161 timestamp over the Merkle root of the chain heads that changed (models/anchors.py).

`anchor_custody` runs hourly (the beat task provenance.verify.anchor_custody) and on demand (`manage.py
anchor_custody`). It takes the head of every chain that grew past its last anchored head, in the order of the files'
SHA-256 (the leaf order), builds the RFC 6962 tree over their leaves (`custody_leaf`), has a TSA timestamp the root
and stores the anchor with its heads. A run with nothing new anchors nothing, so a repeated run is harmless.

A chain that no longer continues its last anchored head (events deleted, or rewritten) is not anchored again: that
would lend the tampered chain a fresh timestamp. `manage.py verify_custody` reports it (services.custody_check).
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery

from provenance import merkle, timestamping
from provenance.models import AnchoredHead, CustodyAnchor, CustodyEvent, MediaFile
from provenance.models.anchors import custody_leaf

from .custody import first_bad_link

logger = logging.getLogger(__name__)


def anchor_custody(urls=None):
    """Anchor the heads of every chain that grew since its last anchor: the new CustodyAnchor, or None when no chain
    grew. Raises timestamping.TimestampUnavailable when no TSA gave a valid token (nothing is stored then)."""
    heads = pending_heads()
    if not heads:
        return None
    root = merkle.root([custody_leaf(event.media_file.sha256, event.sequence, event.event_hash) for event in heads])
    anchor = CustodyAnchor(root=root.hex(), leaf_count=len(heads))
    stamp = timestamping.request_timestamp(anchor.message, urls)
    with transaction.atomic():
        anchor.tsa_url, anchor.token, anchor.tsa_chain_pem = stamp.url, stamp.token, stamp.chain_pem
        anchor.timestamped_at = stamp.timestamped_at
        anchor.save()
        AnchoredHead.objects.bulk_create([
            AnchoredHead(
                anchor=anchor, leaf_index=index, media_file=event.media_file, file_sha256=event.media_file.sha256,
                sequence=event.sequence, event_hash=event.event_hash,
            )
            for index, event in enumerate(heads)
        ])
    logger.info("Anchored %s custody chain heads under root %s at %s", len(heads), anchor.root, stamp.url)
    return anchor


def last_anchored_sequence():
    """A subquery: the sequence of a MediaFile's latest anchored head."""
    return Subquery(
        AnchoredHead.objects.filter(media_file=OuterRef("pk")).order_by("-sequence").values("sequence")[:1]
    )


def pending_heads():
    """The head events of the chains that grew past their last anchored head and still continue it, by file SHA-256."""
    head = CustodyEvent.objects.filter(media_file=OuterRef("pk")).order_by("-sequence").values("sequence")[:1]
    grown = (
        MediaFile.objects.annotate(head_sequence=Subquery(head), anchored_sequence=last_anchored_sequence())
        .filter(head_sequence__isnull=False)
        .filter(Q(anchored_sequence__isnull=True) | Q(head_sequence__gt=F("anchored_sequence")))
        .order_by("sha256")
    )
    heads = []
    for media_file in grown.iterator():
        head_event = _continuing_head(media_file)
        if head_event is not None:
            heads.append(head_event)
    return heads


def _continuing_head(media_file):
    """The file's head event, if its chain links up from the last anchored head (or from genesis) to it."""
    anchored = media_file.anchored_heads.order_by("-sequence").first()
    events = media_file.custody_events.order_by("sequence")
    if anchored is None:
        bad = first_bad_link(media_file, events)
    else:
        events = list(events.filter(sequence__gte=anchored.sequence))
        if not events or events[0].sequence != anchored.sequence or events[0].event_hash != anchored.event_hash:
            logger.error("Custody of %s no longer continues its anchored head #%s; not anchored again.",
                         media_file.sha256, anchored.sequence)
            return None
        bad = first_bad_link(media_file, events[1:], anchored.event_hash, anchored.sequence + 1)
    if bad:
        logger.error("Custody of %s is broken at event #%s (%s); not anchored.", media_file.sha256, bad[0].sequence,
                     bad[1])
        return None
    head = media_file.custody_events.order_by("-sequence").first()
    head.media_file = media_file
    return head


# Inclusion proofs


@dataclass(frozen=True)
class InclusionProof:
    """That one chain head is leaf `leaf_index` of the `tree_size`-leaf tree whose root `anchor` timestamped."""

    anchor: CustodyAnchor
    head: AnchoredHead
    tree_size: int
    path: list  # of 32-byte hashes, nearest the leaf first

    def computed_root(self):
        return merkle.root_from_proof(self.head.leaf_data, self.head.leaf_index, self.tree_size, self.path)

    def verifies(self):
        """Whether the path leads from the head's leaf to the anchor's root."""
        computed = self.computed_root()
        return computed is not None and computed.hex() == self.anchor.root

    def as_json(self):
        """The proof as the bundle's checker reads it (hex strings; the leaf data as ASCII)."""
        return {
            "anchor": self.anchor.pk,
            "root": self.anchor.root,
            "timestamped_at": self.anchor.timestamped_at.isoformat(),
            "tsa_url": self.anchor.tsa_url,
            "file_sha256": self.head.file_sha256,
            "sequence": self.head.sequence,
            "event_hash": self.head.event_hash,
            "leaf_data": self.head.leaf_data.decode("ascii"),
            "leaf_index": self.head.leaf_index,
            "tree_size": self.tree_size,
            "audit_path": [sibling.hex() for sibling in self.path],
        }


def inclusion_proof(media_file, anchor=None):
    """The proof that the file's latest anchored head (or its head in `anchor`) is in its anchor; None if there is
    no such head."""
    heads = AnchoredHead.objects.filter(media_file=media_file).select_related("anchor")
    head = (heads.filter(anchor=anchor) if anchor is not None else heads.order_by("-sequence", "-anchor")).first()
    if head is None:
        return None
    leaves = [leaf.leaf_data for leaf in head.anchor.heads.order_by("leaf_index")]
    if not (0 <= head.leaf_index < len(leaves)) or leaves[head.leaf_index] != head.leaf_data:
        return InclusionProof(head.anchor, head, len(leaves), [])  # rows gone: a proof that cannot verify
    return InclusionProof(head.anchor, head, len(leaves), merkle.inclusion_proof(leaves, head.leaf_index))
