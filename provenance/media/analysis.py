"""Everything the evidence pipeline extracts from one file, in one decode pass.

For a video, the caller's thread decodes and a worker thread (worker.py) looks at each sampled frame once, in
order:

* every vPDQ frame (one a second) is hashed at full size: the ThreatExchange-compatible vPDQ;
* every quarter second a copy scaled to fit 320×320 gets the robust hashes (fingerprints.robust_frame);
* the same robust hash tells scene changes: two samples a quarter second apart differ by 4-48 bits within a
  shot of the test footage and by about 128 across a cut, so a distance over SCENE_CUT_DISTANCE opens a
  keyframe; a keyframe is also taken at the start and whenever KEYFRAME_EVERY_SECONDS pass without one;
* keyframes are stored as JPEG (fitting 640×640); the best-quality one becomes the thumbnail, stored plain
  and strongly blurred (for graphic content);
* the text burned into each keyframe is read at full size (ocr.py: a 640 px copy is too small for captions),
  by Tesseract processes running beside the decoder.

Images get PDQ, robust hashes, thumbnails, their text and EXIF (exiftool, when installed). Every kind gets its container
metadata and its C2PA state (c2pa-python, with network fetches disabled so evidence never calls out).
"""

import io
import json
import shutil
import subprocess
from dataclasses import dataclass, field

import c2pa
import numpy as np
from av.video.reformatter import Interpolation, VideoReformatter
from PIL import Image, ImageFilter

from provenance.media import ocr, probe
from provenance.media.fingerprints import (
    SECONDS_PER_HASH,
    Fingerprint,
    FrameHash,
    distance,
    indexed_offsets,
    pdq,
    robust_frame,
    robust_size,
    robust_step,
    vpdq_step,
)
from provenance.media.worker import OrderedWorker

DEFAULT_TIME_LIMIT = 300.0  # seconds of decoding per file; give the Celery task a hard limit a little above
SCENE_CUT_DISTANCE = 90
KEYFRAME_EVERY_SECONDS = 10.0
MIN_SECONDS_BETWEEN_CUTS = 1.0  # flashes and fast motion do not make a keyframe every quarter second
MAX_KEYFRAMES = 200
KEYFRAME_BOX = 640
THUMBNAIL_BOX = 320
BLUR_RADIUS_SHARE = 1 / 12  # Gaussian radius as a share of the thumbnail's longest side: shapes, no detail
JPEG_QUALITY = 85
EXIFTOOL_TIMEOUT = 60
# Reading evidence must not reach out: no remote manifests, no OCSP, no network hosts.
_C2PA_SETTINGS = {
    "verify": {"remote_manifest_fetch": False, "ocsp_fetch": False},
    "core": {"allowed_network_hosts": []},
}


@dataclass(frozen=True)
class Keyframe:
    frame: int
    timestamp: float
    reason: str  # "start", "scene change" or "interval"
    jpeg: bytes = field(repr=False)


@dataclass
class Analysis:
    kind: str  # "video", "audio" or "image"
    mime: str
    metadata: dict
    pdq: list = field(default_factory=list)  # FrameHash: vPDQ for a video, the one PDQ of an image
    fingerprint: Fingerprint | None = None
    keyframes: list = field(default_factory=list)
    thumbnail: bytes | None = field(default=None, repr=False)
    thumbnail_blurred: bytes | None = field(default=None, repr=False)
    exif: dict = field(default_factory=dict)
    texts: list = field(default_factory=list)  # ocr.ScreenText of the keyframes (or the image)
    c2pa: dict = field(default_factory=dict)
    truncated: bool = False
    warnings: list = field(default_factory=list)

    def summary(self):
        """Everything but the JPEG bytes, as JSON-ready data."""
        return {
            "kind": self.kind,
            "mime": self.mime,
            "metadata": self.metadata,
            "pdq": [frame_hash.to_dict() for frame_hash in self.pdq],
            "fingerprint": self.fingerprint.to_dict() if self.fingerprint else None,
            "keyframes": [
                {"frame": k.frame, "timestamp": round(k.timestamp, 3), "reason": k.reason} for k in self.keyframes
            ],
            "exif": self.exif,
            "texts": [text.to_dict() for text in self.texts],
            "c2pa": self.c2pa,
            "truncated": self.truncated,
            "warnings": self.warnings,
        }


def analyse(
    path, *, time_limit=DEFAULT_TIME_LIMIT, seconds_per_hash=SECONDS_PER_HASH, exiftool="exiftool", read_text=False,
    threads=0,
):
    """Analyse the file at `path`; raises probe.MediaRefused (with an analyst-readable message) when it cannot.

    `threads` (settings.VIDEO_DECODE_THREADS for the services): 1 decodes and looks at frames on the calling thread
    alone, using one core (with OCR, one Tesseract process reads keyframes beside it); otherwise FFmpeg decodes on
    `threads` frame threads (0: as many as cores) while a worker thread looks at the frames.

    `read_text=True` also reads the text on the keyframes (OCR). It is off unless asked for, as it costs three to five
    times the rest of the analysis (bench/ocr/results.txt): the enrichment asks as settings.ENRICHMENT_READ_TEXT
    says; comparing a query file's fingerprints needs no text."""
    sniffed = probe.sniff(path)
    reader = _text_reader(read_text, threads)
    try:
        if sniffed.kind == "image":
            analysis = _analyse_image(path, sniffed, exiftool, reader)
        else:
            analysis = _analyse_audio_video(
                path, sniffed, probe.Deadline(time_limit), seconds_per_hash, reader, threads
            )
        if reader is not None:
            analysis.texts = reader.texts()
    finally:
        if reader is not None:
            reader.close()
    if reader is None and read_text:
        analysis.warnings.append("On-screen text was not read: Tesseract (tesseract-ocr) is not installed.")
    analysis.c2pa = read_c2pa(path, sniffed.mime)
    return analysis


def _text_reader(read_text, threads):
    """One Tesseract at a time beside a one-thread analysis (the worker pool is the parallelism), else several."""
    if not (read_text and ocr.available()):
        return None
    return ocr.FrameReader(readers=1 if threads == 1 else ocr.READERS)


def _analyse_audio_video(path, sniffed, deadline, seconds_per_hash, reader, threads):
    with probe.OpenedMedia(path, sniffed, deadline) as media:
        analysis = Analysis("audio", sniffed.mime, media.metadata())
        if media.video is None:
            return analysis
        analysis.kind = "video"
        rate = probe.frame_rate(media.video)
        if not rate:
            raise probe.DamagedMedia("The video stream declares no frame rate, so its frames cannot be sampled.")
        frames = _VideoFrames(analysis, float(rate), seconds_per_hash, media.video.codec_context, reader)
        report = probe.DecodeReport()
        # With more than one thread, decoding here and everything else on the worker thread overlap (worker.py).
        with OrderedWorker(frames.take) if threads != 1 else _Inline(frames.take) as worker:
            for number, frame in media.decode_video(report, threads):
                if number % frames.step % frames.dense == 0:
                    worker.put((number, frame))
        analysis.fingerprint = Fingerprint(tuple(frames.robust))
        analysis.truncated = report.truncated
        if report.truncated:
            analysis.warnings.append(report.describe())
        analysis.metadata["decoded_frames"] = report.frames
    if frames.best is not None:
        analysis.thumbnail, analysis.thumbnail_blurred = _thumbnails(frames.best[1])
    return analysis


class _Inline:
    """OrderedWorker's interface, working on the caller's thread."""

    def __init__(self, work):
        self.put = work

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return None


class _VideoFrames:
    """What is done with each sampled frame, in frame order, on the worker thread."""

    def __init__(self, analysis, rate, seconds_per_hash, codec_context, reader):
        self.analysis, self.rate, self.reader = analysis, rate, reader
        self.step, self.dense = vpdq_step(rate, seconds_per_hash), robust_step(rate)
        self.indexed = indexed_offsets(self.step, self.dense)
        self.small_size = robust_size(codec_context.width, codec_context.height)
        self.keyframe_size = _fit(codec_context.width, codec_context.height, KEYFRAME_BOX)
        self.shrink = VideoReformatter()  # one scaler context for the file: a new one per frame costs ~0.6 ms
        self.robust, self.best = [], None  # best: (quality, picture) of the keyframe to make the thumbnail of

    def take(self, item):
        number, frame = item
        offset = number % self.step
        if offset == 0:
            self.analysis.pdq.append(FrameHash(number, number / self.rate, *pdq(frame.to_ndarray(format="rgb24"))))
        small = self.shrink.reformat(frame, *self.small_size, format="rgb24", interpolation=Interpolation.AREA)
        robust = robust_frame(
            small.to_ndarray(), number, number / self.rate, number // self.step, offset == 0, offset in self.indexed
        )
        timestamp = frame.time if frame.time is not None else number / self.rate
        keyframes = self.analysis.keyframes
        reason = _keyframe_reason(keyframes, self.robust[-1] if self.robust else None, robust, timestamp)
        self.robust.append(robust)
        if reason and len(keyframes) < MAX_KEYFRAMES:
            picture = frame.to_image(width=self.keyframe_size[0], height=self.keyframe_size[1])
            keyframes.append(Keyframe(number, timestamp, reason, _jpeg(picture)))
            if self.reader is not None:
                self.reader.submit(frame.to_image(), number, timestamp)
            if self.best is None or robust.qualities[0] > self.best[0]:
                self.best = (robust.qualities[0], picture)


def _keyframe_reason(keyframes, previous, robust, timestamp):
    if not keyframes:
        return "start"
    since_last = timestamp - keyframes[-1].timestamp
    if since_last >= KEYFRAME_EVERY_SECONDS:
        return "interval"
    cut = distance(previous.hashes[0], robust.hashes[0]) > SCENE_CUT_DISTANCE
    if cut and since_last >= MIN_SECONDS_BETWEEN_CUTS:
        return "scene change"
    return None


def _analyse_image(path, sniffed, exiftool, reader):
    with probe.open_image(path, sniffed) as image:
        rgb_image = image.convert("RGB")  # the first frame of an animation
        metadata = {
            "mime": sniffed.mime,
            "format": image.format,
            "width": image.width,
            "height": image.height,
            "mode": image.mode,
            "frame_count": getattr(image, "n_frames", 1),
        }
    analysis = Analysis("image", sniffed.mime, metadata)
    if reader is not None:
        reader.submit(rgb_image, 0, 0.0)
    analysis.pdq.append(FrameHash(0, 0.0, *pdq(np.asarray(rgb_image))))
    small = np.asarray(rgb_image.resize(robust_size(*rgb_image.size), Image.Resampling.BILINEAR))
    analysis.fingerprint = Fingerprint((robust_frame(small, 0, 0.0, 0, True, True),))
    analysis.thumbnail, analysis.thumbnail_blurred = _thumbnails(rgb_image)
    analysis.exif = read_exif(path, exiftool)
    return analysis


def _fit(width, height, box):
    scale = min(1.0, box / max(width, height))
    return max(2, round(width * scale / 2) * 2), max(2, round(height * scale / 2) * 2)


def _jpeg(picture):
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def _thumbnails(picture):
    thumbnail = picture.resize(_fit(*picture.size, THUMBNAIL_BOX), Image.Resampling.LANCZOS)
    return _jpeg(thumbnail), _jpeg(_blur(thumbnail))


def _blur(picture):
    return picture.filter(ImageFilter.GaussianBlur(max(picture.size) * BLUR_RADIUS_SHARE))


def blurred_jpeg(jpeg):
    """The same picture blurred to shapes without detail, for graphic content shown before anyone asks."""
    with Image.open(io.BytesIO(jpeg)) as picture:
        return _jpeg(_blur(picture.convert("RGB")))


def read_exif(path, exiftool="exiftool"):
    """Tags exiftool reads (`exiftool -json -G1`), without the local file system's; or why there are none."""
    program = shutil.which(exiftool)
    if program is None:
        return {"state": "unavailable", "reason": f"{exiftool} is not installed"}
    try:
        completed = subprocess.run(
            [program, "-json", "-G1", "--", str(path)], capture_output=True, timeout=EXIFTOOL_TIMEOUT
        )
        tags = json.loads(completed.stdout)[0]
    except subprocess.TimeoutExpired:
        return {"state": "error", "reason": f"exiftool took longer than {EXIFTOOL_TIMEOUT} s"}
    except (ValueError, IndexError):
        return {"state": "error", "reason": completed.stderr.decode(errors="replace")[:500]}
    # System: names, dates and permissions of our stored copy, not of the evidence.
    kept = {
        key: value
        for key, value in tags.items()
        if key != "SourceFile" and not key.startswith(("System:", "ExifTool:"))
    }
    return {"state": "read", "tags": kept}


def read_c2pa(path, mime):
    """The file's C2PA manifest store and its validation state: none, valid, trusted, invalid or error."""
    if mime not in c2pa.Reader.get_supported_mime_types():
        return {"state": "unsupported format"}
    try:
        with open(path, "rb") as stream:
            reader = c2pa.Reader.try_create(mime, stream, context=c2pa.Context.from_dict(_C2PA_SETTINGS))
            if reader is None:
                return {"state": "none"}
            try:
                return {
                    "state": (reader.get_validation_state() or "unknown").lower(),
                    "validation_results": reader.get_validation_results(),
                    "manifest_store": json.loads(reader.json()),
                }
            finally:
                reader.close()
    except c2pa.C2paError as error:
        return {"state": "error", "reason": str(error)}
