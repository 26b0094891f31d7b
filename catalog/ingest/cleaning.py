"""Scraper junk out, text in: HTML remnants, entities and odd whitespace.

Hand-written with `re` and stdlib `html`: the remnants are a handful of tags and entities, and a
full HTML parser would also swallow a stray "<" in prose and drop the paragraph structure.
"""

import html
import re

_DROPPED_ELEMENTS = re.compile(r"<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)
_PARAGRAPH_TAGS = re.compile(
    r"<\s*/?\s*(?:p|div|h[1-6]|li|ul|ol|blockquote|article|section|table|tr)\b[^<>]*>", re.IGNORECASE
)
_LINE_BREAK_TAGS = re.compile(r"<\s*br\s*/?\s*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^<>]*>")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")

# Spaces that should read as a plain space. Zero-width joiners (U+200C/D) are kept: they are
# meaningful inside Arabic-script and Indic names.
_ODD_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_newlines(text):
    """BOM off, CRLF and lone CR to LF."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def unescape_entities(text):
    # Scraped pages are often escaped twice (&amp;#8217;); unescape until nothing changes.
    for _ in range(3):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return text


def strip_html(text):
    """Text without tags or entities, paragraphs kept; returns (text, whether anything was removed)."""
    cleaned = unescape_entities(text)
    cleaned = _DROPPED_ELEMENTS.sub("", cleaned)
    cleaned = _COMMENTS.sub("", cleaned)
    cleaned = _PARAGRAPH_TAGS.sub("\n\n", cleaned)
    cleaned = _LINE_BREAK_TAGS.sub("\n", cleaned)
    cleaned = _ANY_TAG.sub("", cleaned)
    return cleaned, cleaned != text or bool(_ENTITY.search(text))


def normalise_spaces(line):
    """One line with odd spaces and control characters turned into single plain spaces."""
    line = _INVISIBLE.sub("", line)
    line = _CONTROL.sub(" ", _ODD_SPACES.sub(" ", line))
    return re.sub(r" {2,}", " ", line).strip()


def paragraphs(text):
    """Blank-line separated blocks, each with its lines joined by single spaces."""
    blocks = re.split(r"\n\s*\n", text)
    joined = (" ".join(normalise_spaces(line) for line in block.split("\n")) for block in blocks)
    return [normalise_spaces(block) for block in joined if block.strip()]
