"""PDQ and vPDQ hashes of pictures, and the extra "robust" frame hashes used to find altered copies.

Hashes are 64 hexadecimal characters in ThreatExchange's order (the first character holds bits 255-252, as
vpdq's and PDQ's C++ ``Hash256::format`` print them) and quality is 0-100, so they can be exchanged with
ThreatExchange and Hasher-Matcher-Actioner as they are.

vPDQ frame selection is vpdq's: keep decoded frame ``i`` when ``i % max(1, int(fps * seconds_per_hash)) == 0``,
hash the frame at full size in RGB, timestamp ``i / fps``. On constant-frame-rate files this gives the same
hashes as the vpdq package bit for bit (checked against vpdq 0.2.5 on this project's test video).

Robust frame hashes (see matching.py for why and the measurements) are computed on a copy scaled to fit
160×160, after trimming black borders, at four central scales, each region resized to 64×64 (PDQ's working
size) before hashing; the whole trimmed frame is also hashed mirrored left to right.
"""

from dataclasses import dataclass

import numpy as np
import pdqhash
from PIL import Image

from provenance.media import probe
from provenance.media.worker import OrderedWorker

SECONDS_PER_HASH = 1.0
ROBUST_BOX = 160  # robust hashes start from frames scaled to fit this box; PDQ itself works at 64×64
ROBUST_STEP_SECONDS = 0.25  # robust frames per vPDQ slot: every quarter second
SCALES = (1.0, 0.95, 0.9, 0.8)  # central regions hashed: the whole (border-trimmed) frame, then tighter crops
_BORDER_LUMA = 32  # rows and columns this dark...
_BORDER_SHARE = 0.02  # ...in all but this share of their pixels are a letterbox or pillarbox bar


def to_hex(bits):
    return np.packbits(np.asarray(bits, dtype=np.uint8)).tobytes().hex()


def distance(first, second):
    """Hamming distance between two hex hashes."""
    return (int(first, 16) ^ int(second, 16)).bit_count()


def pdq(rgb):
    """(hash, quality) of an RGB uint8 array of shape (height, width, 3)."""
    bits, quality = pdqhash.compute(np.ascontiguousarray(rgb))
    return to_hex(bits), int(quality)


def vpdq_step(rate, seconds_per_hash=SECONDS_PER_HASH):
    return max(1, int(float(rate) * seconds_per_hash))


def robust_step(rate):
    return max(1, int(float(rate) * ROBUST_STEP_SECONDS))


def indexed_offsets(step, dense):
    """Offsets within a slot of the frames whose hashes are indexed: the opening one and the sample nearest mid-slot."""
    return {0, (step // 2) // dense * dense}


@dataclass(frozen=True)
class FrameHash:
    frame: int
    timestamp: float
    hash: str
    quality: int

    def to_dict(self):
        return {"frame": self.frame, "timestamp": round(self.timestamp, 3), "hash": self.hash, "quality": self.quality}


@dataclass(frozen=True)
class RobustFrame:
    """One sampled frame's hashes at each of SCALES with their qualities, and its mirror image's hash."""

    frame: int
    timestamp: float
    slot: int  # which vPDQ interval (second) the frame falls in
    opens_slot: bool  # the slot's first frame, the vPDQ frame
    indexed: bool  # one of the two frames a slot puts in the index (its opening and the one nearest mid-slot)
    hashes: tuple
    qualities: tuple
    mirrored: str

    def to_dict(self):
        return {
            "frame": self.frame,
            "timestamp": round(self.timestamp, 3),
            "slot": self.slot,
            "opens_slot": self.opens_slot,
            "indexed": self.indexed,
            "hashes": list(self.hashes),
            "qualities": list(self.qualities),
            "mirrored": self.mirrored,
        }


@dataclass(frozen=True)
class Fingerprint:
    """The robust hashes of a whole file: what matching.py compares and index.py holds."""

    frames: tuple  # RobustFrame, in frame order

    def to_dict(self):
        return {"frames": [frame.to_dict() for frame in self.frames]}

    @classmethod
    def from_dict(cls, data):
        return cls(
            tuple(
                RobustFrame(
                    item["frame"],
                    item["timestamp"],
                    item["slot"],
                    item["opens_slot"],
                    item["indexed"],
                    tuple(item["hashes"]),
                    tuple(item["qualities"]),
                    item["mirrored"],
                )
                for item in data["frames"]
            )
        )


def robust_size(width, height):
    """Even dimensions fitting ROBUST_BOX, keeping the aspect ratio (never upscaled)."""
    scale = min(1.0, ROBUST_BOX / max(width, height))
    return max(2, round(width * scale / 2) * 2), max(2, round(height * scale / 2) * 2)


def trim_borders(rgb):
    """Cut black bars (letterbox, pillarbox) off the edges; keep the frame when that would leave under a third."""
    # Channel by channel: numpy reduces a 3-wide last axis ten times slower.
    bright = np.maximum(np.maximum(rgb[:, :, 0], rgb[:, :, 1]), rgb[:, :, 2]) > _BORDER_LUMA
    rows = np.flatnonzero(bright.mean(axis=1) > _BORDER_SHARE)
    columns = np.flatnonzero(bright.mean(axis=0) > _BORDER_SHARE)
    if rows.size == 0 or columns.size == 0:
        return rgb
    top, bottom, left, right = rows[0], rows[-1] + 1, columns[0], columns[-1] + 1
    if (bottom - top) * 3 < rgb.shape[0] or (right - left) * 3 < rgb.shape[1]:
        return rgb
    return rgb[top:bottom, left:right]


def robust_frame(small_rgb, frame, timestamp, slot, opens_slot, indexed):
    """Hashes of a downscaled frame: border-trimmed, at each central scale, and the whole frame mirrored."""
    content = Image.fromarray(trim_borders(small_rgb))
    hashes, qualities = [], []
    for scale in SCALES:
        # Resized to PDQ's own 64×64 first: cheap to hash, and mirroring commutes with it exactly (PDQ's own
        # box filters are lopsided at even window sizes: pdqhash's dihedral mirror hash of a 256×144 region
        # differed from the hash of the mirrored region by 20-36 bits).
        width, height = content.size
        margin_x, margin_y = round(width * (1 - scale) / 2), round(height * (1 - scale) / 2)
        region = content.resize(
            (64, 64), Image.Resampling.BILINEAR, (margin_x, margin_y, width - margin_x, height - margin_y)
        )
        value, quality = pdq(np.asarray(region))
        hashes.append(value)
        qualities.append(quality)
        if scale == 1.0:
            mirrored = pdq(np.asarray(region)[:, ::-1])[0]
    return RobustFrame(frame, timestamp, slot, opens_slot, indexed, tuple(hashes), tuple(qualities), mirrored)


def vpdq_file(path, seconds_per_hash=SECONDS_PER_HASH, time_limit=600.0):
    """vPDQ of a video file alone (analysis.py computes it in its single pass along with everything else)."""
    sniffed = probe.sniff(path)
    hashes = []
    with probe.OpenedMedia(path, sniffed, probe.Deadline(time_limit)) as media:
        if media.video is None:
            raise probe.UnsupportedFormat("The file has no video stream, so it has no vPDQ hash.")
        rate = float(probe.frame_rate(media.video))
        step = vpdq_step(rate, seconds_per_hash)

        def hash_frame(item):
            number, frame = item
            hashes.append(FrameHash(number, number / rate, *pdq(frame.to_ndarray(format="rgb24"))))

        with OrderedWorker(hash_frame) as worker:
            for number, frame in media.decode_video(probe.DecodeReport()):
                if number % step == 0:
                    worker.put((number, frame))
    return hashes
