"""One immutable, exact multi-index over a fixed set of PDQ codes, stored as plain arrays (in memory or mapped).

The 256 bits are cut into 8 chunks of 32 bits. Two codes at distance d differ in some chunk by at most d // 8 bits
(8 chunks × (d // 8 + 1) > d), so every code within radius r shares a chunk with the query up to t = r // 8 flips
(3 at radius 31). For each chunk the rows are grouped by the chunk's top `prefix_bits` bits: a bucket per prefix,
with offsets into a posting array. A query looks up every prefix within t flips of its own, and each posting
carries a few more of the chunk's bits (its tag) so most wrong rows in a bucket are dropped before their codes are
read; the survivors are checked on all 256 bits. Exact, whatever the data.

Memory per code: 32 B of code, 8 B of id, 4 B of posting for 7 chunks (the rows themselves are kept in the order of
chunk 0, so chunk 0 needs no posting array): 68 B, plus 8 × 2^prefix_bits × 4 B of offsets (prefix_bits grows with
the segment, up to 24: 537 MB at 100M codes). A posting packs the row number and the tag into 32 bits, so a segment
holds at most 2^31 codes.
"""

import json
from functools import cache
from itertools import combinations
from pathlib import Path

import numpy as np

CHUNKS = 8
MAX_ROWS = 1 << 31
_ARRAYS = ("codes", "ids", "postings", "offsets")


def prefix_bits_for(count):
    """2-4 codes a bucket: probing reads about as many postings as it looks up buckets. Fewer would make the
    offsets outgrow the codes (25 bits: 1.07 GB of offsets, at 100M codes 3.2 GB of them)."""
    return int(min(25, max(1, count.bit_length() - 2)))


@cache
def _flips(prefix_bits, flips):
    """(XOR masks over the top `prefix_bits` bits of a chunk, how many bits each flips), for 0..flips flips."""
    masks, counts = [], []
    for count in range(min(flips, prefix_bits) + 1):
        for chosen in combinations(range(prefix_bits), count):
            masks.append(sum(1 << bit for bit in chosen))
            counts.append(count)
    return np.array(masks, np.int64), np.array(counts, np.int64)


def group_by_key(keys, key_bits):
    """Row order grouping `keys` (below 2^key_bits) by value: stable 16-bit radix passes (numpy sorts 16-bit keys
    by radix), least significant first; faster than one comparison sort of the whole keys."""
    order = np.argsort((keys & 0xFFFF).astype(np.uint16), kind="stable")
    for shift in range(16, key_bits, 16):
        order = order[np.argsort(((keys[order] >> shift) & 0xFFFF).astype(np.uint16), kind="stable")]
    return order


def within(words, query, rows, radius):
    """The `rows` of (n, 4) uint64 `words` within `radius` of the query, and their distances."""
    differing = np.bitwise_count(words.take(rows, axis=0) ^ query.view(np.uint64))
    # Column adds: numpy's sum along a 4-wide axis is ten times slower.
    distances = np.add(differing[:, 0], differing[:, 1], dtype=np.int64) + differing[:, 2] + differing[:, 3]
    near = distances <= radius
    return rows[near], distances[near]


class Segment:
    def __init__(self, codes, ids, postings, offsets, prefix_bits, tag_bits):
        self.codes, self.ids, self.postings, self.offsets = codes, ids, postings, offsets
        self.prefix_bits, self.tag_bits = prefix_bits, tag_bits
        self._words = codes.view(np.uint64).reshape(-1, 4)  # four popcounts per distance
        self._chunk_words = codes.view(">u4").reshape(-1, CHUNKS)
        self._postings_flat = postings.reshape(-1)
        self._posting_base = (np.arange(CHUNKS - 1) * len(ids))[:, None]

    def __len__(self):
        return len(self.ids)

    @classmethod
    def build(cls, codes, ids):
        """A segment over (n, 32) uint8 codes labelled with int64 ids. Takes no copy it does not need."""
        count = len(ids)
        if count >= MAX_ROWS:
            raise ValueError(f"A segment holds fewer than {MAX_ROWS} codes.")
        prefix_bits = prefix_bits_for(count)
        tag_bits = min(32 - prefix_bits, 32 - max(1, (count - 1).bit_length()))
        shift = 32 - prefix_bits
        chunks = np.ascontiguousarray(codes).view(">u4").reshape(-1, CHUNKS)
        order = group_by_key((chunks[:, 0] >> shift).astype(np.uint32), prefix_bits)
        codes = np.ascontiguousarray(codes[order])
        ids = np.asarray(ids, np.int64)
        # Ids below 2^32 (primary keys, for a long while) take 4 bytes: 400 MB less at 100M codes.
        small = not len(ids) or (ids.min() >= 0 and ids.max() < 1 << 32)
        ids = np.ascontiguousarray(ids[order].astype(np.uint32 if small else np.int64))
        del order
        chunks = codes.view(">u4").reshape(-1, CHUNKS)
        offsets = np.zeros((CHUNKS, (1 << prefix_bits) + 1), np.uint32)
        postings = np.empty((CHUNKS - 1, count), np.uint32)
        tag_shift, tag_mask = shift - tag_bits, np.uint32((1 << tag_bits) - 1)
        for chunk in range(CHUNKS):
            values = chunks[:, chunk].astype(np.uint32)
            keys = values >> np.uint32(shift)
            offsets[chunk, 1:] = np.cumsum(np.bincount(keys, minlength=1 << prefix_bits))
            if chunk:
                order = group_by_key(keys, prefix_bits).astype(np.uint32)
                postings[chunk - 1] = (order << np.uint32(tag_bits)) | ((values[order] >> np.uint32(tag_shift)) & tag_mask)
        return cls(codes, ids, postings, offsets, prefix_bits, tag_bits)

    def search(self, query, radius):
        """(rows, distances) of every code within `radius` of one (32,) uint8 query."""
        flips = radius // 8
        if flips >= 5:
            return self._scan(query, radius)
        masks, counts = _flips(self.prefix_bits, flips)
        if len(masks) * CHUNKS >= len(self.ids):  # a small segment: reading it all is cheaper than probing
            return self._scan(query, radius)
        shift, tag_shift = 32 - self.prefix_bits, 32 - self.prefix_bits - self.tag_bits
        tag_mask = (1 << self.tag_bits) - 1
        values = query.view(">u4").astype(np.int64)
        buckets = (values[:, None] >> shift) ^ masks  # (chunk, probe)
        starts = np.take_along_axis(self.offsets, buckets, axis=1).astype(np.int64)
        lengths = (np.take_along_axis(self.offsets, buckets + 1, axis=1) - starts).ravel()
        starts[1:] += self._posting_base  # chunks 1-7 index one flat posting array; chunk 0's rows are its order
        starts = starts.ravel()
        ends = np.cumsum(lengths)
        if not ends[-1]:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        # Every posting position in the probed buckets, in one vectorised concatenation of ranges.
        positions = np.arange(ends[-1]) + np.repeat(starts - ends + lengths, lengths)
        # Per probe: the query's tag for its chunk, and the flips its prefix leaves for the tag (one repeat for both).
        allowed = flips - np.tile(counts, CHUNKS)
        expected = np.repeat((np.repeat((values >> tag_shift) & tag_mask, len(masks)) << 3) | allowed, lengths)
        first = int(ends[len(masks) - 1])
        rows = np.empty(len(positions), np.int64)
        tags = np.empty(len(positions), np.int64)
        rows[:first] = positions[:first]
        tags[:first] = self._chunk_words[positions[:first], 0] >> tag_shift
        entries = self._postings_flat.take(positions[first:]).astype(np.int64)
        rows[first:], tags[first:] = entries >> self.tag_bits, entries
        close = np.bitwise_count((tags ^ (expected >> 3)) & tag_mask) <= (expected & 7)
        return self._verify(query, np.unique(rows[close]), radius)

    def _verify(self, query, rows, radius):
        return within(self._words, query, rows, radius)

    def _scan(self, query, radius, block=1 << 20):
        """Every row, block by block: past radius 39 the probes would outnumber the rows of a dense segment."""
        found_rows, found_distances = [], []
        for start in range(0, len(self.ids), block):
            rows, distances = self._verify(query, np.arange(start, min(start + block, len(self.ids))), radius)
            found_rows.append(rows)
            found_distances.append(distances)
        if not found_rows:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        return np.concatenate(found_rows), np.concatenate(found_distances)

    def nbytes(self):
        return sum(getattr(self, name).nbytes for name in _ARRAYS)

    def save(self, directory):
        """Writes the arrays as .npy files in a new directory, each flushed to disk before returning."""
        directory = Path(directory)
        directory.mkdir(parents=True)
        for name in _ARRAYS:
            with open(directory / f"{name}.npy", "wb") as out:
                np.save(out, getattr(self, name))
                out.flush()
        meta = {"prefix_bits": self.prefix_bits, "tag_bits": self.tag_bits, "count": len(self)}
        (directory / "meta.json").write_text(json.dumps(meta))

    @classmethod
    def open(cls, directory):
        """The segment saved in `directory`, mapped read-only: every process mapping it shares one copy."""
        directory = Path(directory)
        meta = json.loads((directory / "meta.json").read_text())
        arrays = {name: np.load(directory / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
        return cls(**arrays, prefix_bits=meta["prefix_bits"], tag_bits=meta["tag_bits"])
