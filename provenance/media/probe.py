"""Safe opening of untrusted media: recognised by its bytes, allow-listed formats only, decoded under a deadline.

Rules, and why:

* The type comes from the bytes (libmagic), never from the name: random bytes named ``.mp4`` are refused.
* Each accepted MIME type maps to one FFmpeg demuxer, which is forced when opening; FFmpeg never probes.
  An HLS or M3U playlist (text listing other files) is refused before FFmpeg sees it, and the container is
  opened from a Python file object with ``io_open`` refusing every nested open, so even a demuxer that
  wanted to follow a reference (``file://``, ``http://``, a local path) cannot.
* Time limit: a :class:`Deadline` checked on every read and seek FFmpeg makes through the file object and on
  every demuxed packet. That stops long or looping files cleanly, inside the worker, with the frames so far
  discarded. It cannot interrupt one C call that hangs, so the Celery task that calls this should also carry
  a hard ``time_limit`` a little above the deadline (the pool then kills the child process).
* Frames larger than :data:`MAX_PIXELS` are refused before decoding (images by Pillow's bomb check turned
  into an error, video by the stream's declared size).
* Truncated video: decoding stops at the damage and the frames before it are kept; :class:`DecodeReport`
  says it is truncated and where it stopped, so analysts get the hashes of what is there. A file that cannot
  be opened at all (an MP4 cut before its index, the ``moov`` atom) is refused as damaged.
"""

import time
import warnings
from dataclasses import dataclass

import av
import magic
from PIL import Image

# Largest frame decoded, video or image: 8K UHD. Pillow warns at 89 Mpx; we stop lower for video too.
MAX_PIXELS = 7680 * 4320

# libmagic MIME type -> FFmpeg demuxer forced when opening.
VIDEO_DEMUXERS = {
    "video/mp4": "mov",
    "video/quicktime": "mov",
    "video/3gpp": "mov",
    "video/3gpp2": "mov",
    "video/x-m4v": "mov",
    "video/x-matroska": "matroska",
    "video/webm": "matroska",
    "video/x-msvideo": "avi",
    "video/mp2t": "mpegts",
    "video/x-flv": "flv",
    "video/ogg": "ogg",
}
AUDIO_DEMUXERS = {
    "audio/mpeg": "mp3",
    "audio/x-hx-aac-adts": "aac",
    "audio/aac": "aac",
    "audio/ogg": "ogg",
    "audio/x-wav": "wav",
    "audio/wav": "wav",
    "audio/flac": "flac",
    "audio/x-flac": "flac",
    "audio/x-m4a": "mov",
    "audio/mp4": "mov",
}
# libmagic MIME type -> the only Pillow plugin allowed to read it.
IMAGE_FORMATS = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
    "image/tiff": "TIFF",
    "image/bmp": "BMP",
    "image/x-ms-bmp": "BMP",
}
ACCEPTED = "MP4/MOV/3GP, Matroska/WebM, AVI, MPEG-TS, FLV, Ogg; JPEG, PNG, GIF, WebP, TIFF, BMP; MP3, AAC, WAV, FLAC"
_SNIFF_BYTES = 65536
_TS_PACKET = 188


class MediaRefused(Exception):
    """The file was not processed; the message is written for analysts."""


class EmptyFile(MediaRefused):
    pass


class UnsupportedFormat(MediaRefused):
    pass


class PlaylistRefused(UnsupportedFormat):
    pass


class DamagedMedia(MediaRefused):
    pass


class DecompressionBomb(MediaRefused):
    pass


class TimeLimitExceeded(MediaRefused):
    pass


@dataclass(frozen=True)
class Sniffed:
    mime: str
    kind: str  # "video", "audio" or "image"
    reader: str  # the FFmpeg demuxer or Pillow plugin allowed to open it
    description: str


class Deadline:
    def __init__(self, seconds):
        self.seconds = seconds
        self._expires = time.monotonic() + seconds

    def check(self):
        if time.monotonic() >= self._expires:
            raise TimeLimitExceeded(
                f"Processing was stopped after its time limit of {self.seconds:g} s; the file is too long or "
                "too slow to decode (possibly built to be). Nothing from it was kept."
            )


def sniff(path):
    """What the bytes are, from libmagic; refuse anything outside the allow-list."""
    with open(path, "rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if not head:
        raise EmptyFile("The file is empty (zero bytes): there is nothing to analyse.")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"#EXTM3U"):
        raise PlaylistRefused(
            "This is an HLS/M3U playlist, a text list of links to other files, not media. It was refused "
            "without opening anything it lists; ingest the media files themselves."
        )
    mime = magic.from_buffer(head, mime=True)
    description = magic.from_buffer(head)
    if mime == "application/octet-stream" and _looks_like_mpeg_ts(head):
        mime, description = "video/mp2t", "MPEG transport stream"  # libmagic has no rule for MPEG-TS
    for kind, table in (("video", VIDEO_DEMUXERS), ("audio", AUDIO_DEMUXERS), ("image", IMAGE_FORMATS)):
        if mime in table:
            return Sniffed(mime, kind, table[mime], description)
    raise UnsupportedFormat(
        f"The file's content is not an accepted media format, whatever its name says: libmagic identifies it as "
        f"'{description[:80]}' ({mime}). Accepted: {ACCEPTED}."
    )


def _looks_like_mpeg_ts(head):
    packets = len(head) // _TS_PACKET
    return packets >= 3 and all(head[i * _TS_PACKET] == 0x47 for i in range(min(packets, 16)))


class _DeadlineFile:
    """The file object FFmpeg reads through: every read and seek first checks the deadline."""

    def __init__(self, raw, deadline):
        self._raw, self._deadline = raw, deadline

    def read(self, size):
        self._deadline.check()
        return self._raw.read(size)

    def seek(self, offset, whence=0):
        self._deadline.check()
        return self._raw.seek(offset, whence)

    def tell(self):
        return self._raw.tell()


def _refuse_nested_open(url, flags, options):
    raise UnsupportedFormat(f"The file refers to another resource ({url[:200]!r}); references are never followed.")


class OpenedMedia:
    """A container opened with its forced demuxer; use as a context manager."""

    def __init__(self, path, sniffed, deadline):
        self.sniffed, self.deadline = sniffed, deadline
        self._raw = open(path, "rb")
        try:
            self.container = av.open(
                _DeadlineFile(self._raw, deadline), format=sniffed.reader, io_open=_refuse_nested_open
            )
        except av.FFmpegError as error:
            self._raw.close()
            cut_off = " or cut off before its index (the 'moov' atom, which many MP4s keep at the end)"
            raise DamagedMedia(
                f"The file looks like {sniffed.description[:80]} but FFmpeg could not open it ({_reason(error)}): "
                f"it is damaged{cut_off if sniffed.reader == 'mov' else ''}."
            ) from error
        except BaseException:
            self._raw.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.container.close()
        self._raw.close()

    @property
    def video(self):
        return self.container.streams.video[0] if self.container.streams.video else None

    def metadata(self):
        """Container facts from the header, without decoding."""
        container, video = self.container, self.video
        audio = container.streams.audio[0] if container.streams.audio else None
        tags = dict(container.metadata)
        facts = {
            "mime": self.sniffed.mime,
            "container_format": container.format.name,
            "container_format_long": container.format.long_name,
            "duration_seconds": _duration(container, video or audio),
            "bit_rate": container.bit_rate or None,
            "creation_time": tags.get("creation_time") or _stream_tag(container, "creation_time"),
            "encoder": tags.get("encoder") or _stream_tag(container, "encoder"),
            "tags": tags,
            "video": None,
            "audio": None,
        }
        if video is not None:
            facts["video"] = {
                "codec": video.codec_context.name,
                "profile": video.codec_context.profile,
                "width": video.codec_context.width,
                "height": video.codec_context.height,
                "pixel_format": video.codec_context.format.name if video.codec_context.format else None,
                "frame_rate": float(frame_rate(video)) if frame_rate(video) else None,
                "frame_count": video.frames or None,
                "bit_rate": video.codec_context.bit_rate or None,
                "tags": dict(video.metadata),
            }
        if audio is not None:
            facts["audio"] = {
                "codec": audio.codec_context.name,
                "sample_rate": audio.codec_context.sample_rate,
                "channels": audio.codec_context.channels,
                "bit_rate": audio.codec_context.bit_rate or None,
                "tags": dict(audio.metadata),
            }
        return facts

    def decode_video(self, report, threads=0):
        """Yield (frame number, frame) in presentation order; stop at damage and record it in `report`.
        `threads`: FFmpeg's frame threads (1 decodes on the calling thread alone; 0 lets FFmpeg count cores)."""
        stream = self.video
        width, height = stream.codec_context.width, stream.codec_context.height
        if width * height > MAX_PIXELS:
            raise DecompressionBomb(
                f"The video declares {width}×{height} frames ({width * height / 1e6:.0f} Mpx), over the "
                f"{MAX_PIXELS / 1e6:.0f} Mpx limit; it was not decoded."
            )
        stream.thread_type = "FRAME"  # as vpdq decodes: frames in parallel
        stream.thread_count = threads
        number, last_time = 0, None
        try:
            for packet in self.container.demux(stream):
                self.deadline.check()
                for frame in packet.decode():
                    last_time = frame.time if frame.time is not None else last_time
                    yield number, frame
                    number += 1
        except av.FFmpegError as error:
            report.stopped_by = f"decoding stopped at frame {number}: {_reason(error)}"
        report.frames = number
        report.last_time = last_time
        report.expected_duration = _duration(self.container, stream)
        report.frame_interval = 1 / float(frame_rate(stream)) if frame_rate(stream) else 0.0


@dataclass
class DecodeReport:
    frames: int = 0
    last_time: float | None = None
    expected_duration: float | None = None
    frame_interval: float = 0.0
    stopped_by: str | None = None

    @property
    def truncated(self):
        """Decoding stopped at damage, or ended well before the duration the header declares."""
        if self.stopped_by:
            return True
        if self.expected_duration is None or self.last_time is None:
            return False
        # Two frames of slack plus a quarter second: edit lists and B-frame delay shift the last timestamp a little.
        return self.last_time + 2 * self.frame_interval + 0.25 < self.expected_duration

    def describe(self):
        if not self.truncated:
            return None
        reached = f"{self.last_time:.2f} s" if self.last_time is not None else "the start"
        declared = f" of the {self.expected_duration:.2f} s its header declares" if self.expected_duration else ""
        detail = f" ({self.stopped_by})" if self.stopped_by else ""
        return (
            f"The video is truncated or damaged: frames were decoded up to {reached}{declared}{detail}. "
            "Hashes and keyframes cover only that part."
        )


def open_image(path, sniffed):
    """Decode an image with only its sniffed Pillow plugin; a decompression bomb raises instead of warning."""
    # catch_warnings changes process-wide state: fine in Celery's prefork workers, not in threads.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(path, formats=[sniffed.reader])
            image.load()
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as bomb:
            raise DecompressionBomb(
                f"The image declares more pixels than is safe to decode ({bomb}). It is a decompression bomb or an "
                "absurdly large picture; it was not decoded."
            ) from bomb
        except (OSError, SyntaxError, ValueError) as error:
            message = f"The file looks like {sniffed.description[:80]} but could not be decoded: {error}."
            raise DamagedMedia(message) from error
    return image


def frame_rate(stream):
    """The rate vpdq samples by: the average frame rate, else the stream's base (r_frame_rate) rate."""
    return stream.average_rate or stream.base_rate or stream.guessed_rate


def _duration(container, stream):
    if stream is not None and stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return container.duration / av.time_base if container.duration else None


def _stream_tag(container, key):
    return next((stream.metadata[key] for stream in container.streams if key in stream.metadata), None)


def _reason(error):
    return getattr(error, "strerror", None) or str(error)
