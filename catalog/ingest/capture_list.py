"""Reading a list of URLs to capture: pasted one per line, or a CSV sheet (url, channel, posted_at), as
auto-archiver users keep them. Every bad line is reported by its number; good lines are kept."""

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

MAX_ROWS = 500
URL_COLUMNS = ("url", "link", "links")
CHANNEL_COLUMNS = ("channel",)
POSTED_COLUMNS = ("posted_at", "posted", "upload timestamp", "upload_timestamp", "date")
_validate_url = URLValidator(schemes=["http", "https"])


PASTED, SHEET = "Pasted list", "Sheet"


@dataclass
class Row:
    line: int
    url: str
    channel: str = ""
    posted_at: dt.datetime | None = None
    source: str = PASTED


@dataclass
class RowError:
    line: int
    message: str
    source: str = PASTED

    def __str__(self):
        return f"{self.source}, line {self.line}: {self.message}"


def parse_posted_at(text):
    """An ISO 8601 date or date and time; one without a zone is taken as UTC."""
    text = text.strip()
    try:
        moment = parse_datetime(text.replace(" UTC", "Z"))
        if moment is None and (day := parse_date(text)) is not None:
            moment = dt.datetime.combine(day, dt.time())
    except ValueError:  # well formed but impossible, such as 2024-02-30
        moment = None
    if moment is None:
        raise ValidationError(f"“{text}” is not a date such as 2017-10-03 or 2017-10-03T14:05:00Z.")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, dt.UTC)


def _row(line, url, channel="", posted=""):
    url = url.strip()
    try:
        _validate_url(url)
        if len(url) > 2000:
            raise ValidationError("too long")
    except ValidationError:
        return RowError(line, f"“{url[:200]}” is not an http or https URL.")
    try:
        posted_at = parse_posted_at(posted) if posted.strip() else None
    except ValidationError as problem:
        return RowError(line, problem.messages[0])
    return Row(line, url, channel.strip(), posted_at)


def _collect(numbered_rows, source):
    rows, errors, seen = [], [], {}
    for line, parsed in numbered_rows:
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(RowError(line, f"Only {MAX_ROWS} lines are read at once; this one and the rest were not.",
                                   source))
            break
        parsed.source = source
        if isinstance(parsed, RowError):
            errors.append(parsed)
        elif parsed.url in seen:
            errors.append(RowError(line, f"The same URL as line {seen[parsed.url]}; captured once.", source))
        else:
            seen[parsed.url] = line
            rows.append(parsed)
    return rows, errors


def parse_pasted(text):
    """One URL per line; blank lines are skipped."""
    numbered = ((number, _row(number, line)) for number, line in enumerate(text.splitlines(), 1) if line.strip())
    return _collect(numbered, PASTED)


def _column(header, candidates):
    for index, name in enumerate(header):
        if name.strip().lower() in candidates:
            return index
    return None


def parse_sheet(data):
    """A CSV file's bytes: a header naming a url (or link) column, optionally channel and posted_at; or, without a
    header, columns in that order."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return [], [RowError(1, "The file is not UTF-8 text; save the sheet as CSV (UTF-8).", SHEET)]
    try:
        lines = list(csv.reader(io.StringIO(data, newline="")))
    except csv.Error as problem:
        return [], [RowError(1, f"The file is not a readable CSV: {problem}.", SHEET)]
    if not any(any(cell.strip() for cell in cells) for cells in lines):
        return [], [RowError(1, "The sheet is empty.", SHEET)]
    header = lines[0]
    url_at = _column(header, URL_COLUMNS)
    if url_at is None and header and header[0].strip().lower().startswith(("http://", "https://")):
        columns, start = (0, 1, 2), 1  # no header row: url, channel, posted_at
    elif url_at is None:
        return [], [RowError(1, "No “url” column in the header; name the column of links “url” or “link”.", SHEET)]
    else:
        columns, start = (url_at, _column(header, CHANNEL_COLUMNS), _column(header, POSTED_COLUMNS)), 2

    def cell(cells, index):
        return cells[index] if index is not None and index < len(cells) else ""

    numbered = (
        (number, _row(number, *(cell(cells, index) for index in columns)))
        for number, cells in enumerate(lines[start - 1:], start)
        if any(c.strip() for c in cells)
    )
    return _collect(numbered, SHEET)
