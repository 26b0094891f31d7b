"""Is one video (or image) a copy of another? ThreatExchange's vPDQ rule, on hashes that survive re-uploads.

The rule (ThreatExchange's vpdq_brute_matcher): frames with quality < 50 are ignored, equal hashes count once,
two frames match within PDQ distance 31, and the query matches when at least 80% of its frames match. Both
percentages are reported: of the query's frames that matched, and of the compared (target) file's.

Plain vPDQ misses what re-uploads routinely do, so every sampled frame also gets robust hashes
(fingerprints.robust_frame) and matching compares those. The design, decided by measurement
(bench/vpdq/variants.py; three 8 s 960×540 originals with natural statistics; the latest run is in
bench/vpdq/variants.txt). Each cell: query-matched % for the worst original / the largest nearest-frame
distance of a query second (31 is the threshold):

    altered copy              plain vPDQ   this design   without the part that fixes it
    re-encoded at CRF 40      100% / 14    100% /  4
    scaled to 480p            100% / 12    100% /  2
    logo badge in a corner    100% / 28    100% / 16     (no central regions: 100% / 30, a hair from missing)
    letterboxed to 4:3          0% / 118   100% /  0     border trimming (on in every robust column)
    mirrored                    0% / 124   100% /  2     no mirror: 0% / 108
    cropped 5%, off-centre      0% / 66    100% / 18     no central regions: 0% / 54
    cropped 20%, centred        0% / 128   100% /  4     indexing scales 1 and 0.9 only: 0% / 100
    first 2 s trimmed         100% /  4    100% /  0
    first 2.48 s trimmed        0% / 58    100% /  0     indexing 1 frame a second: 67% / 50
    first 2.24 s trimmed        0% / 48    100% /  6     querying 1 frame a second: 83% / 36
    cropped 10%, off-centre     0% / 102    12% / 38     missed: PDQ moves ~30 bits for a 1% shift of centre
    unrelated videos, nearest pair of hashes compared: 96 bits (plain 100+)

* Black borders are trimmed before hashing, so a letterboxed or pillarboxed copy hashes as its picture.
* Central regions at scales 1.0, 0.95, 0.9 and 0.8 are hashed on both sides and any pair may match: a copy
  cropped by c meets the original's region at scale ≈ 1 - c, the original queried against an indexed crop
  meets it the other way round, and a corner logo falls outside both 0.8 regions. Crops of more than ~5% that
  are also off-centre by 1% or more are still missed; finding them would need shifted regions too.
* The query side adds the whole frame's left-right mirror; mirrors are not indexed.
* Slots: a slot is one vPDQ interval (a second). The index holds two frames a slot (its opening frame and
  the sample nearest mid-slot) at the four scales: 8 hashes a second, so a million hashes (113 MB of index)
  hold about 35 hours of video.
  The query side samples every quarter second, and a query slot matches when any of its samples does, so
  copies trimmed off the one-second grid line up within 0.12 s. Percentages count slots, so they mean what
  ThreatExchange's do, and `offset_seconds` says where in the target the query starts.
* Evidence, so an analyst can see why two files are one video: for every query second, its nearest pair of
  hashes at any distance (which query and target times, the distance, whether mirrored, which central scales
  met), and `crop_scale`, the median ratio of target to query scale over the matched seconds: 0.95 means the
  query shows about 95% of the target's picture (a crop), above 1 that the target is the cropped one.

Finding candidates in the index (issue 15): a file is only kept when at least 80% of the query's slots match it,
so it misses fewer than k of them, k being the smallest number of slots whose loss takes a file below 80%
(`discovery_slot_count`: 3 for a 10 s query). Every kept file therefore has a hit in ANY k of the query's slots,
and `candidate_hits` looks up only the entries (every sample, scale and the mirror) of k slots, the ones with the
fewest distinct hashes: exact, not a sample. For a 10 s video that is about 60 hashes instead of 200-240 (each
costing about 1 ms at a million indexed hashes). It finds fewer files than looking up every hash
(`search_hashes(index, query_hashes(...))`), but only files that could not reach 80%; every candidate it finds
is still scored by `compare` on all its hashes. The exactness relies on `compare` matching no farther than the
index is searched (both MATCH_DISTANCE) and the index holding every hash `compare` reads of a target
(`index_entries`, the same entries). Tests: tests/media/test_discovery.py; figures:
bench/pdq_index/results_discovery.txt.
"""

from dataclasses import dataclass, field
from statistics import median

import faiss

from provenance.media.fingerprints import SCALES
from provenance.media.index import hex_to_codes

MATCH_DISTANCE = 31
MIN_QUALITY = 50
QUERY_MATCH_PERCENT = 80.0


@dataclass(frozen=True)
class VideoMatch:
    query_match_percent: float
    target_match_percent: float
    best_distance: int | None
    mirrored: bool  # most matched query seconds matched only as mirror images
    offset_seconds: float | None  # where the query sits in the target: target time minus query time (median)
    crop_scale: float | None = None  # see the module's docstring; None without matched seconds
    seconds: tuple = field(default=(), compare=False)  # SecondEvidence, one per query second, in time order

    @property
    def is_match(self):
        return reaches_threshold(self.query_match_percent)

    def to_dict(self):
        return {
            "is_match": self.is_match,
            "query_match_percent": round(self.query_match_percent, 1),
            "target_match_percent": round(self.target_match_percent, 1),
            "best_distance": self.best_distance,
            "mirrored": self.mirrored,
            "offset_seconds": self.offset_seconds,
            "crop_scale": self.crop_scale,
            "seconds": [second.to_dict() for second in self.seconds],
        }


@dataclass(frozen=True)
class SecondEvidence:
    """A query second's nearest pair of hashes in the target, matched or not."""

    query_seconds: float
    target_seconds: float
    distance: int
    mirrored: bool
    query_scale: float
    target_scale: float

    def to_dict(self):
        return {
            "query_seconds": round(self.query_seconds, 2),
            "target_seconds": round(self.target_seconds, 2),
            "distance": self.distance,
            "matched": self.distance <= MATCH_DISTANCE,
            "mirrored": self.mirrored,
            "query_scale": self.query_scale,
            "target_scale": self.target_scale,
        }


@dataclass(frozen=True)
class _Entry:
    slot: int
    timestamp: float
    hash: str
    mirrored: bool = False
    scale: float = 1.0


def index_entries(fingerprint):
    """(slot, hash) pairs to put in the PDQ index for a file: two frames a slot, every scale, unmirrored."""
    entries, _ = _target_entries(fingerprint)
    return [(entry.slot, entry.hash) for entry in entries]


def percent_of_slots(matched_slots, query_slots):
    """The share of a query's slots that matched, in percent: the one formula `_score` and discovery both use."""
    return 100.0 * matched_slots / query_slots


def reaches_threshold(percent):
    """ThreatExchange's rule: the query matches when at least 80% of its slots do."""
    return percent >= QUERY_MATCH_PERCENT


def discovery_slot_count(query_slots):
    """The fewest slots a file must miss to fall below the threshold: every kept match hits one of any this many."""
    if not query_slots:
        return 0  # nothing can match a query without eligible slots: nothing to look up
    return next(
        missed
        for missed in range(1, query_slots + 1)
        if not reaches_threshold(percent_of_slots(query_slots - missed, query_slots))
    )


def query_hashes(fingerprint):
    """Every hash of a query: all its quarter-second samples, every scale, and their mirror images.

    What `compare` matches with; discovery looks up only a few slots' worth of them (`discovery_hashes`)."""
    entries, _ = _query_entries(fingerprint)
    return sorted({entry.hash for entry in entries})


def discovery_slots(fingerprint):
    """The `discovery_slot_count` query slots whose hashes candidate discovery looks up, in slot order.

    Any such set is exact (see the module's docstring), so the choice is about cost: greedily, the slot adding the
    fewest hashes not yet chosen; among equals the one farthest in time from those chosen, so the look-up does not
    lean on one stretch of the video; then the earliest. Which slots are looked up never changes which files are
    kept, and depends on the fingerprint alone."""
    return _choose_slots(_hashes_by_slot(fingerprint))


def discovery_hashes(fingerprint):
    """The hashes candidate discovery looks up: every entry of the `discovery_slots`, not every query hash."""
    hashes_by_slot = _hashes_by_slot(fingerprint)
    return sorted(set().union(*(hashes_by_slot[slot] for slot in _choose_slots(hashes_by_slot))))


def candidate_hits(index, fingerprint):
    """{index id: nearest distance} for the indexed hashes near the `discovery_hashes`.

    The ids lead to every file `compare` could find matching this one by the 80% rule (and some that it will not);
    not to every file sharing a close hash. The radius is `compare`'s, on which the exactness rests."""
    return search_hashes(index, discovery_hashes(fingerprint), MATCH_DISTANCE)


def search_hashes(index, hashes, radius=MATCH_DISTANCE):
    """{index id: nearest distance} for every indexed hash within `radius` of any of `hashes`."""
    nearest = {}
    for hits in index.search(hashes, radius):
        for identifier, hit_distance in hits:
            nearest[identifier] = min(hit_distance, nearest.get(identifier, hit_distance))
    return nearest


def compare(query, target, radius=MATCH_DISTANCE):
    """Match a query fingerprint against a target's, with the robust hashes."""
    return _score(*_query_entries(query), *_target_entries(target), radius)


def compare_vpdq(query, target, radius=MATCH_DISTANCE):
    """ThreatExchange's plain rule on plain vPDQ (fingerprints.FrameHash lists), e.g. for hashes from partners."""
    return _score(*_plain_entries(query), *_plain_entries(target), radius)


def _plain_entries(frame_hashes):
    entries, seen = [], set()
    for frame_hash in frame_hashes:
        if frame_hash.quality >= MIN_QUALITY and frame_hash.hash not in seen:
            seen.add(frame_hash.hash)
            entries.append(_Entry(frame_hash.frame, frame_hash.timestamp, frame_hash.hash))
    return entries, {entry.slot for entry in entries}


def _eligible_slots(fingerprint):
    """Slots whose opening frame is good enough (quality >= 50) and not a repeat of an earlier slot's."""
    slots, seen = set(), set()
    for frame in fingerprint.frames:
        if frame.opens_slot and frame.qualities[0] >= MIN_QUALITY and frame.hashes[0] not in seen:
            seen.add(frame.hashes[0])
            slots.add(frame.slot)
    return slots


def _target_entries(fingerprint):
    slots = _eligible_slots(fingerprint)
    entries, seen = [], set()
    for frame in fingerprint.frames:
        if frame.indexed and frame.slot in slots:
            for value, quality, scale in zip(frame.hashes, frame.qualities, SCALES):
                if quality >= MIN_QUALITY and value not in seen:
                    seen.add(value)
                    entries.append(_Entry(frame.slot, frame.timestamp, value, scale=scale))
    return entries, slots


def _hashes_by_slot(fingerprint):
    """{eligible query slot: the set of its entries' hashes}; every eligible slot has at least its opening frame's."""
    entries, slots = _query_entries(fingerprint)
    hashes_by_slot = {slot: set() for slot in slots}
    for entry in entries:
        hashes_by_slot[entry.slot].add(entry.hash)
    return hashes_by_slot


def _choose_slots(hashes_by_slot):
    chosen, chosen_hashes = [], set()
    for _ in range(discovery_slot_count(len(hashes_by_slot))):
        slot = min(
            (slot for slot in hashes_by_slot if slot not in chosen),
            key=lambda slot: (
                len(hashes_by_slot[slot] - chosen_hashes),
                -min((abs(slot - other) for other in chosen), default=0),
                slot,
            ),
        )
        chosen.append(slot)
        chosen_hashes |= hashes_by_slot[slot]
    return sorted(chosen)


def _query_entries(fingerprint):
    slots = _eligible_slots(fingerprint)
    entries = []
    for frame in fingerprint.frames:
        if frame.slot in slots:
            for value, quality, scale in zip(frame.hashes, frame.qualities, SCALES):
                if quality >= MIN_QUALITY:
                    entries.append(_Entry(frame.slot, frame.timestamp, value, scale=scale))
            if frame.qualities[0] >= MIN_QUALITY:
                entries.append(_Entry(frame.slot, frame.timestamp, frame.mirrored, mirrored=True))
    return entries, slots


def _score(query_entries, query_slots, target_entries, target_slots, radius):
    if not query_entries or not target_entries:
        return VideoMatch(0.0, 0.0, None, False, None)
    targets = faiss.IndexBinaryFlat(256)  # exact; a few hundred hashes a minute of video
    targets.add(hex_to_codes(entry.hash for entry in target_entries))
    query_codes = hex_to_codes(entry.hash for entry in query_entries)
    seconds = _nearest_by_second(targets, query_codes, query_entries, target_entries)
    limits, distances, rows = targets.range_search(query_codes, radius + 1)
    best = {}  # query slot -> (distance, mirrored, query entry, target entry) of its nearest hit
    matched_targets = set()
    for position, query_entry in enumerate(query_entries):
        for row, hit_distance in zip(
            rows[limits[position] : limits[position + 1]], distances[limits[position] : limits[position + 1]]
        ):
            target_entry = target_entries[row]
            matched_targets.add(target_entry.slot)
            candidate = (int(hit_distance), query_entry.mirrored, query_entry, target_entry)
            if query_entry.slot not in best or candidate[:2] < best[query_entry.slot][:2]:
                best[query_entry.slot] = candidate
    if not best:
        return VideoMatch(0.0, 0.0, None, False, None, seconds=seconds)
    mirrored = sum(hit[1] for hit in best.values()) * 2 > len(best)
    offset = median(hit[3].timestamp - hit[2].timestamp for hit in best.values())
    matched = [second for second in seconds if second.distance <= radius]
    crop_scale = median(second.target_scale / second.query_scale for second in matched) if matched else None
    return VideoMatch(
        query_match_percent=percent_of_slots(len(best), len(query_slots)),
        target_match_percent=100.0 * len(matched_targets) / len(target_slots),
        best_distance=min(hit[0] for hit in best.values()),
        mirrored=mirrored,
        offset_seconds=round(offset, 2),
        crop_scale=None if crop_scale is None else round(crop_scale, 2),
        seconds=seconds,
    )


def _nearest_by_second(targets, query_codes, query_entries, target_entries):
    """Each query slot's nearest pair of hashes at any distance: the evidence, and where a weak match falls short."""
    distances, rows = targets.search(query_codes, 1)
    nearest = {}
    for query_entry, [hit_distance], [row] in zip(query_entries, distances, rows):
        target_entry = target_entries[row]
        candidate = (int(hit_distance), query_entry.mirrored, query_entry, target_entry)
        if query_entry.slot not in nearest or candidate[:2] < nearest[query_entry.slot][:2]:
            nearest[query_entry.slot] = candidate
    return tuple(
        SecondEvidence(
            query_seconds=query_entry.timestamp, target_seconds=target_entry.timestamp, distance=hit_distance,
            mirrored=mirrored, query_scale=query_entry.scale, target_scale=target_entry.scale,
        )
        for _, (hit_distance, mirrored, query_entry, target_entry) in sorted(nearest.items())
    )
