"""Datelines and the relative dates of news prose, resolved against the dateline.

Datelines are read by python-dateutil. Relative expressions ("Thursday", "last month") are a
short closed list, so a few patterns resolve them; dateutil has no notion of "the Thursday before".
"""

import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

# Zone abbreviations seen in datelines, as UTC offsets in hours. Ambiguous ones (IST, AST, ET)
# are left out on purpose: a wrong guess is worse than the "taken as UTC" warning.
_ZONES = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 1,
    "CET": 1,
    "WAT": 1,
    "CEST": 2,
    "EET": 2,
    "CAT": 2,
    "SAST": 2,
    "EEST": 3,
    "MSK": 3,
    "TRT": 3,
    "EAT": 3,
    "IRST": 3.5,
    "GST": 4,
    "AFT": 4.5,
    "PKT": 5,
    "WIB": 7,
    "PHT": 8,
    "KST": 9,
    "JST": 9,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
}
_TZINFOS = {name: int(hours * 3600) for name, hours in _ZONES.items()}
_DATELINE_PREFIX = re.compile(
    r"^(?:published(?: on)?|updated(?: on)?|last updated|posted(?: on)?|issued(?: on)?|released(?: on)?|date)\s*:?\s*",
    re.IGNORECASE,
)
# "Published on 08/12/2022 à 15:20 - Modified on 08/12/2022 à 16:05": the first date is the publication.
_LATER_STAMP = re.compile(r"\s+(?:[|\-–—•]\s+)?(?:modified|updated|last updated|edited)\b.*$", re.IGNORECASE)
# "The Hague, 25 May 2022": a place before the date.
_PLACE_FIRST = re.compile(
    r"^(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s)[A-Z][A-Za-z'’ .-]{1,30},\s+(?=\d)",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s+[|\-–—•/]\s+|\s+(?:at|à)\s+", re.IGNORECASE)
# "UTC+3", "(GMT+3)": dateutil reads these POSIX-style, with the sign inverted, so they become "+03:00".
_OFFSET_ZONE = re.compile(r"\(?\b(?:UTC|GMT)\s*(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?\)?")
_DOTTED_TIME = re.compile(r"(?<=\s)(?P<hours>\d{1,2})[.h](?P<minutes>\d{2})(?=\s|$)")
# Month and weekday names of Russian, Ukrainian, French, Turkish and Arabic datelines, in English for dateutil.
_FOREIGN_WORDS = {
    **dict.fromkeys(("января", "январь", "janvier", "січня", "ocak", "يناير", "كانون الثاني"), "January"),
    **dict.fromkeys(("февраля", "февраль", "février", "fevrier", "лютого", "şubat", "فبراير", "شباط"), "February"),
    **dict.fromkeys(("марта", "март", "mars", "березня", "mart", "مارس", "آذار"), "March"),
    **dict.fromkeys(("апреля", "апрель", "avril", "квітня", "nisan", "أبريل", "ابريل", "نيسان"), "April"),
    **dict.fromkeys(("мая", "май", "mai", "травня", "mayıs", "مايو", "أيار"), "May"),
    **dict.fromkeys(("июня", "июнь", "juin", "червня", "haziran", "يونيو", "يونيه", "حزيران"), "June"),
    **dict.fromkeys(("июля", "июль", "juillet", "липня", "temmuz", "يوليو", "يوليه", "تموز"), "July"),
    **dict.fromkeys(("августа", "август", "août", "aout", "серпня", "ağustos", "أغسطس", "آب"), "August"),
    **dict.fromkeys(("сентября", "сентябрь", "septembre", "вересня", "eylül", "سبتمبر", "أيلول"), "September"),
    **dict.fromkeys(("октября", "октябрь", "octobre", "жовтня", "ekim", "أكتوبر", "اكتوبر", "تشرين الأول"), "October"),
    **dict.fromkeys(("ноября", "ноябрь", "novembre", "листопада", "kasım", "نوفمبر", "تشرين الثاني"), "November"),
    **dict.fromkeys(
        ("декабря", "декабрь", "décembre", "decembre", "грудня", "aralık", "ديسمبر", "كانون الأول"), "December"
    ),
    **dict.fromkeys(
        ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "г.", "года", "року"), ""
    ),
    **dict.fromkeys(("pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi", "pazar"), ""),
    **dict.fromkeys(("الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"), ""),
}
_FOREIGN = re.compile(
    r"(?<![\w])(?:" + "|".join(map(re.escape, sorted(_FOREIGN_WORDS, key=len, reverse=True))) + r")(?![\w])",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?!\d)")


@dataclass(frozen=True)
class Dateline:
    text: str
    published_at: datetime | None
    warning: str = ""


def looks_like_dateline(line):
    """A short line with a year and a month (as a word or in a numeric date)."""
    return (
        len(line) <= 80
        and bool(_YEAR.search(line))
        and bool(_MONTH_WORD.search(line) or _NUMERIC_DATE.search(line) or _FOREIGN.search(line))
    )


def parse_dateline(line):
    """The dateline as an aware UTC datetime; a dateline without a zone is read as UTC."""
    text = _PLACE_FIRST.sub("", _LATER_STAMP.sub("", _DATELINE_PREFIX.sub("", line.strip())))
    text = _FOREIGN.sub(lambda match: _FOREIGN_WORDS[match.group(0).lower()], text)
    text = _OFFSET_ZONE.sub(_offset, _SEPARATORS.sub(" ", text))
    text = _DOTTED_TIME.sub(lambda match: f"{match.group('hours')}:{match.group('minutes')}", text)
    # Dotted and slashed numeric dates (27.09.2022, 12/05/2022) are read day-first: the datelines met
    # so far are European, Middle Eastern or African; a US month-first dateline is misread (see README).
    dayfirst = bool(re.search(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b", text))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            parsed = dateutil_parser.parse(text, tzinfos=_TZINFOS, dayfirst=dayfirst)
        except (ValueError, OverflowError):
            return Dateline(line, None, f"The dateline {line!r} could not be read as a date.")
    warning = ""
    if parsed.tzinfo is None:
        if any(issubclass(item.category, dateutil_parser.UnknownTimezoneWarning) for item in caught):
            warning = f"The time zone in the dateline {line!r} is unknown; it was taken as UTC."
        parsed = parsed.replace(tzinfo=timezone.utc)
    return Dateline(line, parsed.astimezone(timezone.utc), warning)


def _offset(match):
    minutes = match.group("minutes") or "00"
    return f" {match.group('sign')}{int(match.group('hours')):02d}:{minutes}"


# --- Relative and absolute dates in prose -------------------------------------------------------

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_TEMPORAL = re.compile(
    r"\b(?:(?:on|late on|early on|late|early)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    + _DAY_PART
    + r"\b"
    r"|\b(?:on\s+)?(?P<day1>\d{1,2})\s+(?P<month1>" + _MONTH + r")(?:,?\s+(?P<year1>(?:19|20)\d{2}))?\b"
    r"|\b(?:on\s+)?(?P<month2>" + _MONTH + r")\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year2>(?:19|20)\d{2}))?"
    r"|\b(?:in|early|late|earlier in|later in)\s+(?P<month3>" + _MONTH + r")(?:\s+(?P<year3>(?:19|20)\d{2}))?\b"
    r"|\b(?P<yesterday>yesterday)\b"
    r"|\b(?P<today>today|tonight|this morning|this afternoon|this evening|earlier today)\b"
    r"|\b(?P<last>last|this|earlier this|previous|the previous)\s+(?P<unit>week|month|year)\b",
    re.IGNORECASE,
)
# "since August", "until Monday": a period's bound, not the day a statement was made.
_NOT_A_DAY = re.compile(r"\b(?:since|until|till|by|from|before|after)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class TemporalRef:
    text: str
    start: int
    end: int
    day: date | None
    precision: str  # "day", "week", "month" or "year"

    def formatted(self):
        return format_date(self.day, self.precision)


def format_date(day, precision):
    """An ISO date at its precision: 2017-09-28, 2017-W38, 2017-09 or 2017."""
    if day is None:
        return None
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return {"day": day.isoformat(), "month": day.strftime("%Y-%m"), "year": str(day.year)}[precision]


def date_range(day, precision):
    """(earliest, latest) days a date at its precision covers: a week is Monday to Sunday."""
    if day is None:
        return None, None
    if precision == "week":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if precision == "month":
        start = day.replace(day=1)
        return start, start + relativedelta(months=1) - timedelta(days=1)
    if precision == "year":
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    return day, day


def find_temporal(text, reference):
    """Every date expression in `text`, resolved against the `reference` date (None: unresolved)."""
    found = []
    for match in _TEMPORAL.finditer(text):
        if _NOT_A_DAY.search(text[: match.start()]):
            continue
        day, precision = _resolve(match, reference)
        found.append(TemporalRef(match.group(0), match.start(), match.end(), day, precision))
    return found


def _resolve(match, reference):
    groups = match.groupdict()
    if groups["weekday"]:
        if reference is None:
            return None, "day"
        # A bare weekday in a news report is the latest such day on or before the dateline.
        back = (reference.weekday() - _WEEKDAYS.index(groups["weekday"].lower())) % 7
        return reference - timedelta(days=back), "day"
    for suffix in ("1", "2"):
        if groups[f"month{suffix}"]:
            return _calendar_day(groups[f"day{suffix}"], groups[f"month{suffix}"], groups[f"year{suffix}"], reference)
    if groups["month3"]:
        month = _MONTHS[groups["month3"].lower().rstrip(".")]
        year = int(groups["year3"]) if groups["year3"] else _year_before(month, reference)
        return (date(year, month, 1) if year else None), "month"
    if reference is None:
        return None, "day"
    if groups["yesterday"]:
        return reference - timedelta(days=1), "day"
    if groups["today"]:
        return reference, "day"
    unit, current = groups["unit"].lower(), groups["last"].lower() in ("this", "earlier this")
    step = {"week": relativedelta(weeks=1), "month": relativedelta(months=1), "year": relativedelta(years=1)}[unit]
    day = reference if current else reference - step
    if unit == "month":
        day = day.replace(day=1)
    elif unit == "year":
        day = day.replace(month=1, day=1)
    else:
        day = day - timedelta(days=day.weekday())
    return day, unit


def _calendar_day(day, month_name, year, reference):
    month = _MONTHS[month_name.lower().rstrip(".")]
    year = int(year) if year else _year_before(month, reference)
    if not year:
        return None, "day"
    try:
        return date(year, month, int(day)), "day"
    except ValueError:
        return None, "day"


def _year_before(month, reference):
    """The year of a month named without one: the latest such month on or before the reference."""
    if reference is None:
        return None
    return reference.year if month <= reference.month else reference.year - 1
