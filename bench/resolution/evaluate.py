"""Top-1 accuracy of identity resolution and place resolution on the labelled sets beside this file.

Run from the project root: .venv/bin/python bench/resolution/evaluate.py [--verbose]
Top-1 correct: the best-ranked candidate is the expected one. A case expecting nobody (or no place) is correct
when no candidate reaches the confident score. Also counted: how many correct top-1 answers were confident.
"""

import csv
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from catalog.resolution import gazetteer, people  # noqa: E402

HERE = Path(__file__).parent
IDENTITY_TARGET, PLACE_TARGET = 0.95, 0.90


def evaluate_places(title, filename, verbose, places, built):
    with open(HERE / filename, encoding="utf-8") as rows:
        cases = list(csv.DictReader(rows))
    correct, confident, misses, timings = 0, 0, [], []
    for case in cases:
        started = time.perf_counter()
        found = places.resolve(case["query"], case["country_hint"] or None, case["kind_hint"] or None)
        timings.append(time.perf_counter() - started)
        top = found[0] if found else None
        if case["expected"]:
            ok = top is not None and top.place_id == case["expected"]
            confident += ok and top.confident
        else:
            ok = top is None or not top.confident
            confident += ok
        correct += ok
        if not ok or (verbose and not (top and top.confident) and case["expected"]):
            misses.append(f"  {'' if ok else 'MISS '}{case['query']!r}: expected {case['expected'] or 'none'}, got "
                          f"{f'{top.place_id} {top.name} ({top.score})' if top else 'nothing'}")
    timings.sort()
    print(f"{title}: {correct}/{len(cases)} top-1 correct = {correct / len(cases):.1%} (target {PLACE_TARGET:.0%}); "
          f"{confident} of them confident (score >= {gazetteer.CONFIDENT})")
    print(f"  gazetteer built in {built:.1f} s with {len(places.places)} places; "
          f"lookup median {timings[len(timings) // 2] * 1000:.2f} ms, max {timings[-1] * 1000:.1f} ms")
    if verbose or misses:
        print("\n".join(misses))
    return correct / len(cases)


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
        if not ok or (verbose and not sure and case["expected"]):
            misses.append(f"  {'' if ok else 'MISS '}{case['name']!r} ({case.get('note', '')}): expected {case['expected'] or 'nobody'}, got "
                          f"{f'{top.person_id} ({top.score}) ' + '; '.join(top.reasons) if top else 'nobody'}")
    total = len(data["cases"])
    print(f"{title}: {correct}/{total} top-1 correct = {correct / total:.1%} (target {IDENTITY_TARGET:.0%}); "
          f"{confident} of them confident (score >= {people.CONFIDENT})")
    if verbose or misses:
        print("\n".join(misses))
    return correct / total


if __name__ == "__main__":
    verbose = "--verbose" in sys.argv
    started = time.perf_counter()
    built_gazetteer = gazetteer.get_gazetteer()
    build_seconds = time.perf_counter() - started
    identities = evaluate_identities("Identities", "people.json", verbose)
    places = evaluate_places("Places", "places.csv", verbose, built_gazetteer, build_seconds)
    print(f"\nIdentities {'meet' if identities >= IDENTITY_TARGET else 'MISS'} the target; "
          f"places {'meet' if places >= PLACE_TARGET else 'MISS'} the target.\n")
    print("Held-out sets, written after tuning and not tuned against:")
    evaluate_identities("Identities (held out)", "holdout_people.json", verbose)
    evaluate_places("Places (held out)", "holdout_places.csv", verbose, built_gazetteer, build_seconds)
