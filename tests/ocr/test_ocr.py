import threading

from hypothesis import given
from hypothesis import strategies as st
import pytest
from rapidfuzz.distance import Levenshtein

from provenance.media import ocr
from provenance.media.analysis import analyse
from tests.ocr.captions import CAPTIONS, SCENE_SECONDS, write_captioned


@pytest.fixture(scope="module")
def captioned(tmp_path_factory):
    return write_captioned(tmp_path_factory.mktemp("ocr") / "captioned.mp4")


@pytest.fixture(scope="module")
def analysis(captioned):
    return analyse(captioned, read_text=True)


@pytest.mark.parametrize("language", CAPTIONS)
def test_each_language_is_read_back_with_a_character_error_rate_under_ten_percent(analysis, language):
    read = [text for text in analysis.texts if text.language == language]
    assert read, f"nothing read in {language}: {analysis.texts}"
    error_rate = min(Levenshtein.normalized_distance(text.text, CAPTIONS[language]) for text in read)
    assert error_rate < 0.10


def test_each_caption_is_read_at_the_time_of_its_scene_with_a_box_in_the_lower_third(analysis):
    for scene, language in enumerate(CAPTIONS):
        text = next(text for text in analysis.texts if text.language == language)
        assert scene * SCENE_SECONDS <= text.timestamp < (scene + 1) * SCENE_SECONDS
        assert text.confidence >= ocr.MIN_CONFIDENCE
        assert text.top > 540 * 2 / 3 and text.top + text.height <= 540 and 0 < text.width <= 960


def test_analysis_without_text_reading_reads_none(captioned):
    assert analyse(captioned, read_text=False).texts == []


def test_a_frame_without_captions_yields_no_text():
    from PIL import Image
    import numpy as np
    from tests.media.synthetic import pink_noise

    picture = Image.fromarray(pink_noise(540, 960, np.random.default_rng(5)))
    assert ocr.read_picture(picture) == []


@given(st.text(alphabet=st.characters(min_codepoint=0x0430, max_codepoint=0x044F), min_size=1))
def test_a_line_of_cyrillic_letters_is_russian_whatever_the_letters(word):
    assert ocr.language_of(word) == "rus"


@given(st.text(alphabet=st.characters(min_codepoint=0x0627, max_codepoint=0x064A), min_size=1),
       st.text(alphabet="0123456789 :.-", max_size=5))
def test_digits_and_punctuation_do_not_change_the_language_of_an_arabic_line(word, rest):
    assert ocr.language_of(word + rest) == "ara"


def test_a_one_thread_analysis_reads_with_one_tesseract_at_a_time_and_finds_the_same_text(captioned, analysis,
                                                                                        monkeypatch):
    started, start = [], threading.Thread.start

    def recording_start(thread):
        started.append(thread.name)
        start(thread)

    monkeypatch.setattr(threading.Thread, "start", recording_start)
    alone = analyse(captioned, read_text=True, threads=1)

    assert [name for name in started if name.startswith("ocr")] == ["ocr_0"]
    assert [(text.frame, text.text) for text in alone.texts] == [(text.frame, text.text) for text in analysis.texts]
