"""Cost of reading on-screen text: analysis with OCR (`analyse(..., read_text=True)`) against the same analysis
without it (`read_text=False`), on the same generated captioned videos (tests/ocr/captions.py), in the same run.

Each video has one caption a scene (3 s), in Arabic, Russian and English; every scene change makes a keyframe,
so OCR reads about one keyframe every 3 s, a denser load than most footage. The two modes alternate on each video
in every round (the order flipping each round), so machine load hits them alike; the p50 of ROUNDS rounds is kept.
Run: .venv/bin/python bench/ocr/run.py > bench/ocr/results.txt
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from provenance.media import ocr  # noqa: E402
from provenance.media.analysis import analyse  # noqa: E402
from tests.ocr.captions import CAPTIONS, SCENE_SECONDS, write_captioned  # noqa: E402

ROUNDS = 5
VIDEOS = {  # name → (width, height, captions)
    "540p, 3 captions": (960, 540, list(CAPTIONS.values())),
    "720p, 6 captions": (1280, 720, [*CAPTIONS.values(), "Имя: Сергей Иванов", "Raqqa, 2017", "ولاية الخير"]),
}


def main():
    if not ocr.available():
        sys.exit("Tesseract is not installed (bin/ensure-system-packages installs tesseract-ocr).")
    with tempfile.TemporaryDirectory() as folder:
        videos = {}
        for name, (width, height, captions) in VIDEOS.items():
            path = write_captioned(Path(folder) / f"{width}x{height}.mp4", captions, width=width, height=height)
            videos[name] = (path, len(captions) * SCENE_SECONDS)
        # A warm-up of each mode, so neither pays for loading Tesseract's models or PyAV's codecs from a cold disk.
        for read_text in (True, False):
            analyse(next(iter(videos.values()))[0], read_text=read_text)
        per_second = {True: [], False: []}
        by_video = {(name, mode): [] for name in videos for mode in (True, False)}
        lines = {}
        for round_number in range(ROUNDS):
            for name, (path, seconds) in videos.items():
                modes = (True, False) if round_number % 2 == 0 else (False, True)
                for read_text in modes:
                    started = time.perf_counter()
                    analysis = analyse(path, read_text=read_text)
                    cost = (time.perf_counter() - started) / seconds
                    per_second[read_text].append(cost)
                    by_video[(name, read_text)].append(cost)
                    if read_text:
                        lines[name] = len(analysis.texts)
    print(f"load average of the machine ({os.cpu_count()} cores, shared) at the end: {os.getloadavg()[0]:.1f}")
    print(f"analysis with and without OCR (ocr.READERS={ocr.READERS} Tesseract processes, {ocr.LANGUAGES}); "
          f"{ROUNDS} interleaved rounds, p50 in seconds per video-second\n")
    print(f"{'video':20}{'seconds':>9}{'lines read':>12}{'with OCR':>11}{'without':>11}{'ratio':>8}")
    for name, (_, seconds) in videos.items():
        with_ocr = statistics.median(by_video[(name, True)])
        without = statistics.median(by_video[(name, False)])
        print(f"{name:20}{seconds:>9}{lines[name]:>12}{with_ocr:>11.4f}{without:>11.4f}{with_ocr / without:>8.2f}")
    with_ocr, without = statistics.median(per_second[True]), statistics.median(per_second[False])
    print(f"\nall videos: p50 with OCR {with_ocr:.4f} s per video-second, without {without:.4f}; "
          f"ratio {with_ocr / without:.2f} (OCR adds {with_ocr - without:.4f} s per video-second)")


if __name__ == "__main__":
    main()
