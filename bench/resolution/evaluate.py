"""Identity and place resolution on the frozen sets beside this file; places scored by the rules of the base
revision and by the current ones, side by side, in one run.

Run from the project root, with the environment of the database whose gazetteer table is loaded:
    DATABASE_URL=... .venv/bin/python bench/resolution/evaluate.py [--verbose]

Top-1 correct: the best-ranked candidate is the expected one. A case expecting no place is correct when no candidate
is confident. heldout_villages.csv: each village is deleted from the table (inside a transaction rolled back at the
end) before it is resolved with its country and a nearby town as context, so any confident answer is wrong.
sets.json says who wrote each set, when, and whether it was seen while writing rules.
"""

import csv
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from catalog.models import GazetteerEntry  # noqa: E402
from catalog.resolution import gazetteer, people  # noqa: E402

HERE = Path(__file__).parent
BASE = "821f7b31c0b28400fb095cc564171ccd65f5c21e"  # the branch's first commit: the rules before issue 12
HAND_ROWS = ("local:aksaysky-district", "local:rassvet-aksaysky", "local:shula-deir-ez-zor", "local:hmeymim-air-base")
IDENTITY_TARGET, CONFIDENT_WRONG_GOAL = 0.95, 0.05


def base_rules():
    """The base revision's gazetteer module, imported beside the current one (built in memory, as it was)."""
    folder = Path(tempfile.mkdtemp())
    (folder / "data").mkdir()
    for name in ("gazetteer.py", "data/admin1_iso3166.csv", "data/places.json", "data/subdivisions.json"):
        source = subprocess.run(["git", "show", f"{BASE}:catalog/resolution/{name}"], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout
        (folder / name).write_text(source, encoding="utf-8")
    path = folder / "gazetteer.py"
    spec = importlib.util.spec_from_file_location("catalog.resolution.base_gazetteer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Rules:
    def __init__(self, title, resolve, held_out=frozenset()):
        self.title, self._resolve, self.held_out = title, resolve, held_out

    def top(self, query, country=None, kind=None, context=()):
        """(best candidate, whether confident), leaving out held-out places the base rules cannot forget."""
        found = [c for c in self._resolve(query, country, kind, context) if c.place_id not in self.held_out]
        return (found[0], found[0].confident) if found else (None, False)


def rows(filename):
    with open(HERE / filename, encoding="utf-8") as data:
        return list(csv.DictReader(data))


def score_labelled(rules, cases, verbose):
    correct = sure = 0
    misses = []
    for case in cases:
        top, confident = rules.top(case["query"], case["country_hint"] or None, case["kind_hint"] or None)
        if case["expected"]:
            ok = top is not None and top.place_id == case["expected"]
            sure += ok and confident
        else:
            ok = not confident
            sure += ok
        correct += ok
        if not ok and verbose:
            misses.append(f"    {rules.title}: MISS {case['query']!r} expected {case['expected'] or 'none'}, got "
                          f"{f'{top.place_id} {top.name} ({top.score}, confident={confident})' if top else 'nothing'}")
    return correct, sure, misses


def score_negatives(rules, cases, with_context, verbose):
    wrong, misses = 0, []
    for case in cases:
        context = (case["context"],) if with_context and case["context"] else ()
        top, confident = rules.top(case["query"], case["country_hint"], None, context)
        if confident:
            wrong += 1
            if verbose:
                misses.append(f"    {rules.title}: {case['query']!r} ({case['country_hint']}, near "
                              f"{case['context']}) → {top.place_id} {top.name}, {top.country_code} ({top.score})")
    return wrong, misses


def places_table(verbose):
    started = time.perf_counter()
    old_module = base_rules()
    old_gazetteer = old_module.get_gazetteer()
    built = time.perf_counter() - started
    new = gazetteer.get_gazetteer()
    villages = rows("heldout_villages.csv")
    blind_villages = rows("heldout_villages_blind2.csv")
    held_out = frozenset(f"gn:{v['geonameid']}" for v in villages + blind_villages)

    def old_resolve(query, country, kind, context):
        return [_Confident(c, c.score >= old_module.CONFIDENT)
                for c in old_gazetteer.resolve(query, country, kind, limit=10)]

    def new_resolve(query, country, kind, context):
        return new.resolve(query, country, kind, limit=10, context=context)

    before, after = Rules("before", old_resolve, held_out), Rules("after", new_resolve)
    lines, details = [], []
    for filename in ("places.csv", "holdout_places.csv"):
        cases = rows(filename)
        honest = [c for c in cases if c["expected"] not in HAND_ROWS]
        for label, subset in ((filename, cases), (f"{filename} without the {len(cases) - len(honest)} "
                                                   "hand-row cases", honest)):
            cells = []
            for rules in (before, after):
                correct, sure, misses = score_labelled(rules, subset, verbose and subset is cases)
                cells.append(f"{correct}/{len(subset)} = {correct / len(subset):.1%} ({sure} confident)")
                details += misses
            lines.append((label, "top-1 correct", *cells))
    negatives = rows("real_negatives.csv")
    started = time.perf_counter()
    with transaction.atomic():
        GazetteerEntry.objects.filter(pk__in=held_out).delete()
        gazetteer._cached_entry.cache_clear()
        for label, cases in ((f"heldout_villages.csv ({len(villages)} held out)", villages),
                             (f"heldout_villages_blind2.csv ({len(blind_villages)} held out)", blind_villages),
                             (f"real_negatives.csv ({len(negatives)})", negatives)):
            for with_context in (False, True):
                cells = []
                for rules in (before, after):
                    if with_context and rules is before:
                        cells.append("n/a (no context)")
                        continue
                    wrong, misses = score_negatives(rules, cases, with_context, verbose)
                    cells.append(f"{wrong}/{len(cases)} = {wrong / len(cases):.1%}")
                    details += misses
                lines.append((label, "confident wrong, country" + (" + nearby town" if with_context else ""),
                              *cells))
        transaction.set_rollback(True)
    gazetteer._cached_entry.cache_clear()
    held_seconds = time.perf_counter() - started
    width = max(len(line[0]) for line in lines)
    print(f"Places: rules of {BASE[:7]} (before, built in memory in {built:.1f} s) and now (after, from the table "
          f"of {GazetteerEntry.objects.count()} places)")
    print(f"  {'set':<{width}}  {'measure':<40}  {'before':<28}  after")
    for set_name, measure, old, now in lines:
        print(f"  {set_name:<{width}}  {measure:<40}  {old:<28}  {now}")
    print(f"  (negatives resolved in {held_seconds:.0f} s; goal: at most {CONFIDENT_WRONG_GOAL:.0%} confident wrong)")
    if details:
        print("\n".join(details))


class _Confident:
    """A base-revision candidate with the confidence its rules gave (score at or above its CONFIDENT)."""

    def __init__(self, candidate, confident):
        self._candidate, self.confident = candidate, confident

    def __getattr__(self, name):
        return getattr(self._candidate, name)


def evaluate_identities(title, filename, verbose):
    roster = json.loads((HERE / "people.json").read_text(encoding="utf-8"))["persons"]
    data = json.loads((HERE / filename).read_text(encoding="utf-8"))
    persons = [people.PersonRecord(**p) for p in roster]
    correct, confident, misses = 0, 0, []
    for case in data["cases"]:
        assertion = people.AssertedIdentity(case["name"], case.get("birth_year"), case.get("birthplace"))
        ranked = people.rank_candidates(assertion, persons)
        top = ranked[0] if ranked else None
        sure = top is not None and top.score >= people.CONFIDENT
        ok = (top is not None and top.person_id == case["expected"]) if case["expected"] else not sure
        correct += ok
        confident += ok and (sure or not case["expected"])
        if not ok:
            misses.append(f"  MISS {case['name']!r} ({case.get('note', '')}): expected {case['expected'] or 'nobody'}"
                          f", got {f'{top.person_id} ({top.score})' if top else 'nobody'}")
    total = len(data["cases"])
    print(f"{title}: {correct}/{total} top-1 correct = {correct / total:.1%} (target {IDENTITY_TARGET:.0%}); "
          f"{confident} of them confident (score >= {people.CONFIDENT})")
    if misses:
        print("\n".join(misses))


if __name__ == "__main__":
    verbose = "--verbose" in sys.argv
    evaluate_identities("Identities", "people.json", verbose)
    evaluate_identities("Identities (held out)", "holdout_people.json", verbose)
    print()
    places_table(verbose)
