"""The log-structured PDQ index against brute force: after many appends, merges and removals, at several radii."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.media.index import PDQIndex
from provenance.media.pdq_segment import group_by_key


def _brute_force(codes, ids, query, radius, dead=()):
    distances = np.unpackbits(codes ^ query, axis=1).sum(axis=1)
    found = sorted((int(d), int(ids[i])) for i, d in enumerate(distances) if d <= radius and ids[i] not in dead)
    return [(identifier, distance) for distance, identifier in found]  # nearest first, as the index answers


def _clustered(rng, count):
    """Near-duplicates around a few centres, as frames of one video are, plus unrelated codes."""
    centres = rng.integers(0, 256, (8, 32), dtype=np.uint8)
    bits = np.unpackbits(centres[rng.integers(0, 8, count)], axis=1)
    bits ^= (rng.random(bits.shape) < rng.choice([0.02, 0.1, 0.5], (count, 1))).astype(np.uint8)
    return np.packbits(bits, axis=1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    batches=st.lists(st.integers(1, 700), min_size=1, max_size=12),
    merge_at=st.sampled_from([16, 100, 512]),
    radius=st.sampled_from([0, 7, 8, 16, 31, 39, 45]),
)
def test_appended_hashes_are_found_exactly_as_brute_force_finds_them(seed, batches, merge_at, radius):
    rng = np.random.default_rng(seed)
    codes = _clustered(rng, sum(batches))
    ids = rng.permutation(len(codes)) * 3  # ids in no particular order, as primary keys filling gaps are
    index, start = PDQIndex(merge_at=merge_at), 0
    queries = np.concatenate([codes[rng.integers(0, len(codes), 4)], _clustered(rng, 4)])
    for size in batches:
        index.add_codes(ids[start : start + size], codes[start : start + size])
        start += size
        stored = slice(0, start)
        for query in queries[:2]:  # searching between appends folds the tail and merges tiers
            assert index.search_codes(query[None], radius)[0] == _brute_force(codes[stored], ids[stored], query, radius)
    dead = set(ids[rng.integers(0, len(ids), 5)].tolist())
    index.remove(dead)
    for query in queries:
        assert index.search_codes(query[None], radius)[0] == _brute_force(codes, ids, query, radius, dead)


def test_a_bulk_built_index_of_a_large_segment_agrees_with_brute_force_on_clustered_hashes():
    rng = np.random.default_rng(11)
    codes = _clustered(rng, 60_000)
    ids = np.arange(60_000)
    index = PDQIndex.from_codes(codes, ids)
    assert index.segments[0].prefix_bits > 8  # large enough to be probed, not scanned
    for query in np.concatenate([codes[:10], _clustered(rng, 10)]):
        for radius in (0, 15, 31, 39):
            assert index.search_codes(query[None], radius)[0] == _brute_force(codes, ids, query, radius)


def test_many_small_appends_end_in_few_segments():
    rng = np.random.default_rng(5)
    index = PDQIndex(merge_at=64)
    for start in range(0, 20_000, 100):
        index.add_codes(np.arange(start, start + 100), rng.integers(0, 256, (100, 32), dtype=np.uint8))
        index.search_codes(np.zeros((1, 32), np.uint8))
    assert len(index) == 20_000
    assert len(index.segments) < 16  # merged in tiers: each tier holds fewer than four segments


def test_an_empty_index_finds_nothing():
    assert PDQIndex().search(["ab" * 32], 31) == [[]]


def test_rows_are_grouped_by_keys_of_every_width_a_segment_uses():
    rng = np.random.default_rng(9)
    for bits in (1, 8, 16, 17, 24, 25):  # 25: the prefix of segments past 2^26 codes
        keys = rng.integers(0, 1 << bits, 50_000, dtype=np.uint32)
        order = group_by_key(keys, bits)
        assert np.all(np.diff(keys[order].astype(np.int64)) >= 0)
