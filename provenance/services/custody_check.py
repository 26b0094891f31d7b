"""Checking the evidence: custody chains, their anchors and the stored bytes (`manage.py verify_custody`).

For each file it names the first bad point: the first event whose link does not check out (altered, missing,
out of order), or the first anchored head the chain no longer holds: a chain that ends before its anchored head
lost its newest events (or all of them), and one whose event at that sequence has another hash was rewritten.
Apart from the chain, the stored bytes are hashed again (fixity). For each anchor concerned, its heads must still
give its root, and its token must verify over that root (signature, certificate chain, message imprint).
"""

from dataclasses import dataclass

from provenance import merkle, timestamping
from provenance.models import AnchoredHead, CustodyAnchor, MediaFile

from .custody import first_bad_link
from .files import hash_stored_file


@dataclass(frozen=True)
class Problem:
    """One thing wrong: `kind` is "chain", "anchored" (the chain against its anchors), "bytes" or "anchor"."""

    kind: str
    subject: str  # the file's SHA-256, or "anchor <pk>"
    point: str  # where: "event #3", "the stored bytes", "its token"
    detail: str

    def __str__(self):
        return f"{self.subject}: first bad point is {self.point}: {self.detail}"


def check_custody(media_files=None, rehash=True):
    """Every Problem found in the custody of `media_files` (all files by default) and of the anchors holding them."""
    media_files = media_files if media_files is not None else MediaFile.objects.all()
    problems = []
    for media_file in media_files.order_by("pk").iterator():
        chain = _chain_problem(media_file)
        if chain:
            problems.append(chain)
        if rehash:
            problems.extend(_bytes_problem(media_file))
    anchors = CustodyAnchor.objects.filter(heads__media_file__in=media_files).distinct().order_by("pk")
    for anchor in anchors:
        problems.extend(check_anchor(anchor))
    return problems


def _chain_problem(media_file):
    """The earliest of the first broken link and the first anchored head the chain no longer holds."""
    events = list(media_file.custody_events.order_by("sequence"))
    found = []
    bad = first_bad_link(media_file, events)
    if bad:
        event, detail = bad
        found.append((event.sequence, Problem(
            "chain", media_file.sha256,
            f"event #{event.sequence} ({event.get_action_display()}, {event.recorded_at.isoformat()})", detail,
        )))
    by_sequence = {event.sequence: event for event in events}
    head = events[-1].sequence if events else 0
    for anchored in AnchoredHead.objects.filter(media_file=media_file).select_related("anchor").order_by("sequence"):
        event = by_sequence.get(anchored.sequence)
        where = f"anchor {anchored.anchor_id} (timestamped {anchored.anchor.timestamped_at.isoformat()})"
        if event is None and head < anchored.sequence:
            lost = "the whole chain was deleted" if not events else "its newest events were deleted"
            found.append((head + 1, Problem(
                "anchored", media_file.sha256, f"event #{head + 1}",
                f"the chain ends at #{head} but {where} holds #{anchored.sequence}: {lost}",
            )))
            break
        if event is None or event.event_hash != anchored.event_hash:
            found.append((anchored.sequence, Problem(
                "anchored", media_file.sha256, f"event #{anchored.sequence}",
                f"it is not the event {where} holds (missing, or the chain was rewritten up to it)",
            )))
            break
    return min(found, key=lambda pair: pair[0])[1] if found else None


def _bytes_problem(media_file):
    name = media_file.file.name
    try:
        found = hash_stored_file(name)
    except FileNotFoundError:
        return [Problem("bytes", media_file.sha256, "the stored bytes", f"{name} is missing from storage")]
    if found != media_file.sha256:
        return [Problem("bytes", media_file.sha256, "the stored bytes", f"they hash to {found} now")]
    return []


def check_anchor(anchor):
    """Problems of one anchor: its heads no longer giving its root, a token that does not verify over it."""
    subject, problems = f"anchor {anchor.pk}", []
    leaves = [head.leaf_data for head in anchor.heads.order_by("leaf_index")]
    if len(leaves) != anchor.leaf_count or not leaves or merkle.root(leaves).hex() != anchor.root:
        problems.append(Problem(
            "anchor", subject, "its heads",
            f"its {len(leaves)} stored heads (of {anchor.leaf_count}) no longer give its root {anchor.root}",
        ))
    try:
        timestamping.verify_token(anchor.token, anchor.message, anchor.tsa_chain_pem)
    except (timestamping.TokenInvalid, timestamping.TimestampUnavailable) as problem:
        problems.append(Problem("anchor", subject, "its token", f"the timestamp does not verify: {problem}"))
    return problems
