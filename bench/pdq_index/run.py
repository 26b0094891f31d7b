"""Our PDQ index against threatexchange's PDQIndex, side by side in one process.

1M random PDQ hashes; 1,000 queries planted at 0-31 bits from stored hashes (each must find its source),
1,000 at 32-40 bits (must not), 1,000 random queries (should find nothing). Ground truth comes from an exact
faiss IndexBinaryFlat range search. Queries alternate between the two indexes so load hits both alike.
Targets: p50 <= 0.5 × PDQIndex, 100% recall, no false positives. Run: .venv/bin/python bench/pdq_index/run.py
"""

import gc
import os
import sys
import time
from pathlib import Path

import faiss
import numpy as np
from threatexchange.signal_type.pdq.pdq_index import PDQIndex as ThreatExchangeIndex

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from provenance.media.index import PDQIndex  # noqa: E402

COUNT = 1_000_000
PER_SET = 1_000
RADIUS = 31


def rss_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


def flip(codes, rows, bits, rng):
    flipped = np.unpackbits(codes[rows], axis=1)
    for row, count in zip(flipped, bits):
        row[rng.choice(256, count, replace=False)] ^= 1
    return np.packbits(flipped, axis=1)


def percentile(samples, q):
    return np.percentile(samples, q) * 1e3


def main():
    faiss.omp_set_num_threads(1)
    rng = np.random.default_rng(2024)
    codes = rng.integers(0, 256, (COUNT, 32), dtype=np.uint8)
    hexes = [code.tobytes().hex() for code in codes]
    sources = rng.choice(COUNT, 2 * PER_SET, replace=False)
    near = flip(codes, sources[:PER_SET], rng.integers(0, 32, PER_SET), rng)
    far = flip(codes, sources[PER_SET:], rng.integers(32, 41, PER_SET), rng)
    random = rng.integers(0, 256, (PER_SET, 32), dtype=np.uint8)
    query_codes = np.concatenate([near, far, random])
    queries = [code.tobytes().hex() for code in query_codes]
    query_order = rng.permutation(len(queries))

    truth_index = faiss.IndexBinaryFlat(256)
    truth_index.add(codes)
    limits, _, rows = truth_index.range_search(query_codes, RADIUS + 1)
    truth = [set(rows[limits[i] : limits[i + 1]].tolist()) for i in range(len(queries))]
    del truth_index

    gc.collect()
    before = rss_bytes()
    started = time.perf_counter()
    ours = PDQIndex.rebuild(enumerate(hexes))
    ours_build = time.perf_counter() - started
    gc.collect()
    ours_rss = rss_bytes() - before

    gc.collect()
    before = rss_bytes()
    started = time.perf_counter()
    theirs = ThreatExchangeIndex(zip(hexes, range(COUNT)))
    theirs_build = time.perf_counter() - started
    gc.collect()
    theirs_rss = rss_bytes() - before

    # One more "file" of 1,000 hashes arriving later: ours appends to its tail, no rebuild.
    extra = rng.integers(0, 256, (PER_SET, 32), dtype=np.uint8)
    extra_hexes = [code.tobytes().hex() for code in extra]
    started = time.perf_counter()
    ours.add(range(COUNT, COUNT + PER_SET), extra_hexes)
    ours_add = time.perf_counter() - started
    started = time.perf_counter()
    theirs.add_all(zip(extra_hexes, range(COUNT, COUNT + PER_SET)))
    theirs_add = time.perf_counter() - started

    timings = {"ours": [], "PDQIndex": []}
    found = {"ours": [None] * len(queries), "PDQIndex": [None] * len(queries)}
    for i in query_order:
        started = time.perf_counter()
        hits = ours.search([queries[i]])[0]
        timings["ours"].append(time.perf_counter() - started)
        found["ours"][i] = {identifier for identifier, _ in hits}
        started = time.perf_counter()
        matches = theirs.query(queries[i])
        timings["PDQIndex"].append(time.perf_counter() - started)
        found["PDQIndex"][i] = {match.metadata for match in matches}

    extra_truth = faiss.IndexBinaryFlat(256)
    extra_truth.add(extra)
    limits, _, rows = extra_truth.range_search(query_codes, RADIUS + 1)
    for i in range(len(queries)):
        truth[i] |= {COUNT + row for row in rows[limits[i] : limits[i + 1]].tolist()}

    print(f"load average of the machine (2 cores, shared) at the end: {os.getloadavg()[0]:.1f}")
    print(f"PDQ index benchmark: {COUNT:,} random hashes + {PER_SET:,} added later; radius {RADIUS}; faiss 1 thread")
    print(f"queries: {PER_SET:,} planted at 0-31 bits, {PER_SET:,} planted at 32-40 bits, {PER_SET:,} random\n")
    print(f"{'':34}{'ours':>14}{'PDQIndex':>14}")
    for name, ours_value, theirs_value in (
        ("p50 latency (ms)", percentile(timings["ours"], 50), percentile(timings["PDQIndex"], 50)),
        ("p95 latency (ms)", percentile(timings["ours"], 95), percentile(timings["PDQIndex"], 95)),
    ):
        print(f"{name:34}{ours_value:>14.3f}{theirs_value:>14.3f}")
    rows = []
    for label in ("ours", "PDQIndex"):
        expected = sum(len(t) for t in truth)
        hit = sum(len(found[label][i] & truth[i]) for i in range(len(queries)))
        false = sum(len(found[label][i] - truth[i]) for i in range(len(queries)))
        planted_found = sum(int(sources[i]) in found[label][i] for i in range(PER_SET))
        far_found = sum(int(sources[PER_SET + i]) in found[label][PER_SET + i] for i in range(PER_SET))
        rows.append((hit / expected * 100, false, planted_found, far_found))
    print(f"{'recall vs exact search (%)':34}{rows[0][0]:>14.2f}{rows[1][0]:>14.2f}")
    print(f"{'false positives':34}{rows[0][1]:>14}{rows[1][1]:>14}")
    print(f"{'planted 0-31 found (of 1,000)':34}{rows[0][2]:>14}{rows[1][2]:>14}")
    print(f"{'planted 32-40 found (of 1,000)':34}{rows[0][3]:>14}{rows[1][3]:>14}")
    print(f"{'build from 1M (s)':34}{ours_build:>14.1f}{theirs_build:>14.1f}")
    print(f"{'add 1,000 more (ms)':34}{ours_add * 1e3:>14.1f}{theirs_add * 1e3:>14.1f}")
    print(f"{'resident memory per 1M (MB)':34}{ours_rss / 1e6:>14.0f}{theirs_rss / 1e6:>14.0f}")
    print(f"{'index arrays per 1M (MB)':34}{ours.memory_bytes() / 1e6:>14.0f}{'':>14}")
    ratio = np.median(timings["ours"]) / np.median(timings["PDQIndex"])
    print(f"\np50 ours / PDQIndex = {ratio:.2f} (target <= 0.50): {'met' if ratio <= 0.5 else 'MISSED'}")


if __name__ == "__main__":
    main()
