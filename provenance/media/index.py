"""An exact index of PDQ hashes: every hash within the radius is found, and nothing farther.

A log-structured store of immutable segments (provenance.media.pdq_segment: an 8 × 32-bit multi-index) plus a tail
of recent appends searched by brute force:

* Adding appends to the tail, a growable buffer (capacity doubles, so n appends copy O(n) bytes): 1,000 hashes
  added to a 10M index in well under a millisecond. Nothing is sorted on add.
* The tail becomes a segment when it reaches ``merge_at`` codes, at the next search or ``flush``: catching up a
  backlog of many batches therefore sorts it once, as one bulk build does (issue 15: the old index re-sorted
  everything loaded so far on every 65,536 hashes, so catching up to 10M was quadratic).
* Segments merge in tiers of ``_FAN_IN`` of about one size (log-structured merging): each hash is re-sorted
  O(log n) times over its life, and a search probes a handful of segments.
* Removing records ids as dead; they are filtered from results and dropped at the next merge.

Ids are the caller's int64 labels (e.g. the primary key of a stored hash row); several hashes may share an id,
and ``remove`` drops them all. Not thread-safe: callers hold a lock (provenance.services.matching does).
Figures: bench/pdq_index/results.txt.
"""

import math

import numpy as np

from .pdq_segment import Segment, within

DEFAULT_RADIUS = 31
_FAN_IN = 4  # segments of one tier merged together: fewer segments to probe against fewer re-sorts


def hex_to_codes(hashes):
    """(n, 32) uint8 array from 64-character hex strings."""
    hashes = list(hashes)
    try:
        joined = b"".join(bytes.fromhex(value) for value in hashes)
    except (TypeError, ValueError) as error:
        raise ValueError("PDQ hashes are 64 hexadecimal characters.") from error
    codes = np.frombuffer(joined, dtype=np.uint8)
    if len(codes) != 32 * len(hashes):
        raise ValueError("PDQ hashes are 64 hexadecimal characters.")
    return codes.reshape(-1, 32)


class PDQIndex:
    def __init__(self, merge_at=65536, segments=(), shared=()):
        self.merge_at = merge_at
        self.segments = list(segments)
        self.shared = list(shared)  # mapped segments of a published generation: searched, never merged here
        self._tail_codes = np.empty((0, 32), np.uint8)
        self._tail_ids = np.empty(0, np.int64)
        self._tail_count = 0
        self._dead = np.empty(0, np.int64)

    @classmethod
    def rebuild(cls, entries, merge_at=65536):
        """A new index from (id, hex hash) pairs, e.g. every stored hash at start-up."""
        ids, hashes = [], []
        for identifier, value in entries:
            ids.append(identifier)
            hashes.append(value)
        return cls.from_codes(hex_to_codes(hashes), np.array(ids, dtype=np.int64), merge_at)

    @classmethod
    def from_codes(cls, codes, ids, merge_at=65536):
        """A new index over (n, 32) uint8 codes in one segment: the bulk build."""
        return cls(merge_at, [Segment.build(codes, ids)] if len(ids) else [])

    def __len__(self):
        stored = sum(len(segment) for segment in self.shared + self.segments) + self._tail_count
        if not len(self._dead):
            return stored
        return stored - sum(int(np.isin(ids, self._dead).sum()) for ids in self._all_ids())

    def add(self, ids, hashes):
        self.add_codes(np.asarray(list(ids), dtype=np.int64), hex_to_codes(hashes))

    def add_codes(self, ids, codes):
        ids = np.asarray(ids, dtype=np.int64)
        if len(ids) != len(codes):
            raise ValueError("add() needs one id per hash.")
        needed = self._tail_count + len(ids)
        if needed > len(self._tail_ids):
            capacity = max(needed, 2 * len(self._tail_ids), 1024)
            self._tail_codes = np.resize(self._tail_codes, (capacity, 32))
            self._tail_ids = np.resize(self._tail_ids, capacity)
        self._tail_codes[self._tail_count : needed] = codes
        self._tail_ids[self._tail_count : needed] = ids
        self._tail_count = needed
        if len(self._dead):
            self._dead = np.setdiff1d(self._dead, ids)  # an id added again is alive again

    def remove(self, ids):
        """Drop every hash labelled with one of `ids`; returns how many were live."""
        ids = np.setdiff1d(np.asarray(list(ids), dtype=np.int64), self._dead)
        removed = sum(int(np.isin(stored, ids).sum()) for stored in self._all_ids())
        self._dead = np.union1d(self._dead, ids)
        return removed

    def search(self, hashes, radius=DEFAULT_RADIUS):
        """For each query hash, [(id, distance), ...] of every live hash within `radius`, nearest first."""
        return self.search_codes(hex_to_codes(hashes), radius)

    def search_codes(self, queries, radius=DEFAULT_RADIUS):
        if self._tail_count >= self.merge_at:
            self.flush()
        found = []
        for query in np.ascontiguousarray(queries, np.uint8).reshape(-1, 32):
            ids, distances = [], []
            for segment in self.shared + self.segments:
                rows, near = segment.search(query, radius)
                ids.append(segment.ids[rows])
                distances.append(near)
            if self._tail_count:
                words = self._tail_codes[: self._tail_count].view(np.uint64).reshape(-1, 4)
                rows, near = within(words, query, np.arange(self._tail_count), radius)
                ids.append(self._tail_ids[rows])
                distances.append(near)
            found.append(self._hits(ids, distances))
        return found

    def flush(self):
        """Turn the tail into a segment, then merge tiers that have filled up."""
        if self._tail_count:
            codes, ids = self._tail_codes[: self._tail_count], self._tail_ids[: self._tail_count]
            self.segments.append(Segment.build(codes, ids))
            self._tail_codes, self._tail_ids, self._tail_count = np.empty((0, 32), np.uint8), np.empty(0, np.int64), 0
        self.segments = self.merged(self.segments, self.merge_at, self._dead)

    @staticmethod
    def merged(segments, merge_at, dead=()):
        """The segments with every full tier merged into one segment (a new list; the inputs are not changed)."""
        segments = list(segments)
        while True:
            tiers = {}
            for segment in segments:
                tier = int(math.log(max(len(segment), merge_at) / merge_at, _FAN_IN))
                tiers.setdefault(tier, []).append(segment)
            full = next((tier for tier in sorted(tiers) if len(tiers[tier]) >= _FAN_IN), None)
            if full is None:
                return segments
            group = tiers[full]
            codes = np.concatenate([segment.codes for segment in group])
            ids = np.concatenate([segment.ids for segment in group])
            if len(dead):
                live = ~np.isin(ids, dead)
                codes, ids = codes[live], ids[live]
            segments = [segment for segment in segments if all(segment is not other for other in group)]
            if len(ids):
                segments.append(Segment.build(codes, ids))

    def memory_bytes(self):
        return sum(segment.nbytes() for segment in self.shared + self.segments) + self._tail_codes.nbytes + self._tail_ids.nbytes

    def _all_ids(self):
        return [segment.ids for segment in self.shared + self.segments] + [self._tail_ids[: self._tail_count]]

    def _hits(self, ids, distances):
        if not ids:
            return []
        ids, distances = np.concatenate(ids), np.concatenate(distances)
        if len(self._dead):
            live = ~np.isin(ids, self._dead)
            ids, distances = ids[live], distances[live]
        order = np.lexsort((ids, distances))
        return list(zip(ids[order].tolist(), distances[order].tolist()))
