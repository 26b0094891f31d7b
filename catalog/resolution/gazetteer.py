"""Misspelt, transliterated and Arabic-script place names resolved to places of the gazetteer table (GeoNames
populated places of 500 people or more, ISO subdivisions, countries and the project's own rows; see
gazetteer_source and gazetteer_load). Lookups query the table: no process builds the gazetteer in memory.

A candidate is confident only when the evidence would convince an analyst, which a similar name alone does not:
- a misspelt (fuzzy) match other than to a country, region or district ("Rustav Oblast"), or an exact one to a
  place of fewer than PROMINENT people, needs support from context:
  another part of the phrase ("Urgup, Nevsehir") or another place the report names, in the same first-level
  subdivision or containing it;
- a place in another country than the report's is never confident;
- a runner-up almost as good (another village of the same name) makes the best one unsure.
Below confidence the ranked candidates are still given, for an analyst to choose.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from rapidfuzz import fuzz

from catalog.choices import PlaceKind
from catalog.models import GazetteerEntry, GazetteerName

from . import names
from .gazetteer_keys import LOOSE, LOOSE_WITHOUT_ARTICLE, MATCH_SCORES, SEGMENT_BREAKS, query_keys, split_generic

CONFIDENT = 0.85  # a candidate at or above this score, and sure (see the module's doc), is offered as the place meant
MIN_SCORE = 0.6  # below this a candidate is not worth showing
PROMINENT = 50_000  # people: a place this large named exactly needs no other support (nor does a region or country)
_AMBIGUOUS_WITHIN = 0.03  # a different place scoring this close to the best makes it unsure...
_RIVAL_SIZE = 10  # ...unless it is less than a tenth its size
_FUZZY = 0.95
_CONSONANT_WEIGHT = 0.6  # in a fuzzy score, how much agreeing consonants count (Rustav / Rostov; دير / Deir)
_FUZZY_CUTOFF = 72
_KIND_AGREES, _KIND_DIFFERS = 0.03, -0.12
_COUNTRY_AGREES, _COUNTRY_DIFFERS = 0.02, -0.2
_NEAR_KM = 75
_SUPPORTED = 0.04  # context agrees: the candidate lies in, contains, or shares a province with a place named nearby
# With no kind named, a name shared by places of several kinds means the country ("Iraq", not the town Arāk in
# Iran), then the settlement ("Deir ez-Zor", the city, not the governorate of that name).
_KIND_PRIOR = {PlaceKind.COUNTRY: 0.02, PlaceKind.CITY: 0.01, PlaceKind.VILLAGE: 0.01, PlaceKind.FACILITY: 0.01}
_SETTLEMENTS = {PlaceKind.CITY, PlaceKind.VILLAGE}
# Kinds whose names are few and unlike each other, so a misspelling of one is still that one ("Rustav Oblast").
_FEW_AND_DISTINCT = {PlaceKind.COUNTRY, PlaceKind.REGION, PlaceKind.DISTRICT}
_POPULATION_PRIOR = 0.02  # at most; separates namesakes (Donetsk, Ukraine over Donetsk, Rostov Oblast)
_KIND_DEPTH = {PlaceKind.COUNTRY: 0, PlaceKind.REGION: 1, PlaceKind.DISTRICT: 2, PlaceKind.CITY: 3,
               PlaceKind.VILLAGE: 4, PlaceKind.FACILITY: 4}
_FIELDS = ("id", "name", "kind", "country_code", "subdivision_code", "admin1", "latitude", "longitude", "parent_id",
           "population")


@dataclass(frozen=True)
class GazetteerPlace:
    id: str
    name: str
    kind: str
    country_code: str
    subdivision_code: str = ""
    admin1: str = ""
    latitude: float | None = None
    longitude: float | None = None
    parent_id: str = ""
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
    confident: bool = False
    admin1_name: str = ""  # the first-level subdivision's name, to tell namesakes apart

    def as_proposal(self):
        """The candidate as a draft keeps it for the analyst (see catalog.services.drafts)."""
        return {"id": self.place_id, "name": self.name, "country": self.country_code, "admin1": self.admin1_name,
                "latitude": self.latitude, "longitude": self.longitude, "score": self.score}


@dataclass
class _Hit:
    place: GazetteerPlace
    score: float
    alias: str
    fuzzy: bool
    supported: bool = False


class _Places:
    """`id in gazetteer.places` and `gazetteer.places[id]`, answered by the table."""

    def __contains__(self, place_id):
        return _entry(place_id) is not None

    def __getitem__(self, place_id):
        if (place := _entry(place_id)) is None:
            raise KeyError(place_id)
        return place

    def __len__(self):
        return GazetteerEntry.objects.count()


@lru_cache(maxsize=4096)
def _cached_entry(place_id):
    row = GazetteerEntry.objects.filter(pk=place_id).values_list(*_FIELDS).first()
    return GazetteerPlace(*row) if row else None


def _entry(place_id):
    return _cached_entry(place_id) if place_id else None


def _entries(place_ids):
    return {row[0]: GazetteerPlace(*row)
            for row in GazetteerEntry.objects.filter(pk__in=list(place_ids)).values_list(*_FIELDS)}


class Gazetteer:
    places = _Places()

    def place(self, place_id):
        """A place by its id: 'gn:<GeoNames id>', 'iso:<ISO 3166-2 code>', 'country:<ISO 3166-1 code>' or 'local:…'."""
        return self.places[place_id]

    def lineage(self, place_id):
        """The place and everything it lies in, nearest first."""
        chain = []
        while (place := _entry(place_id)) is not None and place.id not in (p.id for p in chain):
            chain.append(place)
            place_id = place.parent_id
        return chain

    def contains(self, outer_id, inner_id):
        """Whether inner lies in outer (a place contains itself)."""
        return any(p.id == outer_id for p in self.lineage(inner_id))

    def best(self, text, country_hint=None, kind_hint=None, context=()):
        """The place meant, if one candidate is confident; else None."""
        found = self.resolve(text, country_hint, kind_hint, limit=1, context=context)
        return found[0] if found and found[0].confident else None

    def resolve(self, text, country_hint=None, kind_hint=None, limit=5, context=()):
        """Candidate places for a name as written, best first, each with a score from 0 to 1 and whether it is
        confident.

        A phrase naming several places ("Rustav Oblast in Aksaysk District in the village of Rassvet", "Urgup,
        Nevsehir") is read as one place and what contains it. context: other place names the report gives, which
        support candidates in the same province.
        """
        if not text or not names.normalise(text):
            raise ValueError("A place name is needed: the text is empty after normalisation.")
        segments = []
        for segment in SEGMENT_BREAKS.split(text):
            named, implied_kind = split_generic(names.normalise(segment).split())
            if named:
                segments.append(segment)
            else:  # "Rassvet, village": a part that only says what kind of place the rest is
                kind_hint = kind_hint or implied_kind
        country_hint = country_hint.upper() if country_hint else None
        if len(segments) > 1:
            hits = self._resolve_compound(segments, country_hint, kind_hint)
        else:
            hits = self._score(segments[0] if segments else text, country_hint, kind_hint)
        if context:
            self._support_from_context(hits, context, country_hint)
        ranked = sorted(hits.values(), key=lambda hit: (-hit.score, hit.place.id))
        ranked = [hit for hit in ranked if hit.score >= MIN_SCORE][:max(limit, 10)]
        return [self._candidate(hit, i == 0 and self._sure(hit, ranked, country_hint))
                for i, hit in enumerate(ranked[:limit])]

    # ---- scoring -------------------------------------------------------------------------------------------

    def _sure(self, best, ranked, country_hint):
        place = best.place
        if best.score < CONFIDENT or (country_hint and place.country_code != country_hint):
            return False
        prominent = (place.kind in (PlaceKind.COUNTRY, PlaceKind.REGION, PlaceKind.DISTRICT, PlaceKind.FACILITY)
                     or place.population >= PROMINENT)
        # Another part of the same phrase (Nevşehir in "Urgup, Nevsehir") is no rival, nor is a namesake a tenth
        # the size of a prominent place (Donetsk, Rostov Oblast beside Donetsk, Ukraine); any namesake of a village is.
        runner_up = next((hit for hit in ranked[1:] if not self._related(hit.place, place)
                          and not self._supports(hit.place, place)
                          and not (prominent and hit.place.population * _RIVAL_SIZE < place.population)), None)
        if runner_up is not None and best.score - runner_up.score < _AMBIGUOUS_WITHIN:
            return False
        return best.supported or (prominent and (not best.fuzzy or place.kind in _FEW_AND_DISTINCT))

    def _related(self, a, b):
        """Two readings of one place: one contains the other (Deir ez-Zor the city and its governorate are not)."""
        return self.contains(a.id, b.id) or self.contains(b.id, a.id)

    def _supports(self, outer, inner):
        """How much naming outer beside inner bears inner out: fully when outer contains it, less when they share a
        province (more when outer is the larger, as a town named beside its village is)."""
        if outer.id == inner.id:
            return 0.0
        if self.contains(outer.id, inner.id):
            return 1.0
        if not outer.admin1 or outer.admin1 != inner.admin1 or outer.kind == PlaceKind.COUNTRY:
            return 0.0
        return 0.9 if outer.kind in (PlaceKind.REGION, PlaceKind.DISTRICT) or outer.population > inner.population \
            else 0.85

    def _contains_either(self, a, b):
        return a.id != b.id and self._related(a, b)

    def _resolve_compound(self, segments, country_hint, kind_hint):
        # A part naming no known place ("born" in "born in Nevsehir province") neither supports nor contradicts.
        per_segment = [found for found in (self._score(s, country_hint, None) for s in segments)
                       if found and max(hit.score for hit in found.values()) >= CONFIDENT]
        combined = {}
        for own, found in enumerate(per_segment):
            for place_id, hit in found.items():
                support = [max((other.score * self._supports(other.place, hit.place) for other in others.values()),
                               default=0.0)
                           for i, others in enumerate(per_segment) if i != own]
                agreed = (hit.score + sum(support)) / (1 + len(support))
                depth = _KIND_DEPTH.get(hit.place.kind, 4) * 0.001  # the most specific of equals
                kind_adjust = 0.0 if not kind_hint else (
                    _KIND_AGREES if _kind_agrees(hit.place.kind, kind_hint) else _KIND_DIFFERS)
                total = agreed + depth + kind_adjust
                if total > (combined[place_id].score if place_id in combined else 0.0):
                    combined[place_id] = _Hit(hit.place, total, hit.alias, hit.fuzzy,
                                              hit.supported or all(s > 0 for s in support))
        return combined

    def _support_from_context(self, hits, context, country_hint):
        """Other places the report names lift candidates that lie in or contain them, or share a province with them
        and lie within _NEAR_KM: a report names a village beside a town near it, and provinces hold namesakes."""
        named = []
        for text in context:
            if text and names.normalise(text):
                found = self.resolve(text, country_hint, limit=1)
                if found and found[0].confident:
                    named.append(_entry(found[0].place_id))
        for hit in hits.values():
            if any(self._contains_either(other, hit.place) or (self._supports(other, hit.place)
                                                               and _km(other, hit.place) <= _NEAR_KM)
                   for other in named if other):
                hit.score += _SUPPORTED
                hit.supported = True

    def _score(self, text, country_hint, kind_hint):
        """{place id: _Hit} for one name."""
        words = names.normalise(text).split()
        named, implied_kind = split_generic(words)
        kind_hint = kind_hint or implied_kind
        named = named or words
        loose, without_article = query_keys(named)
        found = {}  # place id -> (score, alias, fuzzy)

        def keep(place_id, score, alias, fuzzy=False):
            if score > found.get(place_id, (0.0,))[0]:
                found[place_id] = (score, alias, fuzzy)

        exact = {" ".join(words): 1.0, " ".join(named): MATCH_SCORES["g"]}
        query = {key: LOOSE for key in loose} | {key: LOOSE_WITHOUT_ARTICLE for key in without_article} | exact
        rows = GazetteerName.objects.filter(key__in=list(query)).values_list("entry_id", "alias", "key", "match")
        for place_id, alias, key, match in rows:
            exact_query = key in exact and match in "eg"
            if exact_query or match in "la":
                keep(place_id, min(query[key], MATCH_SCORES[match]) if not exact_query
                     else exact[key] * MATCH_SCORES[match], alias)
        if not any(score >= LOOSE_WITHOUT_ARTICLE for score, _, _ in found.values()):
            for place_id, alias, score in _fuzzy(loose):
                keep(place_id, score, alias, fuzzy=True)
        places = _entries(found)
        return {place_id: _Hit(places[place_id], _adjust(places[place_id], score, country_hint, kind_hint),
                               alias, fuzzy)
                for place_id, (score, alias, fuzzy) in found.items() if place_id in places}

    def _candidate(self, hit, confident):
        place = hit.place
        lineage = self.lineage(place.id)[1:]
        admin1 = next((p.name for p in lineage if p.kind == PlaceKind.REGION), "")
        return PlaceCandidate(
            place.id, place.name, place.kind, place.country_code, place.subdivision_code,
            place.latitude, place.longitude, tuple(p.name for p in lineage),
            round(min(1.0, max(0.0, hit.score)), 3), hit.alias, confident, admin1,
        )


def _kind_agrees(kind, hint):
    return kind == hint or {kind, hint} <= _SETTLEMENTS


def _adjust(place, score, country_hint, kind_hint):
    if kind_hint:
        score += _KIND_AGREES if _kind_agrees(place.kind, kind_hint) else _KIND_DIFFERS
    else:
        score += _KIND_PRIOR.get(place.kind, 0.0)
    if country_hint:
        score += _COUNTRY_AGREES if place.country_code == country_hint else _COUNTRY_DIFFERS
    score += _POPULATION_PRIOR * min(1.0, math.log10(place.population + 1) / 8)
    return score  # may pass 1 so that the priors still order exact matches; shown clipped


def _km(a, b):
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def _fuzzy(query_keys_):
    """(place id, alias, score) for names spelt like the query: pg_trgm's index on PostgreSQL, key prefix and
    consonant skeleton elsewhere; then scored alike on both, with agreeing consonants counting extra."""
    similar = {}
    for key in query_keys_:
        skeleton = names.consonant_skeleton(key)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT key FROM (SELECT DISTINCT key FROM catalog_gazetteername WHERE match IN ('l', 'a') "
                    "AND key %% %s) AS near ORDER BY similarity(key, %s) DESC LIMIT 300", [key, key])
                near = [row[0] for row in cursor.fetchall()]
        else:
            near = list(GazetteerName.objects.filter(match__in="la", key__startswith=key[:3])
                        .values_list("key", flat=True).distinct()[:2000])
        near += list(GazetteerName.objects.filter(match__in="la", skeleton=skeleton)
                     .values_list("key", flat=True).distinct()[:200]) if len(skeleton) >= 3 else []
        for match in set(near):
            ratio = fuzz.ratio(key, match)
            consonants = fuzz.ratio(skeleton, names.consonant_skeleton(match))
            score = max(ratio, (1 - _CONSONANT_WEIGHT) * ratio + _CONSONANT_WEIGHT * consonants)
            if score >= _FUZZY_CUTOFF:
                similar[match] = max(similar.get(match, 0), score)
    if not similar:
        return []
    best = sorted(similar.items(), key=lambda item: -item[1])[:40]
    scores = dict(best)
    rows = GazetteerName.objects.filter(match__in="la", key__in=list(scores)).values_list("entry_id", "alias", "key")
    return [(place_id, alias, _FUZZY * scores[key] / 100) for place_id, alias, key in rows]


_shared = Gazetteer()


def get_gazetteer():
    """The gazetteer: a thin reader of the table, cheap to get."""
    return _shared


def resolve(text, country_hint=None, kind_hint=None, limit=5, context=()):
    return _shared.resolve(text, country_hint, kind_hint, limit, context)
