#!/usr/bin/env python3
"""Check a court bundle's custody chains and inclusion proofs with Python's standard library alone.

Run it from the unpacked bundle: `python3 check_bundle.py` (or give the bundle's folder as the argument). It needs
nothing but Python 3.8 or later. For every custody/<sha256>.jsonl it:

1. recomputes each event's hash: SHA-256 over the event's fields without `event_hash`, as JSON with sorted keys,
   no spaces (separators "," and ":") and non-ASCII characters kept as UTF-8; each must equal its `event_hash`,
   each `previous_hash` the hash of the event before it (64 zeros for the first), sequences run 1, 2, 3...;
2. if proofs/<sha256>.json exists: checks that its leaf data is "<sha256> <sequence> <event hash>" of an event of
   that chain, and that its RFC 6962 audit path (leaf = SHA-256(0x00 || leaf data), node = SHA-256(0x01 || left ||
   right)) leads to the root in anchors/<anchor>/root.txt, the text `openssl ts -verify` checks the timestamp on.

It prints one line per file and exits 1 if anything fails. Shipped with every bundle (provenance/bundle_checker.py).
"""

import hashlib
import json
import sys
from pathlib import Path

GENESIS = "0" * 64


def event_hash(event):
    payload = {key: value for key, value in event.items() if key != "event_hash"}
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def check_chain(sha256, lines):
    """(events by sequence, the first problem or None)."""
    events, previous = {}, GENESIS
    for number, line in enumerate(lines, start=1):
        event = json.loads(line)
        where = f"event #{event.get('sequence')}"
        if event.get("file_sha256") != sha256:
            return events, f"{where} names another file"
        if event.get("sequence") != number:
            return events, f"{where} where #{number} was expected (an event is missing)"
        if event.get("previous_hash") != previous:
            return events, f"{where}: its previous_hash is not the hash of the event before it"
        if event_hash(event) != event.get("event_hash"):
            return events, f"{where}: its content does not match its hash"
        events[number], previous = event, event["event_hash"]
    return events, None


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def root_from_proof(leaf, index, size, path):
    """RFC 9162, section 2.1.3.2: the root an audit path leads to, or None if it cannot fit the tree."""
    if not 0 <= index < size:
        return None
    fn, sn, result = index, size - 1, leaf_hash(leaf)
    for sibling in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            result = node_hash(sibling, result)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            result = node_hash(result, sibling)
        fn, sn = fn >> 1, sn >> 1
    return result if sn == 0 else None


def check_proof(folder, sha256, events, proof):
    """The first problem of a file's inclusion proof, or None."""
    sequence, head = proof["sequence"], proof["event_hash"]
    if proof["file_sha256"] != sha256 or proof["leaf_data"] != f"{sha256} {sequence} {head}":
        return "the proof's leaf is not this file's"
    if sequence not in events or events[sequence]["event_hash"] != head:
        return f"the anchored head #{sequence} is not in the chain (events were deleted or rewritten)"
    path = [bytes.fromhex(sibling) for sibling in proof["audit_path"]]
    computed = root_from_proof(proof["leaf_data"].encode("ascii"), proof["leaf_index"], proof["tree_size"], path)
    if computed is None or computed.hex() != proof["root"]:
        return "the audit path does not lead to the anchored root"
    root_file = folder / "anchors" / str(proof["anchor"]) / "root.txt"
    if not root_file.exists() or root_file.read_text(encoding="ascii") != proof["root"]:
        return f"the root is not the one in {root_file.relative_to(folder)}"
    return None


def main(folder):
    folder = Path(folder)
    failures = 0
    chains = sorted((folder / "custody").glob("*.jsonl"))
    for chain_file in chains:
        sha256 = chain_file.stem
        events, problem = check_chain(sha256, chain_file.read_text(encoding="utf-8").splitlines())
        proof_file = folder / "proofs" / f"{sha256}.json"
        anchored = ""
        if problem is None and proof_file.exists():
            proof = json.loads(proof_file.read_text(encoding="utf-8"))
            problem = check_proof(folder, sha256, events, proof)
            anchored = f"; head #{proof['sequence']} is in anchor {proof['anchor']} (root {proof['root']})"
        if problem:
            failures += 1
            print(f"FAIL {sha256}: {problem}")
        else:
            print(f"OK   {sha256}: {len(events)} events, every hash and link checks{anchored or '; not anchored yet'}")
    if not chains:
        print("FAIL no custody/*.jsonl found: run this from the unpacked bundle or give its folder")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent))
