"""Test media with natural image statistics, written with PyAV and Pillow; nothing is fetched.

Flat colours and smooth gradients give PDQ unstable bits (see shared/notes/matching.md), so every
picture here is built from 1/f ("pink") noise: a textured scene the camera pans across slowly,
textured shapes moving over it, and a cut to a new scene every few seconds. Variants re-encode an
original frame by frame the way re-uploads alter footage (scaled, cropped, branded, letterboxed,
trimmed, mirrored, squeezed to a low bitrate).
"""

from fractions import Fraction

import av
import numpy as np
from PIL import Image, ImageDraw

FPS = 25
AUDIO_RATE = 44100


def pink_noise(height, width, rng, channels=3):
    """Colour 1/f noise scaled to 0..255: amplitude falls as 1/frequency, like photographs."""
    fy = np.fft.fftfreq(height)[:, None]
    fx = np.fft.rfftfreq(width)[None, :]
    falloff = 1.0 / np.maximum(np.hypot(fy, fx), 1.0 / max(height, width))
    fields = []
    for _ in range(channels):
        spectrum = (rng.standard_normal(falloff.shape) + 1j * rng.standard_normal(falloff.shape)) * falloff
        fields.append(np.fft.irfft2(spectrum, s=(height, width)))
    # Mixing independent fields gives correlated channels, as in natural colour images.
    mixed = np.tensordot(rng.uniform(0.2, 1.0, (channels, channels)), np.stack(fields), axes=1)
    low, high = np.percentile(mixed, [1, 99], axis=(1, 2), keepdims=True)
    return (np.clip((mixed - low) / (high - low), 0, 1) * 255).astype(np.uint8).transpose(1, 2, 0)


class _Scene:
    """A textured backdrop larger than the frame, panned slowly, with textured ellipses moving over it."""

    def __init__(self, width, height, rng):
        self.width, self.height = width, height
        self.backdrop = pink_noise(height + height // 4, width + width // 4, rng)
        self.pan = rng.uniform(-1, 1, 2) * np.array([width, height]) / 40 / FPS  # pixels per frame
        self.shapes = []
        for _ in range(3):
            radius = int(rng.uniform(0.08, 0.16) * height)
            self.shapes.append(
                {
                    "texture": pink_noise(2 * radius, 2 * radius, rng),
                    "mask": _ellipse_mask(radius, rng.uniform(0.6, 1.0)),
                    "position": rng.uniform([0, 0], [width - 2 * radius, height - 2 * radius]),
                    "velocity": rng.uniform(-1, 1, 2) * height / 4 / FPS,
                }
            )

    def frame(self, index):
        margin = np.array([self.width // 8, self.height // 8])
        x, y = (margin + np.clip(self.pan * index, -margin, margin)).astype(int)
        picture = self.backdrop[y : y + self.height, x : x + self.width].copy()
        for shape in self.shapes:
            size = shape["mask"].shape[0]
            limit = np.array([self.width, self.height]) - size
            # Bounce off the edges: reflect the straight-line path into the frame.
            travelled = np.abs((shape["position"] + shape["velocity"] * index) % (2 * limit) - limit)
            left, top = (limit - travelled).astype(int)
            region = picture[top : top + size, left : left + size]
            region[shape["mask"]] = shape["texture"][shape["mask"]]
        return picture


def _ellipse_mask(radius, squash):
    y, x = np.ogrid[-radius:radius, -radius:radius]
    return (x / radius) ** 2 + (y / (radius * squash)) ** 2 <= 1


def natural_frames(seed, width, height, seconds, scene_seconds=4):
    """RGB frames of a panned, moving, cut scene sequence; the same seed gives the same pictures."""
    rng = np.random.default_rng(seed)
    scene = None
    for index in range(int(seconds * FPS)):
        if index % (scene_seconds * FPS) == 0:
            scene = _Scene(width, height, rng)
        yield scene.frame(index % (scene_seconds * FPS))


def _tone(seed, seconds):
    """Stereo float samples: a few tones over quiet noise, so the AAC encoder has something to code."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * AUDIO_RATE)) / AUDIO_RATE
    mono = sum(0.1 * np.sin(2 * np.pi * rng.uniform(200, 2000) * t) for _ in range(3))
    return (np.stack([mono, mono[::-1]]) + 0.01 * rng.standard_normal((2, t.size))).astype(np.float32)


def write_mp4(
    path, frames, width, height, *, fps=FPS, audio_seed=None, seconds=None, crf=23, faststart=False, creation_time=None
):
    """Encode RGB frames as H.264 (yuv420p) with an optional AAC track."""
    options = {"movflags": "faststart"} if faststart else {}
    with av.open(str(path), "w", format="mp4", container_options=options) as container:
        if creation_time:
            container.metadata["creation_time"] = creation_time
        video = container.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.options = {"crf": str(crf), "preset": "veryfast"}
        audio = None
        if audio_seed is not None:
            audio = container.add_stream("aac", rate=AUDIO_RATE, layout="stereo")
        for rgb in frames:
            container.mux(video.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")))
        container.mux(video.encode())
        if audio is not None:
            samples = _tone(audio_seed, seconds)
            for start in range(0, samples.shape[1], 1024):
                chunk = np.ascontiguousarray(samples[:, start : start + 1024])
                frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="stereo")
                frame.sample_rate, frame.pts, frame.time_base = AUDIO_RATE, start, Fraction(1, AUDIO_RATE)
                container.mux(audio.encode(frame))
            container.mux(audio.encode())
    return path


def write_original(path, seed, width=960, height=540, seconds=8, **options):
    frames = natural_frames(seed, width, height, seconds)
    return write_mp4(path, frames, width, height, audio_seed=seed, seconds=seconds, **options)


def decoded_frames(path):
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            yield frame.to_ndarray(format="rgb24")


def _resize(rgb, width, height):
    return np.asarray(Image.fromarray(rgb).resize((width, height), Image.Resampling.BILINEAR))


def _even(value):
    return int(value) // 2 * 2


def _transcode(source, target, transform, size, **options):
    width, height = size
    return write_mp4(target, (transform(rgb) for rgb in decoded_frames(source)), width, height, **options)


def _size(path):
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return stream.width, stream.height


def low_bitrate(source, target):
    """Re-encoded at CRF 40: blocky, as after several platform transcodes."""
    return _transcode(source, target, lambda rgb: rgb, _size(source), crf=40)


def scaled(source, target, height=480):
    width, original_height = _size(source)
    size = (_even(width * height / original_height), height)
    return _transcode(source, target, lambda rgb: _resize(rgb, *size), size)


def cropped(source, target, fraction=0.05, lean=0.1):
    """Cut `fraction` of the width and height away, off-centre: `lean` more of it on the left and the bottom."""
    width, height = _size(source)
    left, right = int(width * fraction * (0.5 + lean)), int(width * fraction * (0.5 - lean))
    top, bottom = int(height * fraction * (0.5 - lean)), int(height * fraction * (0.5 + lean))
    size = (_even(width - left - right), _even(height - top - bottom))
    return _transcode(source, target, lambda rgb: rgb[top : top + size[1], left : left + size[0]], size)


def with_logo(source, target):
    """A channel's badge in the top-right corner: white lettering on a dark red box, 18% × 11% of the frame."""
    width, height = _size(source)
    badge = Image.new("RGB", (int(width * 0.18), int(height * 0.11)), (150, 20, 30))
    draw = ImageDraw.Draw(badge)
    draw.text((badge.width // 10, badge.height // 5), "NEWS 24", fill="white", font_size=badge.height // 2)
    badge = np.asarray(badge)

    def stamp(rgb):
        rgb = rgb.copy()
        rgb[20 : 20 + badge.shape[0], width - 20 - badge.shape[1] : width - 20] = badge
        return rgb

    return _transcode(source, target, stamp, (width, height))


def letterboxed(source, target):
    """Fitted into a 4:3 frame of the same width with black bars above and below."""
    width, height = _size(source)
    box_height = _even(width * 3 / 4)
    top = (box_height - height) // 2

    def pad(rgb):
        boxed = np.zeros((box_height, width, 3), np.uint8)
        boxed[top : top + height] = rgb
        return boxed

    return _transcode(source, target, pad, (width, box_height))


def trimmed(source, target, seconds=2):
    width, height = _size(source)
    frames = (rgb for index, rgb in enumerate(decoded_frames(source)) if index >= seconds * FPS)
    return write_mp4(target, frames, width, height)


def mirrored(source, target):
    return _transcode(source, target, lambda rgb: np.ascontiguousarray(rgb[:, ::-1]), _size(source))


VARIANTS = {
    "re-encoded at a low bitrate": low_bitrate,
    "scaled to 480p": scaled,
    "cropped 5%": cropped,
    "with a logo": with_logo,
    "letterboxed to 4:3": letterboxed,
    "with its first 2 s trimmed": trimmed,
    "mirrored": mirrored,
}


def natural_image(seed, width=640, height=480):
    return Image.fromarray(pink_noise(height, width, np.random.default_rng(seed)))
