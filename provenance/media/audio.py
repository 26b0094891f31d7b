"""Chromaprint fingerprints of a file's soundtrack, and matching them by offset-aligned bit-error rate.

Computing one: the first audio track is decoded here, through probe.OpenedMedia (forced demuxer, no nested
opens, the deadline), down-mixed and resampled to mono 11025 Hz 16-bit, and piped as raw PCM into Debian's
`fpcalc -raw` (libchromaprint-tools). fpcalc never sees the untrusted container, only samples we decoded.
Chromaprint gives one 32-bit item every 1365 samples (ITEM_SECONDS, 0.124 s); each bit is one of 16 filters'
2-bit Gray-coded outputs over the spectrogram, so a copy's items differ from the original's in a few bits,
and unrelated audio in about half.

Matching (see `compare`): slide the query's items over the target's; at an offset, the bit error rate (BER) of
the aligned pairs is popcount(q XOR t) / 32. The whole overlap is not required to agree: a re-cut copy agrees
with its source only where it kept the source's audio. So per-pair errors are averaged over a WINDOW_ITEMS
sliding window, and query items whose window is under MATCH_BER at some offset count as aligned.
A pair of files matches when at least MIN_ALIGNED_SECONDS of the query align. Which offsets are tried comes from exact lookups of the items' top KEY_BITS
(`AudioIndex`, also used to find candidate files): pairs that share a key vote for their offset, and the best
voted offsets (each ± OFFSET_SLACK items) are scored.

Thresholds, measured by bench/audio/run.py on generated soundtracks (its results.txt has the latest run): a
copy re-encoded at 24 kbit/s, or with music mixed under it at -12 dB, aligns at a mean BER up to about 0.10
(single 2 s windows at its edges reach 0.27); the lowest 2 s window of unrelated soundtracks, at any offset, is
about 0.26 (median 0.30). MATCH_BER = 0.20 keeps copies' bulk and leaves unrelated windows out; MIN_ALIGNED_SECONDS
(5 s, several windows at voted offsets) keeps one unlucky window from matching: 24/24 copies, 0 of 150 false.
Stretches where the fingerprint does not change (silence, a held tone) carry no evidence, so items equal to
their predecessor never count as aligned, and a soundtrack that is silent throughout is not fingerprinted.
"""

import subprocess
from dataclasses import dataclass

import av
import numpy as np

from provenance.media import probe

SAMPLE_RATE = 11025
ITEM_SECONDS = 1365 / SAMPLE_RATE  # chromaprint's hop: a third of its 4096-sample frame
FPCALC_TIMEOUT = 120
SILENCE_RMS = 10 ** (-60 / 20)  # -60 dBFS: quieter than this throughout is silence, not a soundtrack

KEY_BITS = 20  # an index key: an item's 20 most significant bits (its first 10 filters)
WINDOW_ITEMS = 16  # about 2 s: errors are averaged over this many aligned items
MATCH_BER = 0.20
MIN_ALIGNED_SECONDS = 5.0
OFFSETS_TRIED = 8  # re-cut copies align at several offsets, one a kept segment
OFFSET_SLACK = 1
MIN_VOTES = 3
MAX_POSTINGS = 5000  # a key this common (silence, a hum) finds everything and tells nothing: not looked up


class FingerprintFailed(probe.MediaRefused):
    pass


@dataclass(frozen=True)
class AudioPrint:
    items: np.ndarray  # uint32, one every ITEM_SECONDS
    duration_seconds: float  # of the decoded audio

    @property
    def item_seconds(self):
        return ITEM_SECONDS

    def to_bytes(self):
        return self.items.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, raw, duration_seconds):
        return cls(np.frombuffer(bytes(raw), dtype="<u4").astype(np.uint32), duration_seconds)


def fingerprint(path, *, time_limit=300.0, fpcalc="fpcalc"):
    """The soundtrack's fingerprint, or None when the file has no audio track or only silence."""
    sniffed = probe.sniff(path)
    if sniffed.kind == "image":
        return None
    deadline = probe.Deadline(time_limit)
    with probe.OpenedMedia(path, sniffed, deadline) as media:
        if not media.container.streams.audio:
            return None
        samples = _decode_mono(media, deadline)
    if samples.size < SAMPLE_RATE or np.sqrt(np.mean((samples / 32768.0) ** 2)) < SILENCE_RMS:
        return None
    return AudioPrint(_chromaprint(samples, fpcalc, deadline), round(samples.size / SAMPLE_RATE, 3))


def _decode_mono(media, deadline):
    """16-bit mono PCM at SAMPLE_RATE; decoding stops at damage and keeps what came before it."""
    stream = media.container.streams.audio[0]
    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    pieces = []
    try:
        for packet in media.container.demux(stream):
            deadline.check()
            for frame in packet.decode():
                pieces.extend(piece.to_ndarray()[0] for piece in resampler.resample(frame))
        pieces.extend(piece.to_ndarray()[0] for piece in resampler.resample(None))
    except av.FFmpegError:
        pass  # truncated audio: fingerprint what decoded, as video analysis keeps the frames before damage
    return np.concatenate(pieces).astype(np.int16) if pieces else np.zeros(0, np.int16)


def _chromaprint(samples, fpcalc, deadline):
    command = [fpcalc, "-format", "s16le", "-rate", str(SAMPLE_RATE), "-channels", "1", "-length", "0", "-raw",
               "-plain", "-"]
    timeout = max(1.0, min(FPCALC_TIMEOUT, deadline.seconds))
    try:
        completed = subprocess.run(command, input=samples.astype("<i2").tobytes(), capture_output=True,
                                   timeout=timeout)
    except FileNotFoundError as missing:
        raise FingerprintFailed(f"{fpcalc} is not installed (Debian package libchromaprint-tools).") from missing
    except subprocess.TimeoutExpired as slow:
        raise FingerprintFailed(f"fpcalc took longer than {timeout:g} s over the decoded audio.") from slow
    text = completed.stdout.decode().strip()
    if not text:
        raise FingerprintFailed(f"fpcalc gave no fingerprint: {completed.stderr.decode(errors='replace')[:300]}")
    return np.array([int(value) for value in text.split(",")], dtype=np.uint32)


@dataclass(frozen=True)
class AudioMatch:
    aligned_seconds: float  # of the query, at some offset, in windows under MATCH_BER
    bit_error_rate: float | None  # over the aligned items, at the offsets that aligned them
    offset_seconds: float | None  # target time minus query time, at the offset aligning the most
    query_match_percent: float
    target_match_percent: float

    @property
    def is_match(self):
        return self.aligned_seconds >= MIN_ALIGNED_SECONDS

    def to_dict(self):
        return {
            "is_match": self.is_match,
            "aligned_seconds": round(self.aligned_seconds, 2),
            "bit_error_rate": None if self.bit_error_rate is None else round(self.bit_error_rate, 4),
            "offset_seconds": self.offset_seconds,
            "query_match_percent": round(self.query_match_percent, 1),
            "target_match_percent": round(self.target_match_percent, 1),
        }


NO_MATCH = AudioMatch(0.0, None, None, 0.0, 0.0)


class AudioIndex:
    """Exact lookups of items' top KEY_BITS: {identifier: offsets voted for} for the stored fingerprints.

    Keys sit in one sorted array (with the identifier and item position beside each); additions wait in a list and
    are merged in at the next search, so a batch of additions costs one sort.
    """

    def __init__(self):
        self._keys = np.zeros(0, np.uint32)
        self._ids = np.zeros(0, np.int64)
        self._positions = np.zeros(0, np.int32)
        self._pending = []

    def __len__(self):
        self._merge()
        return self._keys.size

    def add(self, identifier, items):
        items = _informative(np.asarray(items, np.uint32))
        positions = np.flatnonzero(items.mask)
        self._pending.append((items.values[positions] >> (32 - KEY_BITS), np.full(positions.size, identifier),
                              positions.astype(np.int32)))

    def search(self, items):
        """{identifier: [offset in items, best voted first]} for stored prints sharing at least MIN_VOTES keys at
        one offset (target position minus query position)."""
        self._merge()
        query = _informative(np.asarray(items, np.uint32))
        query_positions = np.flatnonzero(query.mask)
        keys = query.values[query_positions] >> (32 - KEY_BITS)
        low = np.searchsorted(self._keys, keys, "left")
        high = np.searchsorted(self._keys, keys, "right")
        counts = high - low
        usable = (counts > 0) & (counts <= MAX_POSTINGS)
        low, counts, query_positions = low[usable], counts[usable], query_positions[usable]
        if not counts.size:
            return {}
        # Every (query item, posting) pair sharing a key: the posting's row and the query item's position.
        starts = np.repeat(low - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
        offsets = self._positions[starts].astype(np.int64) - np.repeat(query_positions, counts)
        pairs, votes = np.unique(np.stack([self._ids[starts], offsets], axis=1), axis=0, return_counts=True)
        found = {}
        for (identifier, offset), count in sorted(zip(pairs.tolist(), votes.tolist()), key=lambda row: -row[1]):
            if count >= MIN_VOTES and len(found.setdefault(identifier, [])) < OFFSETS_TRIED:
                found[identifier].append(offset)
        return {identifier: offsets for identifier, offsets in found.items() if offsets}

    def _merge(self):
        if not self._pending:
            return
        keys, ids, positions = (np.concatenate([getattr(self, name)] + [part[i] for part in self._pending])
                                for i, name in enumerate(("_keys", "_ids", "_positions")))
        order = np.argsort(keys, kind="stable")
        self._keys, self._ids, self._positions = keys[order], ids[order], positions[order]
        self._pending = []


def compare(query, target, offsets=None):
    """Score a query AudioPrint against a target's at the offsets voted for (found by their keys when not given)."""
    q, t = np.asarray(query.items, np.uint32), np.asarray(target.items, np.uint32)
    if offsets is None:
        single = AudioIndex()
        single.add(0, t)
        offsets = single.search(q).get(0, [])
    informative = _informative(q).mask
    aligned_error = np.full(q.size, np.inf)  # per query item: its bit error at the best offset aligning it
    aligned_offset = np.zeros(q.size, np.int64)
    tried = sorted({offset + slack for offset in offsets for slack in range(-OFFSET_SLACK, OFFSET_SLACK + 1)})
    for offset in tried:
        first, last = max(0, -offset), min(q.size, t.size - offset)
        if last - first < WINDOW_ITEMS:
            continue
        errors = _popcount(q[first:last] ^ t[first + offset : last + offset]) / 32.0
        windows = np.convolve(errors, np.ones(WINDOW_ITEMS) / WINDOW_ITEMS, "valid")
        covered = np.zeros(errors.size, bool)
        for start in np.flatnonzero(windows < MATCH_BER):
            covered[start : start + WINDOW_ITEMS] = True
        here = np.arange(first, last)[covered]
        better = errors[covered] < aligned_error[here]
        aligned_error[here[better]] = errors[covered][better]
        aligned_offset[here[better]] = offset
    aligned = np.isfinite(aligned_error) & informative
    if not aligned.any():
        return NO_MATCH
    offsets_used, counts = np.unique(aligned_offset[aligned], return_counts=True)
    return AudioMatch(
        aligned_seconds=float(aligned.sum() * ITEM_SECONDS),
        bit_error_rate=float(aligned_error[aligned].mean()),
        offset_seconds=round(float(offsets_used[np.argmax(counts)] * ITEM_SECONDS), 2),
        query_match_percent=float(100.0 * aligned.sum() / q.size),
        target_match_percent=float(min(100.0, 100.0 * aligned.sum() / t.size)),
    )


@dataclass(frozen=True)
class _Informative:
    values: np.ndarray
    mask: np.ndarray  # False where an item repeats its predecessor: a static stretch says nothing


def _informative(items):
    mask = np.ones(items.size, bool)
    mask[1:] = items[1:] != items[:-1]
    return _Informative(items, mask)


_BYTE_BITS = np.array([bin(value).count("1") for value in range(256)], np.uint8)


def _popcount(values):
    return _BYTE_BITS[np.asarray(values, np.uint32).view(np.uint8)].reshape(-1, 4).sum(axis=1)
