import os
import threading
from fractions import Fraction
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import av
import numpy as np
import pytest
from PIL import Image

from provenance.media import probe
from provenance.media.analysis import analyse
from tests.media import synthetic


class RecordingServer:
    """An HTTP server on 127.0.0.1 that remembers every path asked of it."""

    def __init__(self):
        self.requests = []
        recorded = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                recorded.append(self.path)
                self.send_response(404)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class WatchedPath:
    """A named pipe: a writer thread blocks on it until something opens it for reading, which it then records."""

    def __init__(self, path):
        self.path = path
        os.mkfifo(path)
        self.opened = threading.Event()
        self._writer = threading.Thread(target=self._wait_for_reader, daemon=True)
        self._writer.start()

    def _wait_for_reader(self):
        with open(self.path, "wb"):
            self.opened.set()

    def close(self):
        # Open the reading end ourselves so that the writer thread can finish.
        reader = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        self._writer.join(timeout=5)
        os.close(reader)


class Traps:
    """A playlist whose entries point at an HTTP server, a file:// URL and a local path, all of which record use."""

    def __init__(self, folder):
        self.server = RecordingServer()
        self.paths = {"local path": WatchedPath(folder / "local.ts"), "file:// URL": WatchedPath(folder / "url.ts")}
        self.playlist = folder / "clip.mp4"
        self.playlist.write_text(
            "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n"
            f"#EXTINF:4.0,\n{self.server.url}/segment0.ts\n"
            f"#EXTINF:4.0,\nfile://{self.paths['file:// URL'].path}\n"
            f"#EXTINF:4.0,\n{self.paths['local path'].path}\n"
            "#EXT-X-ENDLIST\n"
        )

    def reached(self):
        opened = [name for name, watched in self.paths.items() if watched.opened.is_set()]
        return [f"HTTP {path}" for path in self.server.requests] + opened

    def close(self):
        self.server.close()
        for watched in self.paths.values():
            watched.close()


@pytest.fixture
def traps(tmp_path):
    traps = Traps(tmp_path)
    yield traps
    traps.close()


def test_it_refuses_an_hls_playlist_renamed_mp4_without_opening_what_it_lists(traps):
    with pytest.raises(probe.PlaylistRefused, match="HLS/M3U playlist"):
        analyse(traps.playlist)
    assert traps.reached() == []


def test_even_ffmpegs_hls_demuxer_forced_on_a_playlist_cannot_open_what_it_lists(traps):
    # The second defence: were a playlist ever handed to a demuxer that follows links, nested opens are refused.
    hls = probe.Sniffed("application/vnd.apple.mpegurl", "video", "hls", "M3U playlist")
    with pytest.raises(probe.MediaRefused):
        with probe.OpenedMedia(traps.playlist, hls, probe.Deadline(30)) as media:
            list(media.decode_video(probe.DecodeReport()))
    assert traps.reached() == []


def test_it_refuses_a_zero_byte_file(tmp_path):
    empty = tmp_path / "empty.mp4"
    empty.touch()
    with pytest.raises(probe.EmptyFile, match="empty"):
        analyse(empty)


def test_it_refuses_random_bytes_named_mp4(tmp_path):
    noise = tmp_path / "video.mp4"
    noise.write_bytes(np.random.default_rng(7).bytes(100_000))
    with pytest.raises(probe.UnsupportedFormat, match="whatever its name says"):
        analyse(noise)


def test_it_refuses_a_format_outside_the_allow_list(tmp_path):
    document = tmp_path / "scan.jpg"
    synthetic.natural_image(3).save(document, "PDF")
    with pytest.raises(probe.UnsupportedFormat, match="application/pdf"):
        analyse(document)


def test_it_refuses_a_png_decompression_bomb_before_decoding_it(tmp_path):
    bomb = tmp_path / "bomb.png"
    Image.new("1", (12_000, 12_000)).save(bomb)  # 144 Mpx of one colour: a few kB on disk
    assert bomb.stat().st_size < 100_000
    with pytest.raises(probe.DecompressionBomb, match="decompression bomb"):
        analyse(bomb)


def test_it_stops_at_its_time_limit(media):
    with pytest.raises(probe.TimeLimitExceeded, match="time limit of 0 s"):
        analyse(media.path("original"), time_limit=0)


class DeadlineAfter(probe.Deadline):
    """Expires after a number of checks instead of seconds, so the test does not depend on speed."""

    def __init__(self, checks):
        super().__init__(3600)
        self.left = checks

    def check(self):
        self.left -= 1
        if self.left < 0:
            raise probe.TimeLimitExceeded("stopped")


def test_the_deadline_is_checked_while_decoding_not_only_when_opening(media):
    path = media.path("original")
    deadline = DeadlineAfter(checks=200)
    decoded = []
    with pytest.raises(probe.TimeLimitExceeded):
        with probe.OpenedMedia(path, probe.sniff(path), deadline) as opened:
            decoded.extend(number for number, _ in opened.decode_video(probe.DecodeReport()))
    assert 0 < len(decoded) < 200


def test_it_keeps_the_frames_before_the_damage_of_a_truncated_video_and_says_so(tmp_path):
    whole = synthetic.write_original(tmp_path / "whole.mp4", 4, width=320, height=180, seconds=4, faststart=True)
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size * 6 // 10])
    analysis = analyse(cut)
    assert analysis.truncated
    assert "truncated" in analysis.warnings[0] and "4.00 s its header declares" in analysis.warnings[0]
    assert 1 <= len(analysis.pdq) < 4  # vPDQ frames before the damage, not after
    assert analysis.pdq[0].frame == 0


def test_a_complete_video_is_not_reported_truncated(media):
    assert not media.analysis("original").truncated


def test_it_refuses_an_mp4_cut_off_before_its_index(tmp_path):
    whole = synthetic.write_original(tmp_path / "whole.mp4", 4, width=320, height=180, seconds=2)  # moov at the end
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(probe.DamagedMedia, match="moov"):
        analyse(cut)


def _write(path, container_format, video_codec=None, audio_codec=None):
    with av.open(str(path), "w", format=container_format) as container:
        # Every stream is added before the first packet is muxed.
        video = container.add_stream(video_codec, rate=25) if video_codec else None
        audio = container.add_stream(audio_codec, rate=44100, layout="stereo") if audio_codec else None
        if video:
            video.width, video.height, video.pix_fmt = 160, 96, "yuv420p"
            for rgb in synthetic.natural_frames(5, 160, 96, 0.4):
                container.mux(video.encode(av.VideoFrame.from_ndarray(rgb, format="rgb24")))
            container.mux(video.encode())
        if audio:
            sample_format, size = audio.codec_context.format, audio.codec_context.frame_size or 1024
            dtype = {"s16": np.int16, "s32": np.int32, "flt": np.float32}[sample_format.name.rstrip("p")]
            samples = np.zeros((2, size) if sample_format.is_planar else (1, 2 * size), dtype=dtype)
            frame = av.AudioFrame.from_ndarray(samples, format=sample_format.name, layout="stereo")
            frame.sample_rate, frame.pts, frame.time_base = 44100, 0, Fraction(1, 44100)
            container.mux(audio.encode(frame))
            container.mux(audio.encode())
    return path


@pytest.mark.parametrize(
    ("container_format", "video_codec", "audio_codec", "mime", "kind"),
    [
        ("matroska", "libx264", "aac", "video/x-matroska", "video"),
        ("webm", "libvpx-vp9", None, "video/webm", "video"),
        ("mpegts", "libx264", "aac", "video/mp2t", "video"),
        ("avi", "mpeg4", None, "video/x-msvideo", "video"),
        ("flv", "flv", None, "video/x-flv", "video"),
        ("3gp", "libx264", "aac", "video/3gpp", "video"),
        ("mov", "libx264", "aac", "video/quicktime", "video"),
        ("mp3", None, "libmp3lame", "audio/mpeg", "audio"),
        ("wav", None, "pcm_s16le", "audio/x-wav", "audio"),
        ("flac", None, "flac", "audio/flac", "audio"),
        ("adts", None, "aac", "audio/x-hx-aac-adts", "audio"),
    ],
)
def test_it_recognises_each_accepted_format_by_its_bytes_whatever_the_name(
    tmp_path, container_format, video_codec, audio_codec, mime, kind
):
    path = _write(tmp_path / "upload.bin", container_format, video_codec, audio_codec)
    analysis = analyse(path)
    assert (analysis.mime, analysis.kind) == (mime, kind)
    assert (analysis.metadata["video"] is not None) == bool(video_codec)
    assert (analysis.metadata["audio"] is not None) == bool(audio_codec)
    assert bool(analysis.pdq) == bool(video_codec)


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "GIF", "WEBP", "TIFF", "BMP"])
def test_it_reads_each_accepted_image_format(tmp_path, image_format):
    path = tmp_path / "upload.bin"
    synthetic.natural_image(4, 200, 150).save(path, image_format)
    analysis = analyse(path)
    assert analysis.kind == "image"
    assert (analysis.metadata["format"], analysis.metadata["width"], analysis.metadata["height"]) == (
        image_format,
        200,
        150,
    )


def test_metadata_agrees_with_what_was_written(media):
    facts = media.analysis("original").metadata
    assert facts["mime"] == "video/mp4"
    assert facts["duration_seconds"] == pytest.approx(8.0, abs=0.05)
    assert facts["creation_time"] == "2024-05-01T12:30:00.000000Z"
    assert facts["encoder"].startswith("Lavf")
    assert facts["bit_rate"] > 0
    video, audio = facts["video"], facts["audio"]
    assert (video["codec"], video["width"], video["height"]) == ("h264", 960, 540)
    assert video["frame_rate"] == 25.0
    assert video["frame_count"] == facts["decoded_frames"] == 200
    assert (audio["codec"], audio["sample_rate"], audio["channels"]) == ("aac", 44100, 2)
