"""Which catalogued person an asserted identity may be, ranked with the reasons; and contradictions among assertions.

Plain data in and out: the caller turns Person rows and IdentityAssertion rows into PersonRecord and
AssertedIdentity, and an analyst confirms a candidate. Nothing here is decided automatically.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from rapidfuzz import fuzz

from . import names
from .gazetteer import get_gazetteer

# How much each kind of evidence counts; missing evidence counts as neither for nor against (NEUTRAL).
NAME_WEIGHT, YEAR_WEIGHT, PLACE_WEIGHT = 0.7, 0.2, 0.1
NEUTRAL = 0.5
CONFIDENT = 0.8  # a candidate at or above this is worth an analyst's confirmation
MIN_NAME_SIMILARITY = 0.6  # below this a person is not a candidate at all, whatever else agrees
_UNMATCHED_WORD_WEIGHT = 0.5  # an extra word (a patronymic, a second given name) counts half against a match
_PATRONYMIC_WEIGHT = 0.2  # a patronymic (Ivanovich) is often left out, so its absence hardly counts
_PATRONYMIC = re.compile(r"(?:ov|ev)(?:ic|ih|na)$|i(?:c|h)$")  # loose forms of -ovich, -evna, Ilyich
_INITIAL_SIMILARITY = 0.85  # "R." for "Roman"
_SAME_CONSONANTS = 0.92  # words that differ only in vowels: Yusuf / Youssef, Muhammad / Mohammed, Omar / Umar
_SAME_TEXT = 90  # two birthplaces that cannot be placed agree when their wording is this close (0-100)


@dataclass(frozen=True)
class AssertedIdentity:
    name: str
    birth_year: int | None = None
    birthplace: str | None = None
    affiliation: str | None = None
    source: str = ""  # where it was stated, for messages: "Amaq video, 02:14"


@dataclass(frozen=True)
class PersonRecord:
    id: object
    canonical_name: str
    name_variants: tuple[str, ...] = ()
    birth_year: int | None = None
    birthplace: str | None = None


@dataclass(frozen=True)
class Candidate:
    person_id: object
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Finding:
    kind: str  # "birth_year", "birthplace" or "affiliation"
    message: str
    values: tuple[str, ...]


# ---- names ---------------------------------------------------------------------------------------------------


def _word_similarity(a, b):
    if len(a) == 1 or len(b) == 1:  # an initial
        return _INITIAL_SIMILARITY if a[0] == b[0] else 0.0
    similarity = fuzz.ratio(a, b) / 100
    skeleton = names.consonant_skeleton(a)
    if len(skeleton) >= 2 and skeleton == names.consonant_skeleton(b):
        similarity = max(similarity, _SAME_CONSONANTS)
    return similarity


def _aligned(words_a, words_b):
    """Similarity of two names word by word, in whatever order: each word meets its best partner once."""
    pairs = sorted(((_word_similarity(a, b), i, j) for i, a in enumerate(words_a) for j, b in enumerate(words_b)),
                   reverse=True)
    used_a, used_b, matched, weight = set(), set(), 0.0, 0.0
    for similarity, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        length = len(words_a[i]) + len(words_b[j])
        matched += similarity * length
        weight += length
    unmatched = [w for i, w in enumerate(words_a) if i not in used_a]
    unmatched += [w for j, w in enumerate(words_b) if j not in used_b]
    missing = sum(len(w) * (_PATRONYMIC_WEIGHT if _PATRONYMIC.search(w) else _UNMATCHED_WORD_WEIGHT)
                  for w in unmatched)
    return matched / (weight + missing) if weight else 0.0


@lru_cache(maxsize=100_000)
def name_similarity(a, b):
    """0–1: how alike two names are across scripts, transliteration systems and word order."""
    return max(_aligned(ka.split(), kb.split()) for ka in names.latin_keys(a) for kb in names.latin_keys(b))


# ---- birth year and birthplace ---------------------------------------------------------------------------------


def _year_evidence(stated, recorded):
    if stated is None or recorded is None:
        return NEUTRAL, None
    if stated == recorded:
        return 1.0, f"birth year {stated} matches"
    if abs(stated - recorded) == 1:
        return 0.7, f"birth year {stated} is one year from the recorded {recorded} (ages are often rounded)"
    return 0.0, f"birth year {stated} contradicts the recorded {recorded}"


@lru_cache(maxsize=10_000)
def place_of(text):
    """The gazetteer's confident reading of a place name, or None."""
    return get_gazetteer().best(text) if text and names.normalise(text) else None


def compare_places(a, b):
    """('same' | 'within' | 'contains' | 'differs' | 'alike' | 'unknown', readable detail) for two place names."""
    place_a, place_b = place_of(a), place_of(b)
    if place_a and place_b:
        gazetteer = get_gazetteer()
        if place_a.place_id == place_b.place_id:
            return "same", f"both are {place_a.name}"
        if gazetteer.contains(place_b.place_id, place_a.place_id):
            return "within", f"{place_a.name} lies in {place_b.name}"
        if gazetteer.contains(place_a.place_id, place_b.place_id):
            return "contains", f"{place_a.name} contains {place_b.name}"
        return "differs", f"{place_a.name} ({place_a.country_code}) is not {place_b.name} ({place_b.country_code})"
    if fuzz.token_set_ratio(names.normalise(a), names.normalise(b)) >= _SAME_TEXT:
        return "alike", "worded alike, though not found in the gazetteer"
    return "unknown", "one of them is not in the gazetteer, so they cannot be compared"


def _place_evidence(stated, recorded):
    if not stated or not recorded:
        return NEUTRAL, None
    relation, detail = compare_places(stated, recorded)
    evidence = {"same": 1.0, "within": 1.0, "contains": 0.9, "alike": 0.8, "unknown": NEUTRAL, "differs": 0.0}
    verb = {"differs": "contradicts", "unknown": "cannot be compared with"}.get(relation, "agrees with")
    return evidence[relation], f"birthplace {stated!r} {verb} the recorded {recorded!r}: {detail}"


# ---- ranking ---------------------------------------------------------------------------------------------------


def rank_candidates(assertion, persons, limit=10):
    """The persons the asserted identity may be, best first, each with a 0–1 score and the reasons for it."""
    if not assertion.name or not names.normalise(assertion.name):
        raise ValueError("An asserted identity needs a name: the name is empty.")
    candidates = []
    for person in persons:
        # A spelling of punctuation or symbols alone has no name to compare ("?", "-"): it matches nothing.
        spellings = [s for s in (person.canonical_name, *person.name_variants) if s and names.normalise(s)]
        if not spellings:
            continue
        similarity, spelling = max((name_similarity(assertion.name, s), s) for s in spellings)
        if similarity < MIN_NAME_SIMILARITY:
            continue
        year, year_reason = _year_evidence(assertion.birth_year, person.birth_year)
        place, place_reason = _place_evidence(assertion.birthplace, person.birthplace)
        score = NAME_WEIGHT * similarity + YEAR_WEIGHT * year + PLACE_WEIGHT * place
        reasons = [f"name {assertion.name!r} is like {spelling!r} (similarity {similarity:.2f}, word order ignored)"]
        reasons += [r for r in (year_reason, place_reason) if r]
        candidates.append(Candidate(person.id, round(score, 3), reasons))
    candidates.sort(key=lambda c: -c.score)
    return candidates[:limit]


# ---- contradictions --------------------------------------------------------------------------------------------


def _label(assertion, position):
    return assertion.source or f"assertion {position}"


def find_contradictions(assertions):
    """Findings where assertions linked to one person disagree: birth year, birthplace or affiliation."""
    stated = [(a, _label(a, i)) for i, a in enumerate(assertions, start=1)]
    findings = []

    years = {}
    for assertion, label in stated:
        if assertion.birth_year is not None:
            years.setdefault(assertion.birth_year, []).append(label)
    if len(years) > 1:
        listed = "; ".join(f"{year} ({', '.join(labels)})" for year, labels in sorted(years.items()))
        spread = max(years) - min(years)
        note = " They differ by one year, which a rounded age can explain." if spread == 1 else ""
        findings.append(Finding("birth_year", f"Different birth years are stated for this person: {listed}.{note}",
                                tuple(str(y) for y in sorted(years))))

    places = [(a.birthplace, label) for a, label in stated if a.birthplace and names.normalise(a.birthplace)]
    clashes = []
    for (a, label_a), (b, label_b) in combinations(places, 2):
        relation, detail = compare_places(a, b)
        if relation in ("differs", "unknown"):
            clashes.append(f"{a!r} ({label_a}) and {b!r} ({label_b}): {detail}")
    if clashes:
        findings.append(Finding("birthplace", "Different birthplaces are stated for this person: "
                                + "; ".join(clashes) + ".", tuple(dict.fromkeys(p for p, _ in places))))

    affiliations = [(a.affiliation, label) for a, label in stated if a.affiliation and names.normalise(a.affiliation)]
    clashes = [f"{a!r} ({label_a}) and {b!r} ({label_b})"
               for (a, label_a), (b, label_b) in combinations(affiliations, 2)
               if fuzz.token_set_ratio(names.normalise(a), names.normalise(b)) < _SAME_TEXT]
    if clashes:
        findings.append(Finding("affiliation", "Conflicting affiliations are stated for this person: "
                                + "; ".join(clashes) + ".", tuple(dict.fromkeys(a for a, _ in affiliations))))
    return findings
