"""The demo case's evidence video and its re-upload, synthesised with PyAV when the case loads (no binary is kept in
the repository).

The pictures are textured (1/f noise, like photographs: flat colours give perceptual hashes unstable bits), panned
slowly, with a textured disc moving over them and a cut halfway, so the analysis finds keyframes and the matcher
finds the re-upload. The re-upload is what a mirror channel does to a video: cropped at the edges, scaled down and
re-encoded at a lower quality.
"""

import functools
import io

import av
import numpy as np

FPS = 12
WIDTH, HEIGHT = 480, 272
SECONDS = 5


def _texture(rng, height, width):
    fy = np.fft.fftfreq(height)[:, None]
    fx = np.fft.rfftfreq(width)[None, :]
    falloff = 1.0 / np.maximum(np.hypot(fy, fx), 1.0 / max(height, width))
    channels = []
    for _ in range(3):
        spectrum = (rng.standard_normal(falloff.shape) + 1j * rng.standard_normal(falloff.shape)) * falloff
        field = np.fft.irfft2(spectrum, s=(height, width))
        low, high = np.percentile(field, [1, 99])
        channels.append(np.clip((field - low) / (high - low), 0, 1))
    return (np.stack(channels, axis=-1) * 255).astype(np.uint8)


def _frames(seed):
    rng = np.random.default_rng(seed)
    per_scene = SECONDS * FPS // 2
    y, x = np.ogrid[-60:60, -60:60]
    disc = x * x + y * y <= 60 * 60
    for _scene in range(2):
        backdrop = _texture(rng, HEIGHT + 90, WIDTH + 160)
        patch = _texture(rng, 120, 120)
        start, step = rng.uniform([0, 0], [WIDTH - 120, HEIGHT - 120]), rng.uniform(-6, 6, 2)
        for index in range(per_scene):
            frame = backdrop[index * 90 // per_scene:][:HEIGHT, index * 160 // per_scene:][:, :WIDTH].copy()
            left, top = (np.abs((start + step * index) % (2 * np.array([WIDTH - 120, HEIGHT - 120]))
                                - np.array([WIDTH - 120, HEIGHT - 120]))).astype(int)
            frame[top:top + 120, left:left + 120][disc] = patch[disc]
            yield frame


def _encode(frames, width, height, crf):
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"crf": str(crf), "preset": "veryfast", "threads": "1"}
        for picture in frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return buffer.getvalue()


@functools.lru_cache(maxsize=1)
def evidence_video(seed=2017):
    """The item's video: MP4 (H.264) bytes, the same for the same seed."""
    return _encode(_frames(seed), WIDTH, HEIGHT, crf=23)


def reupload_of(original):
    """The mirror channel's copy of `original` (MP4 bytes): 6 % cropped off each edge, scaled down, re-encoded."""
    crop_x, crop_y = WIDTH * 6 // 100, HEIGHT * 6 // 100
    width, height = 384, 216

    def transformed():
        with av.open(io.BytesIO(original)) as source:
            for frame in source.decode(video=0):
                picture = frame.to_ndarray(format="rgb24")[crop_y:HEIGHT - crop_y, crop_x:WIDTH - crop_x]
                yield av.VideoFrame.from_ndarray(picture, format="rgb24").reformat(
                    width=width, height=height).to_ndarray(format="rgb24")

    return _encode(transformed(), width, height, crf=32)
