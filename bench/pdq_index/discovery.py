"""What candidate discovery costs at a million hashes, against looking up every query hash (issue 15).

The index is laid out as the workers bench leaves it (bench/workers/catalogue.py seeds 1,000,000 random robust
hashes and publishes once): one segment of 1,000,000 random codes, plus the robust entries (index_entries) of a
few generated 10 s videos in the tail, as a process's private part holds files analysed since. For each query
video (altered copies of the indexed ones, and unrelated videos) it prints, for the old full search (every query
hash: `search_hashes(index, query_hashes(...))`) and the new discovery (`candidate_hits`): hashes looked up, ms a
video (the median of 5 alternating runs), the candidate files found, and the files kept by `compare` (>= 80%) of
those candidates. It asserts the kept files are identical.

Run: nice -n 19 .venv/bin/python bench/pdq_index/discovery.py > bench/pdq_index/results_discovery.txt
(videos are made once into bench/.cache/discovery/). Timings are relative: full and discovery alternate in one run.
"""

import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from provenance.media.analysis import analyse  # noqa: E402
from provenance.media.index import PDQIndex  # noqa: E402
from provenance.media.matching import (  # noqa: E402
    candidate_hits,
    compare,
    discovery_hashes,
    discovery_slots,
    index_entries,
    query_hashes,
    search_hashes,
)
from tests.media import synthetic  # noqa: E402

CACHE = ROOT / "bench" / ".cache" / "discovery"
RANDOM_CODES = int(os.environ.get("PDQ_BENCH_COUNT", 1_000_000))
SIZE, SECONDS = (640, 360), 10  # as the workers bench's videos
INDEXED = (11, 12, 13)  # seeds of the originals in the index
UNRELATED = (21, 22)  # seeds of videos queried but never indexed
COPIES = {
    "re-encoded": synthetic.low_bitrate,
    "scaled to 480p": synthetic.scaled,
    "cropped 5%": synthetic.cropped,
    "with a logo": synthetic.with_logo,
    "letterboxed": synthetic.letterboxed,
    "first 2 s trimmed": synthetic.trimmed,
    "mirrored": synthetic.mirrored,
    "cropped 10% off-centre": lambda source, target: synthetic.cropped(source, target, 0.10),  # a known miss
}
RUNS = 5


def original(seed):
    path = CACHE / f"{seed}-original.mp4"
    if not path.exists():
        synthetic.write_original(path, seed, *SIZE, seconds=SECONDS)
    return path


def copy(seed, name, make):
    path = CACHE / f"{seed}-{name.replace(' ', '_').replace('%', 'pc')}.mp4"
    if not path.exists():
        make(original(seed), path)
    return path


def queries():
    """(label, path): every altered copy of the first original, one of the others, the originals, unrelated ones."""
    found = [(f"{INDEXED[0]} {name}", copy(INDEXED[0], name, make)) for name, make in COPIES.items()]
    found += [(f"{seed} re-encoded", copy(seed, "re-encoded", synthetic.low_bitrate)) for seed in INDEXED[1:]]
    found += [(f"{seed} itself", original(seed)) for seed in INDEXED]
    found += [(f"unrelated {seed}", original(seed)) for seed in UNRELATED]
    return found


def timed(call):
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def main():
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"load average at the start (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    started = time.perf_counter()
    fingerprints = {seed: analyse(original(seed)).fingerprint for seed in INDEXED}
    asked = [(label, analyse(path).fingerprint) for label, path in queries()]
    print(f"{len(INDEXED) + len(asked)} analyses of {SECONDS} s {SIZE[0]}x{SIZE[1]} videos in {time.perf_counter() - started:.0f} s")

    rng = np.random.default_rng(7)
    index, build_seconds = timed(
        lambda: PDQIndex.from_codes(rng.integers(0, 256, (RANDOM_CODES, 32), dtype=np.uint8), np.arange(RANDOM_CODES))
    )
    owner_of = {}
    for seed, fingerprint in fingerprints.items():
        entries = index_entries(fingerprint)
        ids = list(range(RANDOM_CODES + len(owner_of), RANDOM_CODES + len(owner_of) + len(entries)))
        owner_of.update(dict.fromkeys(ids, seed))
        index.add(ids, [value for _slot, value in entries])
    print(
        f"index: {RANDOM_CODES:,} random codes in {len(index.segments)} segment(s) (built in {build_seconds:.1f} s), "
        f"plus {len(owner_of)} entries of {len(INDEXED)} indexed videos in the tail"
    )
    print("ms: median of 5 runs a video, full and discovery alternating; files: candidate videos found (seed)\n")

    def files(hits):
        return sorted({owner_of[identifier] for identifier in hits if identifier in owner_of})

    def kept(query, candidates):
        return [seed for seed in candidates if compare(query, fingerprints[seed]).is_match]

    header = f"{'query video':28}{'slots':>6}{'hashes':>14}{'ms a video':>18}  {'files found':24}{'kept (>= 80%)':16}"
    print(header)
    print(f"{'':28}{'':>6}{'full':>7}{'disc.':>7}{'full':>9}{'disc.':>9}  {'full':12}{'disc.':12}{'full':8}{'disc.':8}")
    totals = {"full": [0, 0.0], "discovery": [0, 0.0]}
    for label, query in asked:
        every_hash, looked_up = query_hashes(query), discovery_hashes(query)
        times = {"full": [], "discovery": []}
        for _ in range(RUNS):
            full_hits, seconds = timed(lambda: search_hashes(index, every_hash))
            times["full"].append(seconds)
            discovery_hits, seconds = timed(lambda: candidate_hits(index, query))
            times["discovery"].append(seconds)
        full_files, discovered_files = files(full_hits), files(discovery_hits)
        full_kept, discovered_kept = kept(query, full_files), kept(query, discovered_files)
        assert full_kept == discovered_kept, (label, full_kept, discovered_kept)
        assert set(discovered_files) <= set(full_files), label
        full_ms, discovery_ms = (1e3 * statistics.median(times[way]) for way in ("full", "discovery"))
        for way, count, ms in (("full", len(every_hash), full_ms), ("discovery", len(looked_up), discovery_ms)):
            totals[way][0] += count
            totals[way][1] += ms
        print(
            f"{label:28}{len(discovery_slots(query)):>3}/{len({f.slot for f in query.frames}):<2}"
            f"{len(every_hash):>7}{len(looked_up):>7}{full_ms:>9.1f}{discovery_ms:>9.1f}  "
            f"{','.join(map(str, full_files)) or '-':12}{','.join(map(str, discovered_files)) or '-':12}"
            f"{','.join(map(str, full_kept)) or '-':8}{','.join(map(str, discovered_kept)) or '-':8}"
        )
    (full_count, full_ms), (discovery_count, discovery_ms) = totals["full"], totals["discovery"]
    print(
        f"\nover {len(asked)} query videos: {full_count} hashes and {full_ms:.0f} ms in full, {discovery_count} hashes and "
        f"{discovery_ms:.0f} ms with discovery ({full_ms / discovery_ms:.1f}x less time); kept matches identical"
    )
    print(f"load average at the end (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
