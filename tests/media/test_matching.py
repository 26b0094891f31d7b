import pytest
from PIL import Image

from provenance.media.analysis import analyse
from provenance.media.index import PDQIndex
from provenance.media.matching import candidate_hits, compare, compare_vpdq, index_entries
from tests.media import synthetic


@pytest.mark.parametrize("variant", list(synthetic.VARIANTS))
def test_an_altered_copy_matches_its_original(media, variant):
    found = compare(media.analysis(variant).fingerprint, media.analysis("original").fingerprint)
    assert found.is_match, found
    assert found.query_match_percent >= 80
    assert found.best_distance <= 31


@pytest.mark.parametrize("variant", ["cropped 5%", "with a logo", "letterboxed to 4:3", "mirrored", "scaled to 480p"])
def test_the_original_matches_an_altered_copy_that_was_indexed_first(media, variant):
    found = compare(media.analysis("original").fingerprint, media.analysis(variant).fingerprint)
    assert found.is_match, found


def test_unrelated_videos_match_nothing(media):
    for query, target in (("unrelated", "original"), ("original", "unrelated"), ("unrelated", "mirrored")):
        found = compare(media.analysis(query).fingerprint, media.analysis(target).fingerprint)
        assert (found.query_match_percent, found.target_match_percent, found.best_distance) == (0.0, 0.0, None)
        assert not found.is_match


def test_plain_vpdq_misses_the_crop_the_letterbox_and_the_mirror_that_robust_hashes_find(media):
    # Guards the test media: were these variants easy, the robust hashes would prove nothing.
    for variant in ("cropped 5%", "letterboxed to 4:3", "mirrored"):
        assert not compare_vpdq(media.analysis(variant).pdq, media.analysis("original").pdq).is_match


def test_plain_vpdq_follows_threatexchanges_rule_on_a_re_encoded_copy(media):
    found = compare_vpdq(media.analysis("re-encoded at a low bitrate").pdq, media.analysis("original").pdq)
    assert (found.query_match_percent, found.target_match_percent) == (100.0, 100.0)


def test_a_trimmed_copy_is_found_where_it_starts_in_the_original(media):
    found = compare(media.analysis("with its first 2 s trimmed").fingerprint, media.analysis("original").fingerprint)
    assert found.offset_seconds == pytest.approx(2.0, abs=0.1)
    assert found.query_match_percent == 100.0
    assert found.target_match_percent == pytest.approx(75.0)  # 6 of the original's 8 seconds are in the copy


def test_a_mirrored_copy_is_reported_as_mirrored(media):
    original = media.analysis("original").fingerprint
    assert compare(media.analysis("mirrored").fingerprint, original).mirrored
    assert not compare(media.analysis("cropped 5%").fingerprint, original).mirrored


def test_the_index_leads_from_an_altered_copy_to_its_original_only(media):
    index, owners = PDQIndex(), {}
    for name in ("original", "unrelated"):
        for _slot, value in index_entries(media.analysis(name).fingerprint):
            owners[len(owners)] = name
            index.add([len(owners) - 1], [value])
    for variant in synthetic.VARIANTS:
        hits = candidate_hits(index, media.analysis(variant).fingerprint)
        assert {owners[identifier] for identifier in hits} == {"original"}, variant


def test_an_image_matches_the_video_frame_it_was_taken_from(media, tmp_path):
    frame = next(synthetic.decoded_frames(media.path("original")))
    screenshot = tmp_path / "screenshot.jpg"
    Image.fromarray(frame).resize((480, 270)).save(screenshot, quality=70)
    found = compare(analyse(screenshot).fingerprint, media.analysis("original").fingerprint)
    assert found.is_match and found.offset_seconds == pytest.approx(0.0, abs=0.3)
