"""Text burned into frames (captions, lower thirds, logo text), read with Tesseract (Debian's tesseract-ocr with
the ara, rus and eng models, through pytesseract).

Tesseract's own page layout analysis is made for scanned pages: on a textured video frame it takes the picture for
text or the text for picture (measured on the test footage: most captions read as nothing or as noise). So lines of
text are found first, and Tesseract reads each line alone (`--psm 7`):

* caption strokes are thin and contrast sharply with what is around them, so a morphological top-hat (the frame
  minus its opening, for light text; its closing minus the frame, for dark text) over a window wider than a stroke
  keeps them and drops the smooth shading of the picture;
* rows with such strokes, separated from others by a gap, make a band; within a band, columns with strokes closer
  than a line height make one line. Bands taller than a sixth of the frame are pictures, not lines.

This finds captions on a band or box of their own (the common lower third, most logos); text straight over a busy
picture is often missed. A line is kept when Tesseract's mean word confidence reaches MIN_CONFIDENCE. Its language
is told by the script of the letters read (Arabic, Cyrillic, Latin); Tesseract reads with all three models at once
and does not say which it used.
"""

import os
import shutil
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

import numpy as np
import pytesseract
from PIL import Image, ImageOps

LANGUAGES = "ara+rus+eng"
MIN_CONFIDENCE = 75.0  # captions read at 90-96 on the test footage; noise read as letters at 60-70
MIN_LETTERS = 3
MIN_WORD_CONFIDENCE = 30.0  # below it a "word" is a speck of the background read as punctuation
MAX_WIDTH = 1280  # frames are read at most this wide: captions stay legible and a 4K frame costs no more
STROKE_WINDOW = 9  # pixels (at MAX_WIDTH or less): wider than a caption's stroke, narrower than its letters
STROKE_CONTRAST = 110  # grey levels a stroke stands above (or below) its surroundings
MIN_LINE_HEIGHT = 8
MAX_LINE_SHARE = 1 / 6  # of the frame's height
READERS = 2  # concurrent Tesseract processes per analysis
TESSERACT_TIMEOUT = 30  # seconds per line
SCRIPT_LANGUAGES = {"ARABIC": "ara", "CYRILLIC": "rus", "LATIN": "eng"}


@dataclass(frozen=True)
class ScreenText:
    """One line of text read off a frame; the box is in the frame's own pixels."""

    frame: int
    timestamp: float
    text: str
    language: str  # "ara", "rus", "eng", or "und" when the letters are of no one script of those
    confidence: float  # Tesseract's mean word confidence, 0-100
    left: int
    top: int
    width: int
    height: int

    def to_dict(self):
        return asdict(self)


def available():
    return shutil.which(pytesseract.pytesseract.tesseract_cmd) is not None


def read_picture(picture, frame=0, timestamp=0.0):
    """The lines of text in one picture (a PIL image), in reading order from the top."""
    grey = ImageOps.grayscale(picture)
    scale = min(1.0, MAX_WIDTH / grey.width)
    if scale < 1.0:
        grey = grey.resize((round(grey.width * scale), round(grey.height * scale)), Image.Resampling.LANCZOS)
    texts = []
    for left, top, right, bottom in text_lines(np.asarray(grey)):
        pad = (bottom - top) // 2  # Tesseract reads a line better with a margin around it
        origin = (max(0, left - pad), max(0, top - pad))
        line = _read_line(grey.crop((*origin, min(grey.width, right + pad), min(grey.height, bottom + pad))))
        if line is None:
            continue
        text, confidence, (box_left, box_top, box_right, box_bottom) = line
        texts.append(ScreenText(
            frame, timestamp, text, language_of(text), confidence,
            round((origin[0] + box_left) / scale), round((origin[1] + box_top) / scale),
            round((box_right - box_left) / scale), round((box_bottom - box_top) / scale),
        ))
    return texts


def text_lines(grey):
    """Boxes (left, top, right, bottom) of what look like lines of text in a greyscale array (see the docstring)."""
    strokes = stroke_mask(grey)
    lines = []
    for top, bottom in _runs(strokes.sum(axis=1) >= 3, gap=2):
        height = bottom - top
        if not MIN_LINE_HEIGHT <= height <= grey.shape[0] * MAX_LINE_SHARE:
            continue
        for left, right in _runs(strokes[top:bottom].any(axis=0), gap=max(MIN_LINE_HEIGHT, height)):
            if right - left >= height:  # a line is wider than it is high
                lines.append((left, top, right, bottom))
    return lines


def stroke_mask(grey):
    """Pixels of thin strokes, light or dark, that stand out from what is around them by STROKE_CONTRAST."""
    grey = grey.astype(np.int16)
    opened = _dilate(_erode(grey))
    closed = _erode(_dilate(grey))
    return ((grey - opened) > STROKE_CONTRAST) | ((closed - grey) > STROKE_CONTRAST)


def _erode(values):
    return _window(values, np.min, np.iinfo(np.int16).max)


def _dilate(values):
    return _window(values, np.max, np.iinfo(np.int16).min)


def _window(values, reduce, fill):
    # A square window as two passes of a line window (min and max are separable): O(k) a pixel, not O(k²).
    half = STROKE_WINDOW // 2
    for axis in (0, 1):
        padding = [(0, 0), (0, 0)]
        padding[axis] = (half, half)
        padded = np.pad(values, padding, constant_values=fill)
        values = reduce(np.lib.stride_tricks.sliding_window_view(padded, STROKE_WINDOW, axis=axis), axis=-1)
    return values


def _runs(flags, gap):
    """(start, end) of the runs of true flags, joining runs less than `gap` apart."""
    indices = np.flatnonzero(flags)
    if not len(indices):
        return []
    breaks = np.flatnonzero(np.diff(indices) > gap)
    starts = np.concatenate(([indices[0]], indices[breaks + 1]))
    ends = np.concatenate((indices[breaks], [indices[-1]])) + 1
    return list(zip(starts.tolist(), ends.tolist()))


def _read_line(crop):
    data = pytesseract.image_to_data(
        crop, lang=LANGUAGES, config="--psm 7", output_type=pytesseract.Output.DICT, timeout=TESSERACT_TIMEOUT
    )
    words = [
        (data["text"][i].strip(), float(data["conf"][i]), data["left"][i], data["top"][i],
         data["left"][i] + data["width"][i], data["top"][i] + data["height"][i])
        for i in range(len(data["text"]))
        if data["text"][i].strip() and float(data["conf"][i]) >= MIN_WORD_CONFIDENCE
    ]
    if sum(char.isalpha() for word in words for char in word[0]) < MIN_LETTERS:
        return None
    confidence = sum(word[1] for word in words) / len(words)
    if confidence < MIN_CONFIDENCE:
        return None
    # Tesseract gives the words of a right-to-left line in reading order already.
    text = " ".join(word[0] for word in words)
    box = (min(w[2] for w in words), min(w[3] for w in words), max(w[4] for w in words), max(w[5] for w in words))
    return text, round(confidence, 1), box


def language_of(text):
    """The language model a line belongs to, told by the script most of its letters are in."""
    counts = {}
    for char in text:
        if char.isalpha():
            script = unicodedata.name(char, "").split(" ", 1)[0]
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "und"
    script = max(counts, key=counts.get)
    return SCRIPT_LANGUAGES.get(script, "und")


class FrameReader:
    """Reads keyframes while the decoder goes on: Tesseract runs as its own processes, so threads overlap them."""

    def __init__(self, readers=READERS):
        # One Tesseract thread per process: several processes already keep the cores busy.
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        self.pool = ThreadPoolExecutor(max_workers=readers, thread_name_prefix="ocr")
        self.pending = []

    def submit(self, picture, frame, timestamp):
        self.pending.append(self.pool.submit(read_picture, picture, frame, timestamp))

    def texts(self):
        """Every line read, in frame order; waits for the readings still running."""
        return [text for future in self.pending for text in future.result()]

    def close(self):
        """Stop: readings not yet started are dropped (a failed decode does not wait for them)."""
        self.pool.shutdown(cancel_futures=True)
