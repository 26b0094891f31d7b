"""External hash lists in: other organisations' hashes (Tech Against Terrorism's list, a partner's CSV) as signals,
matched against every stored file.

A list is imported whole under its source name (:func:`import_list`): entries it marks deleted are removed, the
rest are added or refreshed. MD5 and SHA-256 signals match stored files exactly, by their columns; PDQ signals
match within matching.MATCH_DISTANCE bits, searched with the same exact PDQ index as near-duplicates
(provenance.media.index): the files already stored when a list is imported, in the frame index of every stored
hash; a file analysed later, in an index of the external signals kept level with the table. Each new match is an
ExternalSignalMatch, announced with ``external_signals_matched`` so the catalogue can name the list in a finding.
"""

import csv
import io
import json
import re
import threading
from dataclasses import dataclass, field

from django.db import transaction

from provenance.choices import HashAlgorithm
from provenance.media.index import PDQIndex
from provenance.media.matching import MATCH_DISTANCE
from provenance.models import ExternalSignal, ExternalSignalMatch, FrameHash, MediaFile
from provenance.signals import external_signals_matched

Algorithm = ExternalSignal.Algorithm
# The names lists give each algorithm (TAT's "SHA-256", CSV headers...), lower-cased.
ALGORITHM_NAMES = {"pdq": Algorithm.PDQ, "md5": Algorithm.MD5, "sha256": Algorithm.SHA256, "sha-256": Algorithm.SHA256}
HEX_LENGTH = {Algorithm.PDQ: 64, Algorithm.MD5: 32, Algorithm.SHA256: 64}
_HEX = re.compile(r"^[0-9a-f]+$")


class ListRefused(ValueError):
    """The list cannot be read; the message says where and why."""


@dataclass
class Entry:
    algorithm: str
    hash_digest: str
    external_id: str = ""
    deleted: bool = False
    detail: dict = field(default_factory=dict)


# Reading lists


def parse_list(text):
    """Entries of a list in Tech Against Terrorism's JSON (a hash-list page, or its `results`) or a CSV with a
    header: either `algorithm` and `hash` columns, or one column per algorithm (`pdq`, `md5`, `sha256`)."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return _parse_json(stripped)
    return _parse_csv(text)


def _parse_json(text):
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ListRefused(f"Not JSON: {error}") from None
    rows = data.get("results") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise ListRefused('Expected a list of entries, or an object with "results".')
    entries = []
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise ListRefused(f"Entry {number} is not an object.")
        detail = {key: row[key] for key in ("ideology", "file_type") if isinstance(row.get(key), str)}
        entries.append(_entry(f"entry {number}", row.get("algorithm"), row.get("hash_digest"), row.get("id"),
                              row.get("deleted") is True, detail))
    return entries


def _parse_csv(text):
    reader = csv.DictReader(io.StringIO(text))
    columns = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
    per_algorithm = [name for name in columns if name in ALGORITHM_NAMES]
    if not ({"algorithm", "hash"} <= set(columns) or per_algorithm):
        raise ListRefused("The CSV needs a header: algorithm,hash, or columns named pdq, md5 or sha256.")
    entries = []
    for number, row in enumerate(reader, 2):
        if "algorithm" in columns and "hash" in columns:
            entries.append(_entry(f"line {number}", row[columns["algorithm"]], row[columns["hash"]],
                                  row.get(columns.get("id", ""), "")))
            continue
        for name in per_algorithm:
            if (row[columns[name]] or "").strip():
                entries.append(_entry(f"line {number}", name, row[columns[name]]))
    return entries


def _entry(where, algorithm, digest, external_id="", deleted=False, detail=None):
    algorithm = ALGORITHM_NAMES.get(str(algorithm or "").strip().lower())
    if algorithm is None:
        raise ListRefused(f"{where}: the algorithm must be PDQ, MD5 or SHA-256.")
    digest = str(digest or "").strip().lower()
    if len(digest) != HEX_LENGTH[algorithm] or not _HEX.match(digest):
        raise ListRefused(f"{where}: a {algorithm.label} hash is {HEX_LENGTH[algorithm]} hex characters.")
    return Entry(algorithm, digest, str(external_id or "")[:100], deleted, detail or {})


# Importing


@transaction.atomic
def import_list(source, entries):
    """Bring the signals of `source` level with `entries`, then match the stored files against the new ones:
    {"added", "removed", "matches"}."""
    source = source.strip()
    if not source:
        raise ListRefused("Name the list: findings say which list a file matched.")
    removed = added = 0
    new = []
    for entry in entries:
        key = {"source": source, "algorithm": entry.algorithm, "hash_digest": entry.hash_digest}
        if entry.deleted:
            removed += ExternalSignal.objects.filter(**key).delete()[1].get(ExternalSignal._meta.label, 0)
            continue
        signal, created = ExternalSignal.objects.update_or_create(
            **key, defaults={"external_id": entry.external_id, "detail": entry.detail}
        )
        added += created
        if created:
            new.append(signal)
    return {"added": added, "removed": removed, "matches": len(_match_stored_files(new))}


def _match_stored_files(signals):
    """Matches of the files already stored with newly imported signals."""
    # Imported here: the matching service loads the frame index, which the rest of this module does not need.
    from provenance.services.matching import find_similar

    found = []
    exact = {Algorithm.MD5: "md5", Algorithm.SHA256: "sha256"}
    for signal in signals:
        if signal.algorithm in exact:
            files = MediaFile.objects.filter(**{exact[signal.algorithm]: signal.hash_digest}).values_list("pk", flat=True)
            found += [(file_id, signal, 0) for file_id in files]
        else:
            found += [(file_id, signal, distance) for file_id, distance in find_similar(signal.hash_digest)]
    return _record(found)


# Matching a new file


class _SignalIndex:
    """The PDQ signals in a PDQ index, loading those added since it last looked before every search. Signals
    deleted since stay in it until the process restarts; their ids no longer exist and drop out."""

    def __init__(self):
        self.index, self.loaded_up_to, self.lock = PDQIndex(), 0, threading.Lock()

    def search(self, hashes):
        with self.lock:
            rows = list(
                ExternalSignal.objects.filter(algorithm=Algorithm.PDQ, pk__gt=self.loaded_up_to)
                .order_by("pk").values_list("pk", "hash_digest")
            )
            if rows:
                self.index.add([pk for pk, _ in rows], [digest for _, digest in rows])
                self.loaded_up_to = rows[-1][0]
            return self.index.search(hashes, radius=MATCH_DISTANCE) if hashes and len(self.index) else []


_signal_index = _SignalIndex()


def reset_signal_index():
    """Forget the index (tests, and after a database is replaced); the next search rebuilds it."""
    global _signal_index
    _signal_index = _SignalIndex()


def match_file(media_file):
    """Record the file's new matches with external signals (its MD5 and SHA-256 exactly, its image and frame PDQs
    within the distance): the enrichment calls this once hashes and once analysis are recorded."""
    media_file.refresh_from_db(fields=["md5"])
    exact = ExternalSignal.objects.filter(algorithm=Algorithm.SHA256, hash_digest=media_file.sha256)
    if media_file.md5:
        exact |= ExternalSignal.objects.filter(algorithm=Algorithm.MD5, hash_digest=media_file.md5)
    found = [(media_file.pk, signal, 0) for signal in exact]
    frames = FrameHash.objects.filter(media_file=media_file, algorithm__in=[HashAlgorithm.PDQ, HashAlgorithm.VPDQ])
    hashes = list(frames.values_list("hash", flat=True).distinct())
    nearest = {}
    for hits in _signal_index.search(hashes):
        for signal_id, distance in hits:
            nearest[signal_id] = min(distance, nearest.get(signal_id, distance))
    found += [(media_file.pk, signal, nearest[signal.pk]) for signal in ExternalSignal.objects.filter(pk__in=nearest)]
    return _record(found)


def _record(found):
    """Write the (file id, signal, distance) matches not yet known and announce them; returns the new ones."""
    new = []
    for media_file_id, signal, distance in found:
        match, created = ExternalSignalMatch.objects.get_or_create(
            media_file_id=media_file_id, signal=signal, defaults={"distance": distance}
        )
        if created:
            new.append(match)
    if new:
        external_signals_matched.send(sender=ExternalSignalMatch, matches=new)
    return new
