"""Chromaprint fingerprints and offset-aligned matching, on the generated soundtrack and its altered copies."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.media import audio, probe
from tests.audio.library import COPIES, TRIM_START, UNRELATED
from tests.media import synthetic


def test_a_soundtrack_is_fingerprinted_at_chromaprints_item_rate(prints):
    original = prints("original")

    assert original.duration_seconds == pytest.approx(30, abs=0.1)
    # One item every 0.124 s, less the few the first filters need to fill.
    assert 220 <= original.items.size <= 30 / audio.ITEM_SECONDS
    assert original.items.dtype == np.uint32


def test_a_stored_fingerprint_reads_back_as_the_same_items(prints):
    original = prints("original")

    again = audio.AudioPrint.from_bytes(original.to_bytes(), original.duration_seconds)

    assert np.array_equal(again.items, original.items)


@pytest.mark.parametrize("copy", list(COPIES))
def test_each_altered_copy_matches_the_original_with_its_aligned_seconds_and_error_rate(prints, copy):
    result = audio.compare(prints(copy), prints("original"))

    assert result.is_match
    assert result.aligned_seconds >= 20  # of a 30 s track (24.7 s once trimmed)
    assert result.bit_error_rate < 0.15
    assert result.query_match_percent >= 90


def test_the_trimmed_copy_is_found_at_the_offset_where_it_was_cut(prints):
    result = audio.compare(prints("trimmed"), prints("original"))

    assert result.offset_seconds == pytest.approx(TRIM_START, abs=audio.ITEM_SECONDS)


def test_the_original_found_from_the_trimmed_copy_aligns_only_the_part_they_share(prints):
    result = audio.compare(prints("original"), prints("trimmed"))

    assert result.is_match
    assert result.offset_seconds == pytest.approx(-TRIM_START, abs=audio.ITEM_SECONDS)
    assert result.aligned_seconds <= 30 - TRIM_START - 2.0 + 1


@pytest.mark.parametrize("unrelated", list(UNRELATED))
def test_unrelated_audio_does_not_match(prints, unrelated):
    for name in ["original", *COPIES]:
        assert not audio.compare(prints(unrelated), prints(name)).is_match
        assert not audio.compare(prints(name), prints(unrelated)).is_match


def test_a_recut_copy_aligns_its_segments_at_their_own_offsets(prints):
    items = prints("original").items
    # Two 10 s segments swapped: each matches at a different offset; together they make the aligned time.
    segment = int(10 / audio.ITEM_SECONDS)
    recut = audio.AudioPrint(np.concatenate([items[2 * segment :], items[segment : 2 * segment], items[:segment]]),
                             30.0)

    result = audio.compare(recut, prints("original"))

    assert result.is_match
    assert result.aligned_seconds > 20  # more than any one segment: several offsets count


def test_the_index_finds_every_copy_and_no_unrelated_audio(prints):
    index = audio.AudioIndex()
    names = ["original", *COPIES, *UNRELATED]
    for identifier, name in enumerate(names):
        index.add(identifier, prints(name).items)

    found = index.search(prints("original").items)

    assert {names[identifier] for identifier in found} == {"original", *COPIES}
    assert found[names.index("trimmed")][0] == pytest.approx(-TRIM_START / audio.ITEM_SECONDS, abs=1)


def test_a_video_without_an_audio_track_has_no_audio_fingerprint(tmp_path):
    path = synthetic.write_mp4(tmp_path / "mute.mp4", synthetic.natural_frames(3, 160, 96, 2), 160, 96)

    assert audio.fingerprint(path) is None


def test_a_silent_soundtrack_is_not_fingerprinted(audio_library):
    assert audio.fingerprint(audio_library.path("silent")) is None


def test_an_image_has_no_audio_fingerprint(tmp_path):
    path = tmp_path / "still.png"
    synthetic.natural_image(4).save(path)

    assert audio.fingerprint(path) is None


def test_a_missing_fpcalc_is_a_clear_refusal(audio_library):
    with pytest.raises(probe.MediaRefused, match="libchromaprint-tools"):
        audio.fingerprint(audio_library.path("original"), fpcalc="/nonexistent/fpcalc")


# Distinct values: a sequence that repeats itself has nothing to align by (repeats are not informative).
uint32_sequences = st.lists(st.integers(0, 2**32 - 1), min_size=60, max_size=300, unique=True)


@settings(max_examples=50, deadline=None)
@given(items=uint32_sequences, cut=st.integers(0, 40))
def test_the_index_votes_for_the_offset_at_which_any_sequence_was_cut(items, cut):
    items = np.array(items, np.uint32)
    index = audio.AudioIndex()
    index.add(7, items)

    found = index.search(items[cut:])

    assert found[7][0] == cut


@settings(max_examples=50, deadline=None)
@given(values=st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=50))
def test_popcount_counts_the_set_bits_of_every_32_bit_value(values):
    assert audio._popcount(np.array(values, np.uint32)).tolist() == [bin(value).count("1") for value in values]
