import io
import json
import shutil

import av

import numpy as np
import pytest
from PIL import Image

from provenance.media.analysis import analyse, read_exif
from provenance.media.fingerprints import Fingerprint
from tests.conftest import require_service
from tests.media import synthetic
from tests.media.c2pa_signing import sign_jpeg


def _detail(jpeg):
    """Mean absolute difference between neighbouring pixels: high for texture, near zero for a blur."""
    grey = np.asarray(Image.open(io.BytesIO(jpeg)).convert("L"), dtype=np.int16)
    return np.abs(np.diff(grey, axis=1)).mean()


def test_one_pass_over_a_video_gives_hashes_keyframes_and_thumbnails(media):
    analysis = media.analysis("original")
    assert analysis.kind == "video"
    assert [h.frame for h in analysis.pdq] == list(range(0, 200, 25))
    frames = analysis.fingerprint.frames
    assert len(frames) == 8 * 5  # five samples a second: frames 0, 6, 12, 18 and 24 of each 25
    assert sum(frame.indexed for frame in frames) == 16
    # Keyframes: the start and the cut every 4 s of the test footage.
    assert [(k.frame, k.reason) for k in analysis.keyframes] == [(0, "start"), (100, "scene change")]
    assert all(Image.open(io.BytesIO(k.jpeg)).size == (640, 360) for k in analysis.keyframes)
    assert analysis.c2pa == {"state": "none"}
    assert analysis.exif == {}


def test_the_blurred_thumbnail_keeps_the_size_and_loses_the_detail(media):
    analysis = media.analysis("original")
    plain, blurred = Image.open(io.BytesIO(analysis.thumbnail)), Image.open(io.BytesIO(analysis.thumbnail_blurred))
    assert plain.size == blurred.size == (320, 180)
    assert _detail(analysis.thumbnail_blurred) < _detail(analysis.thumbnail) / 10


def test_the_summary_is_json_and_its_fingerprint_round_trips(media):
    summary = json.loads(json.dumps(media.analysis("original").summary()))
    assert Fingerprint.from_dict(summary["fingerprint"]) == media.analysis("original").fingerprint
    assert summary["keyframes"][1] == {"frame": 100, "timestamp": 4.0, "reason": "scene change"}


def test_an_audio_file_gets_metadata_and_no_hashes(tmp_path):
    path = tmp_path / "voice.bin"
    with av.open(str(path), "w", format="wav") as container:
        stream = container.add_stream("pcm_s16le", rate=8000, layout="mono")
        frame = av.AudioFrame.from_ndarray(np.zeros((1, 8000), np.int16), format="s16", layout="mono")
        frame.sample_rate = 8000
        container.mux(stream.encode(frame))
        container.mux(stream.encode())
    analysis = analyse(path)
    assert (analysis.kind, analysis.pdq, analysis.fingerprint, analysis.keyframes) == ("audio", [], None, [])
    assert analysis.metadata["audio"]["codec"] == "pcm_s16le"
    assert analysis.metadata["duration_seconds"] == pytest.approx(1.0)


def _photo(tmp_path, exif_tags=()):
    exif = Image.Exif()
    for tag, value in exif_tags:
        exif[tag] = value
    path = tmp_path / "photo.jpg"
    synthetic.natural_image(21).save(path, "JPEG", exif=exif)
    return path


def test_an_image_gets_pdq_thumbnails_and_the_exif_that_exiftool_reads(tmp_path):
    require_service("exiftool", bool(shutil.which("exiftool")),
                    hint="run `bin/ensure-system-packages libimage-exiftool-perl` (make test does)")
    analysis = analyse(_photo(tmp_path, [(271, "TestCam"), (272, "Model 7")]))  # EXIF Make and Model
    assert analysis.kind == "image" and len(analysis.pdq) == 1 and analysis.pdq[0].quality >= 50
    assert analysis.exif["state"] == "read"
    assert analysis.exif["tags"]["IFD0:Make"] == "TestCam"
    assert analysis.exif["tags"]["IFD0:Model"] == "Model 7"
    assert not any(key.startswith("System:") for key in analysis.exif["tags"])  # our storage path is no evidence
    assert analysis.thumbnail and analysis.thumbnail_blurred


def test_exif_is_recorded_as_unavailable_without_exiftool(tmp_path):
    assert read_exif(_photo(tmp_path), exiftool="no-such-exiftool") == {
        "state": "unavailable",
        "reason": "no-such-exiftool is not installed",
    }


def test_a_c2pa_manifest_is_read_and_validated_and_tampering_invalidates_it(tmp_path):
    photo = io.BytesIO()
    synthetic.natural_image(22).save(photo, "JPEG")
    signed = sign_jpeg(photo.getvalue())
    (tmp_path / "signed.jpg").write_bytes(signed)
    state = analyse(tmp_path / "signed.jpg").c2pa
    assert state["state"] == "valid"  # signed correctly, by an authority on no trust list: valid, not trusted
    assert state["manifest_store"]["active_manifest"]
    tampered = bytearray(signed)
    tampered[-500] ^= 0xFF  # one byte of the picture data, after the manifest
    (tmp_path / "tampered.jpg").write_bytes(bytes(tampered))
    assert analyse(tmp_path / "tampered.jpg").c2pa["state"] == "invalid"
    (tmp_path / "plain.jpg").write_bytes(photo.getvalue())
    assert analyse(tmp_path / "plain.jpg").c2pa == {"state": "none"}
