"""Sentence splitting for news prose.

Hand-written because no splitter ships in the venv and news prose needs one rule the simple ones
lack: a quotation and its attribution stay one sentence ("I am X. I was born...," he said.).
"""

import re
from dataclasses import dataclass

OPENING_QUOTES = "“«„"
CLOSING_QUOTES = "”»“"
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "cpl",
    "pvt",
    "brig",
    "adm",
    "gov",
    "sen",
    "rep",
    "st",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "vs",
    "jr",
    "sr",
    "approx",
    "inc",
    "ltd",
    "co",
}


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int
    start: int  # offset of the sentence within its paragraph


def split_sentences(paragraph, paragraph_index=0):
    sentences, start, depth, straight_open = [], 0, 0, False
    for index, char in enumerate(paragraph):
        if char == '"':
            straight_open = not straight_open
        elif char in OPENING_QUOTES and not (char == "“" and depth and paragraph[index - 1] not in " (\n"):
            depth += 1
        elif char in CLOSING_QUOTES and depth:
            depth -= 1
        if char not in ".!?" or depth or straight_open:
            continue
        end = index + 1
        while end < len(paragraph) and paragraph[end] in "\"'”’»)":
            end += 1
        if end < len(paragraph) and not paragraph[end].isspace():
            continue
        following = paragraph[end:].lstrip()
        if not following or not _starts_sentence(following) or _is_abbreviation(paragraph[start:index]):
            continue
        sentences.append(Sentence(paragraph[start:end].strip(), paragraph_index, start))
        start = end + (len(paragraph[end:]) - len(following))
    if paragraph[start:].strip():
        sentences.append(Sentence(paragraph[start:].strip(), paragraph_index, start))
    return sentences


def _starts_sentence(text):
    first = text[0]
    return first.isupper() or first.isdigit() or first in '"“«(' or (first.isalpha() and not first.islower())


def _is_abbreviation(before):
    word = re.search(r"([\w.]+)$", before)
    if not word:
        return False
    token = word.group(1).lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())
