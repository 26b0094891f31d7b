"""Which matching design finds altered copies? The measurement behind provenance/media/matching.py.

For three synthetic originals (8 s, 960×540, natural statistics) and each altered copy of them, prints the
query-matched percentage (worst of the three) and the worst nearest-frame distance under several designs,
then the nearest distance between unrelated videos under each. Run: .venv/bin/python bench/vpdq/variants.py
"""

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from provenance.media import matching  # noqa: E402
from provenance.media.analysis import analyse  # noqa: E402
from provenance.media.fingerprints import SCALES, distance  # noqa: E402
from provenance.media.index import hex_to_codes  # noqa: E402
from tests.media import synthetic  # noqa: E402

CACHE = ROOT / "bench" / ".cache" / "variants"
SEEDS = (1, 2, 3)
# Trims off the one-second grid: 2.48 s lands mid-way between a sample a second, 2.24 s between two a second.
VARIANTS = {
    **synthetic.VARIANTS,
    "2.48 s trimmed": lambda source, target: synthetic.trimmed(source, target, 2.48),
    "2.24 s trimmed": lambda source, target: synthetic.trimmed(source, target, 2.24),
    "cropped 10% centred": lambda source, target: synthetic.cropped(source, target, 0.10, lean=0),
    "cropped 20% centred": lambda source, target: synthetic.cropped(source, target, 0.20, lean=0),
    "cropped 10% off-centre": lambda source, target: synthetic.cropped(source, target, 0.10),
    "cropped 20% off-centre": lambda source, target: synthetic.cropped(source, target, 0.20),
}
ALL = range(len(SCALES))
# name: (target frames, target scales, query frames, query scales, query mirror images)
DESIGNS = {
    "chosen: indexed 2/s at 4 scales; query 4/s at 4 scales + mirror": ("indexed", ALL, "all", ALL, True),
    "as A, indexing scales 1 and 0.9 only": ("indexed", (0, 2), "all", ALL, True),
    "as A, indexing 1/s (the vPDQ frames)": ("opens", ALL, "all", ALL, True),
    "as A, querying 1/s (the vPDQ frames)": ("indexed", ALL, "opens", ALL, True),
    "as A, no central regions (whole trimmed frame only)": ("indexed", (0,), "all", (0,), True),
    "as A, no mirror": ("indexed", ALL, "all", ALL, False),
}


def entries(fingerprint, frames, scales, mirrors):
    slots = matching._eligible_slots(fingerprint)
    chosen = []
    for frame in fingerprint.frames:
        wanted = {"all": True, "indexed": frame.indexed, "opens": frame.opens_slot}[frames]
        if frame.slot in slots and wanted:
            for scale in scales:
                if frame.qualities[scale] >= matching.MIN_QUALITY:
                    chosen.append(matching._Entry(frame.slot, frame.timestamp, frame.hashes[scale]))
            if mirrors and frame.qualities[0] >= matching.MIN_QUALITY:
                chosen.append(matching._Entry(frame.slot, frame.timestamp, frame.mirrored, True))
    return chosen, slots


def slot_distances(query, target, design):
    """Each query slot's nearest distance to any target hash, by brute force."""
    target_frames, target_scales, query_frames, query_scales, mirrors = design
    query_entries, _ = entries(query, query_frames, query_scales, mirrors)
    target_entries, _ = entries(target, target_frames, target_scales, False)
    if not query_entries or not target_entries:
        return {}
    query_bits = np.unpackbits(hex_to_codes(e.hash for e in query_entries), axis=1).astype(np.int16)
    target_bits = np.unpackbits(hex_to_codes(e.hash for e in target_entries), axis=1).astype(np.int16)
    # Hamming distance as 256 - agreements, with bits mapped to ±1: one matrix product.
    nearest_per_entry = ((256 - (2 * query_bits - 1) @ (2 * target_bits - 1).T) // 2).min(axis=1)
    nearest = {}
    for entry, value in zip(query_entries, nearest_per_entry):
        nearest[entry.slot] = min(int(value), nearest.get(entry.slot, 256))
    return nearest


def main():
    CACHE.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    analyses = {}
    for seed in SEEDS:
        original = CACHE / f"{seed}-original.mp4"
        if not original.exists():
            synthetic.write_original(original, seed)
        analyses[seed, "original"] = analyse(original)
        for name, make in VARIANTS.items():
            path = CACHE / f"{seed}-{name.replace(' ', '_').replace('%', 'pc').replace(':', '-')}.mp4"
            if not path.exists():
                make(original, path)
            analyses[seed, name] = analyse(path)
    print(f"{len(analyses)} videos analysed in {time.perf_counter() - started:.0f} s\n")
    print("Query-matched % (worst of the 3 originals) / the largest nearest-frame distance of a query second")
    print("(its margin under the threshold of 31). A copy matches at >= 80%.")
    letters = "ABCDEF"
    for letter, label in zip(letters, DESIGNS):
        print(f"  {letter}: {label}")
    print(f"{'altered copy':24}{'plain vPDQ':>16}" + "".join(f"{letter:>16}" for letter in letters[: len(DESIGNS)]))
    for name in VARIANTS:
        plain = [matching.compare_vpdq(analyses[s, name].pdq, analyses[s, "original"].pdq) for s in SEEDS]
        plain_nearest = max(
            distance(h.hash, min((o.hash for o in analyses[s, "original"].pdq), key=lambda o: distance(h.hash, o)))
            for s in SEEDS
            for h in analyses[s, name].pdq
        )
        cells = [f"{min(m.query_match_percent for m in plain):>10.0f}% / {plain_nearest:>3}"]
        for design in DESIGNS.values():
            percents, largest = [], 0
            for s in SEEDS:
                nearest = slot_distances(analyses[s, name].fingerprint, analyses[s, "original"].fingerprint, design)
                slots = matching._eligible_slots(analyses[s, name].fingerprint)
                percents.append(100 * sum(nearest.get(slot, 256) <= 31 for slot in slots) / len(slots))
                largest = max(largest, *nearest.values())
            cells.append(f"{min(percents):>10.0f}% / {largest:>3}")
        print(f"{name:24}" + "".join(cells))
    print("\nNearest distance between unrelated videos, over every pair of hashes compared (threshold 31):")
    for letter, (label, design) in zip(letters, DESIGNS.items()):
        nearest = min(
            min(
                slot_distances(
                    analyses[a, "original"].fingerprint, analyses[b, "original"].fingerprint, design
                ).values()
            )
            for a in SEEDS
            for b in SEEDS
            if a != b
        )
        print(f"  {letter}: {nearest}")


if __name__ == "__main__":
    main()
