"""Generated soundtracks and the altered copies re-uploads make of them; nothing is fetched.

A soundtrack is structured like a spoken or chanted track, not a test tone: notes with random pitch, length and
vibrato (voiced harmonics), pauses, rising and falling chirps and bursts of band-passed noise (consonants,
gunfire). "Music" is a different kind of signal: chords on a steady beat with a kick drum, to mix under a track.
Files are written with PyAV: AAC in MP4, with a picture from tests/media/synthetic.py or without one.
"""

from fractions import Fraction

import av
import numpy as np

from tests.media import synthetic

RATE = 44100


def soundtrack(seed, seconds):
    """Mono float samples in -1..1: voiced notes, chirps and noise bursts separated by short pauses."""
    rng = np.random.default_rng(seed)
    total = int(seconds * RATE)
    out = np.zeros(total, np.float64)
    position = 0
    while position < total:
        length = int(rng.uniform(0.12, 0.6) * RATE)
        t = np.arange(length) / RATE
        envelope = np.minimum(1, np.minimum(t, t[::-1]) / 0.02)  # 20 ms fades, no clicks
        kind = rng.choice(["voiced", "voiced", "chirp", "noise"], p=[0.35, 0.35, 0.15, 0.15])
        if kind == "voiced":
            pitch = rng.uniform(90, 300) * (1 + 0.02 * np.sin(2 * np.pi * rng.uniform(4, 7) * t))
            phase = 2 * np.pi * np.cumsum(pitch) / RATE
            sound = sum(np.sin(harmonic * phase) / harmonic for harmonic in range(1, 9))
        elif kind == "chirp":
            start, end = rng.uniform(300, 3000, 2)
            phase = 2 * np.pi * np.cumsum(np.geomspace(start, end, length)) / RATE
            sound = np.sin(phase)
        else:
            sound = _band_noise(rng, length, *sorted(rng.uniform(500, 6000, 2)))
        stop = min(total, position + length)
        out[position:stop] += (rng.uniform(0.3, 1.0) * envelope * sound)[: stop - position]
        position = stop + int(rng.uniform(0.02, 0.25) * RATE)  # a pause
    return _normalise(out + 0.003 * rng.standard_normal(total))


def music(seed, seconds):
    """Mono float samples: triads changing every two beats at 100 bpm over a kick drum."""
    rng = np.random.default_rng(seed)
    total = int(seconds * RATE)
    t = np.arange(total) / RATE
    beat = 0.6
    out = np.zeros(total)
    for start in np.arange(0, seconds, 2 * beat):
        root = 110 * 2 ** (rng.integers(0, 12) / 12)
        window = (t >= start) & (t < start + 2 * beat)
        for ratio in (1, 1.26, 1.5):
            out[window] += np.sin(2 * np.pi * root * ratio * t[window]) * np.exp(-(t[window] - start) * 1.5)
    for start in np.arange(0, seconds, beat):
        kick = (t >= start) & (t < start + 0.15)
        local = t[kick] - start
        out[kick] += 2 * np.sin(2 * np.pi * 60 * local * (1 - local * 2)) * np.exp(-local * 30)
    return _normalise(out)


def mixed_under(track, bed, decibels=-12.0):
    """`bed` mixed under `track` so that its RMS level is `decibels` relative to the track's."""
    bed = bed[: track.size]
    gain = _rms(track) / _rms(bed) * 10 ** (decibels / 20)
    return _normalise(track + gain * bed)


def _band_noise(rng, length, low, high):
    spectrum = np.fft.rfft(rng.standard_normal(length))
    frequencies = np.fft.rfftfreq(length, 1 / RATE)
    spectrum[(frequencies < low) | (frequencies > high)] = 0
    return np.fft.irfft(spectrum, n=length) * 3


def _rms(samples):
    return float(np.sqrt(np.mean(samples**2)))


def _normalise(samples, peak=0.8):
    return (samples * peak / max(1e-9, np.max(np.abs(samples)))).astype(np.float32)


def write(path, samples, *, picture_seed=None, picture_start=0.0, bit_rate=128000, crf=30, width=320, height=180):
    """AAC in MP4 (stereo at `bit_rate`), under a generated picture (from `picture_start` s) when `picture_seed`
    is given."""
    seconds = samples.size / RATE
    with av.open(str(path), "w", format="mp4") as container:
        video = None
        if picture_seed is not None:
            video = container.add_stream("libx264", rate=synthetic.FPS)
            video.width, video.height, video.pix_fmt = width, height, "yuv420p"
            video.options = {"crf": str(crf), "preset": "ultrafast"}
        audio = container.add_stream("aac", rate=RATE, layout="stereo")
        audio.bit_rate = bit_rate
        if video is not None:
            skipped = int(picture_start * synthetic.FPS)
            for index, rgb in enumerate(synthetic.natural_frames(picture_seed, width, height, picture_start + seconds)):
                if index < skipped:
                    continue
                container.mux(video.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")))
            container.mux(video.encode())
        stereo = np.stack([samples, samples])
        for start in range(0, samples.size, 1024):
            chunk = np.ascontiguousarray(stereo[:, start : start + 1024])
            frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="stereo")
            frame.sample_rate, frame.pts, frame.time_base = RATE, start, Fraction(1, RATE)
            container.mux(audio.encode(frame))
        container.mux(audio.encode())
    return path


def read(path):
    """The first audio track of a file, decoded to mono float samples at RATE."""
    resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
    pieces = []
    with av.open(str(path)) as container:
        for frame in container.decode(audio=0):
            for resampled in resampler.resample(frame):
                pieces.append(resampled.to_ndarray()[0])
    return np.concatenate(pieces)
