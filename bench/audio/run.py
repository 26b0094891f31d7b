"""Audio fingerprints against plain vPDQ (and our robust vPDQ) on the same generated set, in the same run.

Each of FAMILIES originals is a 20 s soundtrack (tests/audio/soundtrack.py) under a generated 320×180 picture.
Its copies, as re-uploads make them:
  under a different picture   the same soundtrack muxed under another video
  trimmed                     3.3 s cut from the start and 2 s from the end, picture and sound
  re-encoded at a low bitrate AAC at 24 kbit/s, picture at CRF 40
  with music mixed under it   chords and a kick drum at -12 dB under the soundtrack, same picture
Recall: each copy queried against its own original. False matches: every file (originals and copies) queried
against every other family's original. Margin: the lowest 2 s window bit-error rate at any offset between
unrelated soundtracks, against the highest window a true copy needed; MATCH_BER (0.20) sits between them.
Cost: seconds of fingerprinting (decode + fpcalc) per second of audio, beside the whole video analysis.
Run: .venv/bin/python bench/audio/run.py > bench/audio/results.txt
"""

import os
import sys
import tempfile
import time
from pathlib import Path

import django
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()

from provenance.media import audio, matching  # noqa: E402
from provenance.media.analysis import analyse  # noqa: E402
from tests.audio import soundtrack  # noqa: E402

FAMILIES = 6
SECONDS = 20
TRIM_START, TRIM_END = 3.3, 2.0
COPIES = ["under a different picture", "trimmed", "re-encoded at a low bitrate", "with music mixed under it"]


def make_family(folder, family):
    rate, track = soundtrack.RATE, soundtrack.soundtrack(100 + family, SECONDS)
    picture = 200 + family
    files = {
        "original": soundtrack.write(folder / f"{family}-original.mp4", track, picture_seed=picture),
        "under a different picture": soundtrack.write(folder / f"{family}-picture.mp4", track,
                                                      picture_seed=300 + family),
        "trimmed": soundtrack.write(folder / f"{family}-trimmed.mp4",
                                    track[int(TRIM_START * rate) : -int(TRIM_END * rate)],
                                    picture_seed=picture, picture_start=TRIM_START),
        "with music mixed under it": soundtrack.write(
            folder / f"{family}-music.mp4", soundtrack.mixed_under(track, soundtrack.music(400 + family, SECONDS)),
            picture_seed=picture),
    }
    files["re-encoded at a low bitrate"] = soundtrack.write(
        folder / f"{family}-low.mp4", soundtrack.read(files["original"]), picture_seed=picture, bit_rate=24000,
        crf=40)
    return files


def windows_at(query, target, offset):
    """Every WINDOW_ITEMS-average bit-error rate of the two item sequences aligned at `offset` items."""
    q, t = query.items, target.items
    first, last = max(0, -offset), min(q.size, t.size - offset)
    errors = audio._popcount(q[first:last] ^ t[first + offset : last + offset]) / 32.0
    return np.convolve(errors, np.ones(audio.WINDOW_ITEMS) / audio.WINDOW_ITEMS, "valid")


def lowest_window_ber(query, target):
    """The lowest window bit-error rate at any offset: how close two unrelated soundtracks ever come."""
    offsets = range(-query.items.size + audio.WINDOW_ITEMS, target.items.size - audio.WINDOW_ITEMS)
    return min(float(windows_at(query, target, offset).min()) for offset in offsets)


def highest_window_ber(query, target):
    """The worst window of a true copy at the offset it matched at: what the threshold must let through."""
    offset = round(audio.compare(query, target).offset_seconds / audio.ITEM_SECONDS)
    return float(windows_at(query, target, offset).max())


def main():
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        families = [make_family(Path(folder), family) for family in range(FAMILIES)]
        print(f"{FAMILIES} families of {SECONDS} s, {FAMILIES * (1 + len(COPIES))} files, written in "
              f"{time.perf_counter() - started:.0f} s")
        prints, analyses, audio_time, video_time, audio_seconds = {}, {}, 0.0, 0.0, 0.0
        for family, files in enumerate(families):
            for name, path in files.items():
                started = time.perf_counter()
                prints[family, name] = audio.fingerprint(path)
                audio_time += time.perf_counter() - started
                audio_seconds += prints[family, name].duration_seconds
                started = time.perf_counter()
                analyses[family, name] = analyse(path)
                video_time += time.perf_counter() - started

    methods = {
        "audio (Chromaprint)": lambda q, t: audio.compare(prints[q], prints[t]).is_match,
        "plain vPDQ": lambda q, t: matching.compare_vpdq(analyses[q].pdq, analyses[t].pdq).is_match,
        "robust vPDQ (ours)": lambda q, t: matching.compare(analyses[q].fingerprint, analyses[t].fingerprint).is_match,
    }
    print(f"\nRecall: copies found of {FAMILIES} (each copy queried against its original)")
    print(f"{'copy':30}" + "".join(f"{method:>22}" for method in methods))
    for copy in COPIES:
        found = [sum(match((f, copy), (f, "original")) for f in range(FAMILIES)) for match in methods.values()]
        print(f"{copy:30}" + "".join(f"{count:>20}/{FAMILIES}" for count in found))
    total = [sum(match((f, c), (f, "original")) for f in range(FAMILIES) for c in COPIES) for match in methods.values()]
    print(f"{'all copies':30}" + "".join(f"{count:>19}/{FAMILIES * len(COPIES)}" for count in total))

    pairs = [((f, name), (g, "original")) for f in range(FAMILIES) for name in ["original", *COPIES]
             for g in range(FAMILIES) if g != f]
    print(f"\nFalse matches among {len(pairs)} pairs of files from different families")
    print(f"{'':30}" + "".join(f"{sum(match(q, t) for q, t in pairs):>22}" for match in methods.values()))

    index = audio.AudioIndex()
    keys = {key: number for number, key in enumerate(prints)}
    for key, number in keys.items():
        if key[1] == "original":
            index.add(number, prints[key].items)
    wrong = sum(1 for key in prints for hit in index.search(prints[key].items) if hit_family(keys, hit) != key[0])
    missed = sum(1 for key in prints if keys[key[0], "original"] not in index.search(prints[key].items))
    print(f"\nAudio index ({len(index)} keys of {KEY_NOTE}): own original not among the candidates for {missed} of "
          f"{len(prints)} files; {wrong} candidates from another family")

    copy_rates = [audio.compare(prints[f, c], prints[f, "original"]).bit_error_rate for f in range(FAMILIES)
                  for c in COPIES]
    copy_windows = [highest_window_ber(prints[f, c], prints[f, "original"]) for f in range(FAMILIES) for c in COPIES]
    unrelated = [lowest_window_ber(prints[q], prints[t]) for q, t in pairs[:: max(1, len(pairs) // 40)]]
    print(f"\nBit-error rates: true copies, mean over aligned items {min(copy_rates):.3f}-{max(copy_rates):.3f}, "
          f"worst 2 s window at their offset {max(copy_windows):.3f};\n"
          f"unrelated soundtracks, lowest 2 s window at any offset ({len(unrelated)} pairs): {min(unrelated):.3f} "
          f"(median {np.median(unrelated):.3f}); MATCH_BER = {audio.MATCH_BER}")
    print(f"\nCost: audio fingerprint {audio_time / audio_seconds * 1000:.1f} ms per second of audio "
          f"(decode + fpcalc); the whole video analysis of the same files {video_time / audio_seconds * 1000:.1f} ms "
          "per second")


KEY_NOTE = f"the originals' top {audio.KEY_BITS} bits"


def hit_family(keys, number):
    return next(key[0] for key, value in keys.items() if value == number)


if __name__ == "__main__":
    main()
