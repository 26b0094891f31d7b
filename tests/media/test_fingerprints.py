import io

import numpy as np
from PIL import Image

from provenance.media.fingerprints import distance, pdq, robust_frame, trim_borders, vpdq_file
from tests.media import synthetic


def test_vpdq_hashes_one_frame_a_second_with_frame_number_timestamp_and_quality(media):
    hashes = vpdq_file(media.path("original"))
    assert [h.frame for h in hashes] == [0, 25, 50, 75, 100, 125, 150, 175]
    assert [h.timestamp for h in hashes] == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    assert all(len(h.hash) == 64 and int(h.hash, 16) >= 0 for h in hashes)
    assert all(0 <= h.quality <= 100 for h in hashes)
    assert len({h.hash for h in hashes}) == len(hashes)


def test_vpdq_samples_by_the_frame_rate_of_the_file(tmp_path):
    path = synthetic.write_mp4(tmp_path / "ten.mp4", synthetic.natural_frames(3, 320, 180, 3), 320, 180, fps=10)
    hashes = vpdq_file(path, seconds_per_hash=0.5)
    assert [(h.frame, h.timestamp) for h in hashes][:3] == [(0, 0.0), (5, 0.5), (10, 1.0)]


def test_the_pdq_of_a_resaved_jpeg_matches_the_original_image():
    original = synthetic.natural_image(11)
    resaved = io.BytesIO()
    original.save(resaved, "JPEG", quality=60)
    resaved_image = Image.open(resaved).convert("RGB")
    original_hash, quality = pdq(np.asarray(original))
    assert quality >= 50
    assert distance(original_hash, pdq(np.asarray(resaved_image))[0]) <= 31
    assert distance(original_hash, pdq(np.asarray(synthetic.natural_image(12)))[0]) > 31


def test_a_mirrored_picture_has_the_mirror_hash_of_the_original():
    picture = np.asarray(synthetic.natural_image(13, 320, 180))
    plain = robust_frame(picture, 0, 0.0, 0, True, True)
    mirrored = robust_frame(np.ascontiguousarray(picture[:, ::-1]), 0, 0.0, 0, True, True)
    assert distance(plain.mirrored, mirrored.hashes[0]) <= 2
    assert distance(plain.hashes[0], mirrored.hashes[0]) > 31


def test_black_bars_are_trimmed_and_dark_content_is_kept():
    picture = np.asarray(synthetic.natural_image(14, 320, 180))
    letterboxed = np.zeros((240, 320, 3), np.uint8)
    letterboxed[30:210] = picture
    assert np.array_equal(trim_borders(letterboxed), picture)
    night = np.zeros((180, 320, 3), np.uint8)
    night[80:100, 150:170] = 200  # a small light in the dark: less than a third of the frame is bright
    assert trim_borders(night).shape == night.shape
