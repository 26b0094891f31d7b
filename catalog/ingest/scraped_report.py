"""A scraped news report, as the desk receives it, parsed into its parts.

The raw format: the headline (often twice), a dateline, the lead with an outlet tag such as
`(newsweek) --`, the body, `(Photo: ...)` captions and, at the end, PHP var_dumps of the site's
related-articles widget. Everything here is plain text; nothing is rendered as HTML.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from .cleaning import normalise_newlines, normalise_spaces, paragraphs, strip_html
from .dates import looks_like_dateline, parse_dateline
from .quotes import Quote, extract_quotes
from .var_dump import RelatedArticle, extract_var_dumps

# Wire copy puts a city (and a date) before the tag: "KYIV, March 14 (Reuters) -", "Kabul (AFP) –".
_OUTLET_TAG = re.compile(
    r"^(?P<wire>[A-Z][A-Za-z'’.-]+(?:[\s/][A-Z][A-Za-z'’.-]+)?(?:,\s+[A-Z][a-z]+\.?(?:\s+\d{1,2})?)?\s+)?"
    r"\(\s*(?P<outlet>[^()\n]{1,40}?)\s*\)\s*(?:--|—|–|-)\s*"
)
_CAPTION_START = re.compile(r"\((?:Photo|Photos|Image|Picture)\s*:\s*", re.IGNORECASE)
_MAX_TITLE_LENGTH = 300
_HEADER_LINES = 4  # the headline, its repeat, the dateline, and one stray blank-separated repeat


class UnreadableReport(ValueError):
    """The input is not a scraped report this parser can read; the message says why."""


@dataclass
class ScrapedReport:
    title: str
    dateline: str
    published_at: datetime | None
    outlet: str
    paragraphs: list[str]
    captions: list[str]
    quotes: list[Quote]
    related_articles: list[RelatedArticle]
    warnings: list[str] = field(default_factory=list)
    raw_text: str = ""
    wire_dateline: str = ""  # "KYIV, March 14" before a wire tag: kept for its places, not part of the body

    @property
    def body(self):
        return "\n\n".join(self.paragraphs)

    @property
    def caption(self):
        return "\n\n".join(self.captions)

    def to_dict(self):
        return {
            "title": self.title,
            "dateline": self.dateline,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "outlet": self.outlet,
            "body": self.body,
            "paragraphs": list(self.paragraphs),
            "caption": self.caption,
            "captions": list(self.captions),
            "quotes": [quote.to_dict() for quote in self.quotes],
            "related_articles": [article.to_dict() for article in self.related_articles],
            "warnings": list(self.warnings),
        }


def parse_scraped_report(raw):
    """Parse the raw text (str, or UTF-8 bytes) of a scraped report; raises UnreadableReport."""
    received = _as_text(raw)
    text = normalise_newlines(received)
    _reject_non_reports(text)
    warnings = []
    text, related, dump_warnings = extract_var_dumps(text)
    warnings.extend(dump_warnings)
    text, had_html = strip_html(text)
    if had_html:
        warnings.append("HTML tags or entities were found and removed.")
    text, captions = _extract_captions(text)
    lines = [normalise_spaces(line) for line in text.split("\n")]
    title, dateline, body_start, header_warnings = _read_header(lines)
    warnings.extend(header_warnings)
    body = [p for p in paragraphs("\n".join(lines[body_start:])) if not _same_text(p, title)]
    outlet, body, wire_dateline = _take_outlet_tag(body)
    if not outlet:
        warnings.append("No outlet tag such as '(newsweek) --' was found in the lead.")
    if not any(len(p.split()) >= 5 for p in body):
        raise UnreadableReport("No body text was found after the headline: this is not a scraped report.")
    return ScrapedReport(
        title=title,
        dateline=dateline.text if dateline else "",
        published_at=dateline.published_at if dateline else None,
        outlet=outlet,
        paragraphs=body,
        captions=captions,
        quotes=extract_quotes(body),
        related_articles=related,
        warnings=warnings,
        raw_text=received,
        wire_dateline=wire_dateline,
    )


def _as_text(raw):
    if isinstance(raw, bytes):
        if b"\x00" in raw:
            raise UnreadableReport("The report looks like binary data, not text.")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise UnreadableReport(f"The report is not UTF-8 text ({error.reason} at byte {error.start}).") from None
    if not isinstance(raw, str):
        raise UnreadableReport(f"A scraped report is text, not {type(raw).__name__}.")
    return raw


def _reject_non_reports(text):
    if not text.strip():
        raise UnreadableReport("The report is empty.")
    visible = [char for char in text if not char.isspace()]
    junk = sum(1 for char in visible if char == "\ufffd" or (ord(char) < 32) or 0xE000 <= ord(char) <= 0xF8FF)
    if "\x00" in text or junk > len(visible) * 0.05:
        raise UnreadableReport("The report looks like binary data, not text.")
    letters = sum(1 for char in visible if char.isalpha())
    if letters < len(visible) * 0.5:
        raise UnreadableReport("The report has too few letters to be prose.")


def _read_header(lines):
    """Headline, dateline and where the body starts, from the first lines."""
    warnings = []
    filled = [(index, line) for index, line in enumerate(lines) if line]
    if not filled:
        raise UnreadableReport("Nothing but scraper junk was found: no headline and no body.")
    title = filled[0][1]
    if len(title) > _MAX_TITLE_LENGTH:
        raise UnreadableReport("The first line is too long to be a headline: this is not a scraped report.")
    position = 1
    while position < len(filled) and position < _HEADER_LINES and _same_text(filled[position][1], title):
        position += 1
    dateline = None
    if position < len(filled) and looks_like_dateline(filled[position][1]):
        dateline = parse_dateline(filled[position][1])
        if dateline.warning:
            warnings.append(dateline.warning)
        position += 1
    else:
        warnings.append("No dateline was found under the headline; dates in the text cannot be resolved.")
    body_start = filled[position][0] if position < len(filled) else len(lines)
    return title, dateline, body_start, warnings


def _same_text(one, other):
    return one.casefold() == other.casefold()


def _take_outlet_tag(body):
    """The outlet tag from the first paragraphs of the lead, removed from its paragraph."""
    for index, paragraph in enumerate(body[:3]):
        match = _OUTLET_TAG.match(paragraph)
        if match:
            rest = paragraph[match.end() :]
            cleaned = body[:index] + ([rest] if rest else []) + body[index + 1 :]
            return match.group("outlet"), cleaned, (match.group("wire") or "").strip()
    return "", body, ""


def _extract_captions(text):
    """Every `(Photo: ...)` caption, matched to its balanced closing bracket, cut out of the text."""
    captions, kept, position = [], [], 0
    for match in _CAPTION_START.finditer(text):
        if match.start() < position:
            continue
        end = _closing_bracket(text, match.end())
        if end is None:
            continue
        kept.append(text[position : match.start()])
        captions.append(normalise_spaces(text[match.end() : end].replace("\n", " ")))
        position = end + 1
    kept.append(text[position:])
    return "".join(kept), [caption for caption in captions if caption]


def _closing_bracket(text, start):
    depth = 1
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index
    return None
