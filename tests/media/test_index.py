import numpy as np
import pytest

from provenance.media.index import PDQIndex


def _random_hashes(rng, count):
    return [code.tobytes().hex() for code in rng.integers(0, 256, (count, 32), dtype=np.uint8)]


def _flip(value, bits, rng):
    code = np.unpackbits(np.frombuffer(bytes.fromhex(value), np.uint8))
    code[rng.choice(256, bits, replace=False)] ^= 1
    return np.packbits(code).tobytes().hex()


def _brute_force(stored, query, radius):
    codes = np.frombuffer(b"".join(bytes.fromhex(value) for value in stored), np.uint8).reshape(-1, 32)
    query_code = np.frombuffer(bytes.fromhex(query), np.uint8)
    distances = np.unpackbits(codes ^ query_code, axis=1).sum(axis=1)
    return sorted((int(d), i) for i, d in enumerate(distances) if d <= radius)


@pytest.fixture(scope="module")
def planted():
    """20,000 random hashes, and queries at every distance 0-40 from 410 of them."""
    rng = np.random.default_rng(3)
    stored = _random_hashes(rng, 20_000)
    queries = [(_flip(stored[i * 40], i % 41, rng), i * 40, i % 41) for i in range(410)]
    return stored, queries


def test_range_search_finds_every_planted_near_duplicate_within_31_bits_and_none_beyond(planted):
    stored, queries = planted
    index = PDQIndex.rebuild(enumerate(stored))
    results = index.search([query for query, _, _ in queries])
    for (query, source, bits), hits in zip(queries, results):
        found = dict(hits)
        if bits <= 31:
            assert found.get(source) == bits
        else:
            assert source not in found
        assert all(d <= 31 for d in found.values())


def test_range_search_agrees_with_brute_force_at_several_radii(planted):
    stored, queries = planted
    index = PDQIndex.rebuild(enumerate(stored))
    for radius in (0, 10, 31, 40, 70):
        for query, _, _ in queries[::20]:
            expected = _brute_force(stored, query, radius)
            assert sorted((d, i) for i, d in index.search([query], radius)[0]) == expected


def test_hashes_added_one_file_at_a_time_are_found_before_and_after_they_are_folded_in(planted):
    stored, queries = planted
    index = PDQIndex(merge_at=1_000)
    for start in range(0, 12_000, 600):  # like files arriving one after another, with searches between them
        index.add(range(start, start + 600), stored[start : start + 600])
        index.search([stored[start]])
    assert len(index) == 12_000
    assert len(index.segments) > 1  # folded into segments and merged in tiers, not re-sorted into one
    for query, source, bits in queries:
        hits = dict(index.search([query])[0])
        assert (source in hits) == (bits <= 31 and source < 12_000)


def test_removed_ids_are_no_longer_found(planted):
    stored, _ = planted
    index = PDQIndex.rebuild(enumerate(stored[:1000]), merge_at=100)
    index.add([5000, 5000], [stored[2000], stored[2001]])  # one id may label several hashes
    assert index.remove([7, 5000]) == 3
    assert index.search([stored[7], stored[2000], stored[2001]]) == [[], [], []]
    assert index.search([stored[8]])[0] == [(8, 0)]
    assert len(index) == 999


def test_duplicate_hashes_under_different_ids_are_all_returned(planted):
    stored, _ = planted
    index = PDQIndex.rebuild([(1, stored[0]), (2, stored[0]), (3, stored[1])])
    index.add([4], [stored[0]])
    assert index.search([stored[0]])[0] == [(1, 0), (2, 0), (4, 0)]


def test_it_refuses_hashes_that_are_not_64_hex_characters():
    with pytest.raises(ValueError):
        PDQIndex().add([1], ["abcd"])
