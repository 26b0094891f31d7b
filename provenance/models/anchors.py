"""Anchors: custody chains' heads, fixed in time by a Time-Stamping Authority (RFC 3161) outside our database.

A hash chain shows an event altered or removed from its middle, but not its newest events deleted: the chain just
ends earlier. So every so often (provenance.services.anchoring) the heads of the chains that grew are put in one
Merkle tree (provenance.merkle) and its root is timestamped by a TSA. From then on, a chain whose head is older than
its anchored head, or whose event at that sequence has another hash, has lost or changed events, and the TSA's
signature shows when the anchored state existed, to anyone, without trusting us.
"""

from django.db import models
from django.utils import timezone

from .append_only import AppendOnlyModel


def custody_leaf(file_sha256, sequence, event_hash):
    """The Merkle leaf data of a chain's head: ASCII "<file SHA-256> <head sequence> <head event hash>" (lowercase
    hex, the sequence in decimal, one space between, no newline). The head's hash commits to the whole chain."""
    return f"{file_sha256} {sequence} {event_hash}".encode("ascii")


class CustodyAnchor(AppendOnlyModel):
    """One RFC 3161 timestamp over the Merkle root of the chain heads that changed since the anchor before.

    What the TSA timestamped (the message of its token's imprint) is the root as 64 lowercase hexadecimal ASCII
    characters, so `openssl ts -verify -data <file holding them>` checks it with nothing of ours."""

    created_at = models.DateTimeField(default=timezone.now)
    root = models.CharField(max_length=64, help_text="The Merkle root of the heads, in hexadecimal.")
    leaf_count = models.PositiveIntegerField()
    tsa_url = models.CharField("TSA URL", max_length=500)
    token = models.BinaryField(help_text="The TSA's answer (DER TimeStampResp, a .tsr file).")
    tsa_chain_pem = models.TextField(
        "TSA certificate chain", help_text="PEM: the TSA's certificate and the CA certificates it was verified against."
    )
    timestamped_at = models.DateTimeField(help_text="The time the TSA signed (the token's genTime).")

    class Meta(AppendOnlyModel.Meta):
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Anchor {self.pk}: {self.leaf_count} chain heads, root {self.root[:12]}, {self.timestamped_at:%Y-%m-%d %H:%M}"

    @property
    def message(self):
        """The bytes the TSA timestamped."""
        return self.root.encode("ascii")


class AnchoredHead(AppendOnlyModel):
    """One leaf of an anchor: the head of one file's custody chain when it was anchored."""

    anchor = models.ForeignKey(CustodyAnchor, on_delete=models.PROTECT, related_name="heads")
    leaf_index = models.PositiveIntegerField()
    media_file = models.ForeignKey("provenance.MediaFile", on_delete=models.PROTECT, related_name="anchored_heads")
    file_sha256 = models.CharField("file SHA-256", max_length=64)
    sequence = models.PositiveIntegerField()
    event_hash = models.CharField(max_length=64)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["anchor", "leaf_index"]
        constraints = [
            models.UniqueConstraint(fields=["anchor", "leaf_index"], name="one_head_per_leaf"),
            models.UniqueConstraint(fields=["anchor", "media_file"], name="one_head_per_file_per_anchor"),
        ]
        # The latest anchored head of a file.
        indexes = [models.Index(fields=["media_file", "sequence"])]

    def __str__(self):
        return f"{self.file_sha256[:12]} #{self.sequence} in anchor {self.anchor_id}"

    @property
    def leaf_data(self):
        return custody_leaf(self.file_sha256, self.sequence, self.event_hash)
