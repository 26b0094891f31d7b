"""The memory of several processes reading one published PDQ index (issue 15: about one copy for N processes).

A writer publishes 10,000,000 random codes to a fresh directory (provenance.media.index_store), then 4 reader
processes (spawned: nothing inherited) open it, read every page of it once and run 200 queries; each reports its
RSS and PSS from /proc/self/smaps_rollup (PSS divides shared pages among the processes that map them). Then the
writer publishes 1,000 more codes and every reader must see the new generation and find one of them.

Run: nice -n 19 .venv/bin/python bench/pdq_index/shared_memory.py > bench/pdq_index/results_shared.txt
"""

import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from provenance.media.index import PDQIndex  # noqa: E402
from provenance.media.index_store import IndexStore  # noqa: E402

COUNT = int(os.environ.get("PDQ_BENCH_COUNT", 10_000_000))
READERS = 4


def memory(directory):
    """Whole-process RSS/PSS (smaps_rollup), and RSS/PSS of the index files' mappings alone (smaps)."""
    fields = {"IndexRss": 0, "IndexPss": 0}
    with open("/proc/self/smaps_rollup") as rollup:
        for line in rollup:
            parts = line.split()
            if parts[0] in ("Rss:", "Pss:"):
                fields[parts[0][:-1]] = int(parts[1]) * 1024
    inside = False
    with open("/proc/self/smaps") as smaps:
        for line in smaps:
            parts = line.split()
            if not parts[0].endswith(":"):  # a mapping's header line: address range, ..., path
                inside = len(parts) >= 6 and parts[5].startswith(str(directory))
            elif inside and parts[0] in ("Rss:", "Pss:"):
                fields["Index" + parts[0][:-1]] += int(parts[1]) * 1024
    return fields


def reader(directory, commands, answers):
    sys.path.insert(0, str(ROOT))
    store = IndexStore(directory)
    generation = store.current()
    index = generation.index()
    for segment in generation.segments:  # read every page once, as a long-lived process ends up doing
        for array in (segment.codes, segment.ids, segment.postings, segment.offsets):
            int(np.asarray(array).view(np.uint8)[:: 4096].sum())
    rng = np.random.default_rng(os.getpid())
    started = time.perf_counter()
    index.search_codes(rng.integers(0, 256, (200, 32), dtype=np.uint8))
    answers.put(("ready", os.getpid(), memory(directory), (time.perf_counter() - started) / 200))
    probe = commands.get()
    generation = store.current()
    hits = generation.index().search_codes(probe[None], 0)[0]
    answers.put(("after", os.getpid(), generation.number, hits))


def main():
    directory = tempfile.mkdtemp(prefix="pdq-shared-", dir=ROOT / "var")
    store = IndexStore(directory)
    rng = np.random.default_rng(7)
    codes = rng.integers(0, 256, (COUNT, 32), dtype=np.uint8)
    with store.writing():
        first = store.publish(PDQIndex.from_codes(codes, np.arange(COUNT)).segments, {"loaded_up_to": COUNT})
    del codes
    size = sum(segment.nbytes() for segment in first.segments)

    context = multiprocessing.get_context("spawn")
    commands, answers = context.Queue(), context.Queue()
    processes = [context.Process(target=reader, args=(directory, commands, answers)) for _ in range(READERS)]
    for process in processes:
        process.start()
    ready = [answers.get(timeout=1800) for _ in processes]

    extra = rng.integers(0, 256, (1000, 32), dtype=np.uint8)
    with store.writing():
        generation = store.current()
        added = PDQIndex.from_codes(extra, np.arange(COUNT, COUNT + 1000)).segments
        started = time.perf_counter()
        second = store.publish(generation.segments + added, {"loaded_up_to": COUNT + 1000})
        publish = time.perf_counter() - started
    for _ in processes:
        commands.put(extra[500])
    after = [answers.get(timeout=600) for _ in processes]
    for process in processes:
        process.join()

    print(f"{COUNT:,} random codes published once; {READERS} reader processes mapping it read-only")
    print(f"index files: {size / 1e6:,.0f} MB in {len(first.segments)} segment(s)")
    for _, pid, fields, latency in ready:
        print(f"reader {pid}: process RSS {fields['Rss'] / 1e6:6,.0f} MB PSS {fields['Pss'] / 1e6:6,.0f} MB; index "
              f"files RSS {fields['IndexRss'] / 1e6:6,.0f} MB PSS {fields['IndexPss'] / 1e6:6,.0f} MB; "
              f"mean search {latency * 1e3:.2f} ms")
    total_rss = sum(fields["IndexRss"] for _, _, fields, _ in ready)
    total_pss = sum(fields["IndexPss"] for _, _, fields, _ in ready)
    rest = sum(fields["Pss"] - fields["IndexPss"] for _, _, fields, _ in ready)
    print(f"index files, sum of RSS {total_rss / 1e6:,.0f} MB (what {READERS} private copies would hold)")
    print(f"index files, sum of PSS {total_pss / 1e6:,.0f} MB = {total_pss / size:.2f}× one index: "
          f"{'about one copy' if total_pss < 1.2 * size else 'MORE than one copy'}")
    print(f"everything else (Python, numpy, the query buffers), sum of PSS: {rest / 1e6:,.0f} MB")
    print(f"\npublishing generation {second.number} (+1,000 codes as a new segment): {publish * 1e3:.0f} ms")
    for _, pid, number, hits in after:
        print(f"reader {pid}: sees generation {number}, finds the new code: {hits == [(COUNT + 500, 0)]}")


if __name__ == "__main__":
    main()
