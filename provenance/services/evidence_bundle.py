"""The evidence part of a court bundle: files, custody chains, anchors and proofs anyone can check with standard tools.

A bundle is a ZIP. This module writes what concerns stored files (catalog.services.bundles adds the items and
decides, by the access policy, which originals go in):

    originals/<sha256>            the original bytes, named by their SHA-256
    custody/<sha256>.jsonl        the custody chain, one event a line, with every field its hash covers
    proofs/<sha256>.json          the inclusion proof of the chain's latest anchored head in its anchor
    anchors/<id>/root.txt         the Merkle root, 64 hex characters without newline: the message timestamped
    anchors/<id>/token.tsr        the TSA's RFC 3161 answer (DER TimeStampResp)
    anchors/<id>/tsa-ca.pem       the CA certificate(s) the token was verified against
    anchors/<id>/tsa-chain.pem    the TSA's own certificate
    check_bundle.py               the standalone chain and proof checker (provenance/bundle_checker.py)
    README.txt                    the commands, for this bundle's files
    SHA256SUMS                    every other file's SHA-256, in `sha256sum -c` format
"""

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.storage import default_storage

from provenance import timestamping

from .anchoring import inclusion_proof
from .files import iter_chunks

CHECKER = Path(__file__).resolve().parent.parent / "bundle_checker.py"


class BundleWriter:
    """A ZIP being written that remembers each member's SHA-256 for SHA256SUMS."""

    def __init__(self, fileobj):
        self.zip = zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED)
        self.sums = {}

    def add(self, name, content):
        data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
        self.zip.writestr(name, data)
        self.sums[name] = hashlib.sha256(data).hexdigest()

    def add_stored(self, name, storage_name):
        """Copy stored bytes in, chunk by chunk (originals may be large), hashing them on the way."""
        digest = hashlib.sha256()
        with default_storage.open(storage_name, "rb") as stored, self.zip.open(name, "w", force_zip64=True) as member:
            for chunk in iter_chunks(stored):
                digest.update(chunk)
                member.write(chunk)
        self.sums[name] = digest.hexdigest()
        return self.sums[name]

    def close(self):
        """Write SHA256SUMS (two spaces between hash and name, as sha256sum writes it) and finish the ZIP."""
        lines = "".join(f"{digest}  {name}\n" for name, digest in sorted(self.sums.items()))
        self.zip.writestr("SHA256SUMS", lines)
        self.zip.close()


def custody_lines(media_file):
    """The file's custody chain as JSON Lines: each event's hashed fields (CustodyEvent.compute_hash) and its hash."""
    lines = []
    for event in media_file.custody_events.order_by("sequence"):
        event.media_file = media_file
        record = {
            "file_sha256": media_file.sha256, "sequence": event.sequence, "action": event.action,
            "actor": event.actor, "detail": event.detail, "recorded_at": event.recorded_at.isoformat(),
            "previous_hash": event.previous_hash, "event_hash": event.event_hash,
        }
        lines.append(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n")
    return "".join(lines)


@dataclass
class EvidenceWritten:
    """What `write_evidence` put in: per file whether its original went in, and the anchors used."""

    originals: dict = field(default_factory=dict)  # sha256 -> bool
    anchors: dict = field(default_factory=dict)  # pk -> CustodyAnchor
    missing: list = field(default_factory=list)  # sha256 of originals that should have gone in but are not stored


def write_evidence(writer, media_files, with_original):
    """Write the files' originals (those for which `with_original(media_file)` is true), chains, proofs and anchors."""
    written = EvidenceWritten()
    for media_file in sorted(media_files, key=lambda media_file: media_file.sha256):
        sha256 = media_file.sha256
        included = False
        if with_original(media_file):
            try:
                writer.add_stored(f"originals/{sha256}", media_file.file.name)
                included = True
            except FileNotFoundError:
                written.missing.append(sha256)
        written.originals[sha256] = included
        writer.add(f"custody/{sha256}.jsonl", custody_lines(media_file))
        proof = inclusion_proof(media_file)
        if proof is not None:
            writer.add(f"proofs/{sha256}.json", json.dumps(proof.as_json(), indent=2) + "\n")
            written.anchors[proof.anchor.pk] = proof.anchor
    for pk, anchor in sorted(written.anchors.items()):
        cas, others = timestamping.split_chain(anchor.tsa_chain_pem)
        writer.add(f"anchors/{pk}/root.txt", anchor.root)
        writer.add(f"anchors/{pk}/token.tsr", bytes(anchor.token))
        writer.add(f"anchors/{pk}/tsa-ca.pem", cas)
        writer.add(f"anchors/{pk}/tsa-chain.pem", others)
    writer.add("check_bundle.py", CHECKER.read_bytes())
    return written


def readme(written, title, about=""):
    """README.txt: what the bundle holds and the exact commands that check it, with nothing of ours."""
    anchors = sorted(written.anchors.values(), key=lambda anchor: anchor.pk)
    verify = "\n".join(
        f"    openssl ts -verify -data anchors/{a.pk}/root.txt -in anchors/{a.pk}/token.tsr "
        f"-CAfile anchors/{a.pk}/tsa-ca.pem -untrusted anchors/{a.pk}/tsa-chain.pem\n"
        f"    openssl ts -reply -in anchors/{a.pk}/token.tsr -text    # when: the Time stamp line ({a.tsa_url})"
        for a in anchors
    ) or "    (No chain in this bundle has been anchored yet.)"
    fingerprints = "\n".join(
        f"    openssl x509 -in anchors/{a.pk}/tsa-ca.pem -noout -subject -fingerprint -sha256" for a in anchors
    ) or "    (none)"
    withheld = [sha256 for sha256, included in written.originals.items() if not included]
    return f"""{title}
{"=" * len(title)}

{about}
What is in it
-------------
originals/<sha256>          the original files, each named by the SHA-256 of its bytes
custody/<sha256>.jsonl      each file's chain of custody: one event a line; each event's hash covers all its other
                            fields and the hash of the event before it
proofs/<sha256>.json        where a chain was anchored: the proof that its head at that time is in a Merkle tree
anchors/<id>/root.txt       the root of that tree (64 hexadecimal characters, no newline), as timestamped
anchors/<id>/token.tsr      the RFC 3161 timestamp token over root.txt, signed by the Time-Stamping Authority (TSA)
anchors/<id>/tsa-ca.pem     the TSA's CA certificate; anchors/<id>/tsa-chain.pem the TSA's own certificate
check_bundle.py             checks the chains and the proofs with Python's standard library alone (read it first)
SHA256SUMS                  the SHA-256 of every other file here
{"Originals not included (the recipient is not cleared for them, or their bytes are missing): " + ", ".join(withheld)
 if withheld else "Every file's original is included."}

How to check it, with standard tools only (run in the unpacked folder)
------------------------------------------------------------------------
1. Nothing was changed in transit, and each original is the file its name says:

    sha256sum -c SHA256SUMS
    for f in originals/*; do [ "$(sha256sum < "$f" | cut -d' ' -f1)" = "$(basename "$f")" ] && echo "OK $f" || echo "FAIL $f"; done

2. Each Merkle root existed at the time the TSA signed (its signature, certificate chain, and that the token's
   message imprint is the SHA-256 of root.txt):

{verify}

   The TSA's CA certificate is in the bundle for convenience only: compare its fingerprint with the one the TSA
   publishes before trusting it.

{fingerprints}

3. Each custody chain is intact, and its head at the time of anchoring is in the timestamped tree:

    python3 check_bundle.py

   A leaf is the ASCII text "<file sha256> <sequence> <event hash>" of a chain's head; the tree is RFC 6962's
   (leaf = SHA-256(0x00 || leaf), node = SHA-256(0x01 || left || right)). Events after the anchored head are in
   the chain but not yet timestamped; they are still bound to it by their hashes.
"""
