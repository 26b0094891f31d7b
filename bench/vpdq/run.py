"""vPDQ of a 60 s 720p video at one frame a second: ours against a bare PyAV + pdqhash loop and the vpdq package.

All three run in this process, interleaved over three rounds (median kept), so machine load hits them alike.
Targets: ours <= 1.0 × the bare loop, and below vpdq. Run: .venv/bin/python bench/vpdq/run.py
"""

import os
import statistics
import time

import av
import pdqhash
from video import SECONDS, benchmark_video

from provenance.media.fingerprints import to_hex, vpdq_file

ROUNDS = 3


def bare_loop(path):
    """What anyone would write first: decode every frame, hash every 25th in RGB."""
    hashes = []
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        step = max(1, int(float(stream.average_rate)))
        for number, frame in enumerate(container.decode(stream)):
            if number % step == 0:
                bits, quality = pdqhash.compute(frame.to_ndarray(format="rgb24"))
                hashes.append((number, to_hex(bits), int(quality)))
    return hashes


def ours(path):
    return [(h.frame, h.hash, h.quality) for h in vpdq_file(path)]


def main():
    path = benchmark_video()
    runners = {"ours (fingerprints.vpdq_file)": ours, "bare PyAV + pdqhash loop": bare_loop}
    try:
        import vpdq

        runners["vpdq 0.2.5 (C++, threads)"] = lambda p: [
            (f.frame_number, f.hex, f.quality) for f in vpdq.computeHash(str(p), seconds_per_hash=1.0)
        ]
    except ImportError as missing:
        print(f"vpdq skipped: {missing} (it needs cmake and FFmpeg's -dev packages; see bench/requirements.txt)")
    timings = {name: [] for name in runners}
    results = {}
    for _ in range(ROUNDS):
        for name, run in runners.items():
            started = time.perf_counter()
            results[name] = run(path)
            timings[name].append(time.perf_counter() - started)
    print(f"load average of the machine (2 cores, shared) at the end: {os.getloadavg()[0]:.1f}")
    print(f"vPDQ of {path.name} ({SECONDS} s, 1280×720, 25 fps) at 1 frame/s; median of {ROUNDS} interleaved rounds\n")
    print(f"{'':32}{'s per video-second':>20}{'× bare loop':>14}")
    bare = statistics.median(timings["bare PyAV + pdqhash loop"])
    for name, samples in timings.items():
        median = statistics.median(samples)
        print(f"{name:32}{median / SECONDS:>20.4f}{median / bare:>14.2f}")
    reference = results["ours (fingerprints.vpdq_file)"]
    for name, hashes in results.items():
        same = sum(a == b for a, b in zip(reference, hashes))
        print(f"hashes identical to ours: {name}: {same}/{len(reference)} (it gave {len(hashes)})")
    ours_median = statistics.median(timings["ours (fingerprints.vpdq_file)"])
    print(
        f"\nours / bare loop = {ours_median / bare:.2f} (target <= 1.0): {'met' if ours_median <= bare else 'MISSED'}"
    )
    if "vpdq 0.2.5 (C++, threads)" in timings:
        vpdq_median = statistics.median(timings["vpdq 0.2.5 (C++, threads)"])
        verdict = "met" if ours_median < vpdq_median else "MISSED"
        print(f"ours / vpdq = {ours_median / vpdq_median:.2f} (target < 1.0): {verdict}")


if __name__ == "__main__":
    main()
