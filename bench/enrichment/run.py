"""Full analysis (analysis.analyse: metadata, vPDQ, robust hashes, keyframes, thumbnails, C2PA) against vPDQ alone.

Same 60 s 720p video as bench/vpdq, same process, interleaved over three rounds (median kept).
Target: full analysis <= 1.3 × vPDQ alone. Run: .venv/bin/python bench/enrichment/run.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "vpdq"))

from video import SECONDS, benchmark_video  # noqa: E402

from provenance.media.analysis import analyse  # noqa: E402
from provenance.media.fingerprints import vpdq_file  # noqa: E402

ROUNDS = 3


def main():
    path = benchmark_video()
    timings = {"vPDQ alone": [], "full analysis": []}
    for _ in range(ROUNDS):
        started = time.perf_counter()
        vpdq_file(path)
        timings["vPDQ alone"].append(time.perf_counter() - started)
        started = time.perf_counter()
        analysis = analyse(path)
        timings["full analysis"].append(time.perf_counter() - started)
    alone = statistics.median(timings["vPDQ alone"])
    print(f"load average of the machine (2 cores, shared) at the end: {os.getloadavg()[0]:.1f}")
    print(f"{path.name} ({SECONDS} s, 1280×720, 25 fps); median of {ROUNDS} interleaved rounds\n")
    print(f"{'':20}{'s per video-second':>20}{'× vPDQ alone':>14}")
    for name, samples in timings.items():
        print(f"{name:20}{statistics.median(samples) / SECONDS:>20.4f}{statistics.median(samples) / alone:>14.2f}")
    print(
        f"\nfull analysis produced {len(analysis.pdq)} vPDQ hashes, {len(analysis.fingerprint.frames)} robust frames, "
        f"{len(analysis.keyframes)} keyframes, thumbnails of {len(analysis.thumbnail)} and "
        f"{len(analysis.thumbnail_blurred)} bytes, C2PA state '{analysis.c2pa['state']}'"
    )
    ratio = statistics.median(timings["full analysis"]) / alone
    print(f"full analysis / vPDQ alone = {ratio:.2f} (target <= 1.3): {'met' if ratio <= 1.3 else 'MISSED'}")


if __name__ == "__main__":
    main()
