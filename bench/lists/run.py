"""List latency through gunicorn at catalogue scale, against the same server's `/me/` floor.

    .venv/bin/python bench/lists/seed.py --items 100000      # or 1000000 (2M sightings)
    .venv/bin/python bench/lists/run.py [--requests 200]

The database is DATABASE_URL's (bench_lists by default, bench/lists/settings.py), so that seeded sizes can be kept
side by side: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_lists_100k .venv/bin/python bench/lists/run.py`.

Starts gunicorn (1 sync worker) on the seeded database and measures, one request at a time over a keep-alive
connection, interleaved (each round visits every endpoint once, in a shuffled order), as an analyst (token) and as a partner cleared for TLP:GREEN (API key): the floor
(GET /api/v1/me/); the first page of media items (offset, with its capped count); the first page by cursor; a page
90% deep through the cursor (900,000 rows at 1M items); a filtered list (?tlp=green); an ordered list
(?ordering=-first_seen_at); items seen on a channel (?channel=); the first pages of sightings and claims; a detail
(with its timeline, claims and files); and free-text search in the item list (?q=, first page by cursor; the
analyst's also reads the text on frames): a word that begins the numbers of some rows ("12": 1.1% of the items)
and a rarer one ("54321": 1 item at 100k, 11 at 1M).

Why shuffled: the worker's garbage collector frees the framework's reference cycles (a DRF serializer and its
fields, a request and its view) in a pass of a few milliseconds about once per round of these requests. In a fixed
order that pass fell on the same endpoint every round and moved that endpoint's p50 alone by its whole length
(?tlp=green for partners: 3.3x the floor in a fixed order, 2.4x with the collector off and the other pages
unchanged). Shuffled, each request is as likely as another to meet it, as in real traffic: it shows in the p95.

Writes results-<items>.txt beside this file. Goal (issue 15): every list p50 at most 3 x the floor at 1M items and
2M sightings, and within 1.2 x of its own figure at 100k (compared when both files are present); the detail, which
is not a list, at most 5 x the floor.
"""

import argparse
import http.client
import json
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.lists.settings"

from bench.serving import Client, free_port, percentile, start_gunicorn  # noqa: E402

GOAL_TO_FLOOR, GOAL_TO_SMALL = 3.0, 1.2
GOAL_TO_FLOOR_BY_ENDPOINT = {"detail": 5.0}  # the item with its timeline, claims and files
# Words of the seeded titles ("Bench item <n>") and frames' lines ("Caption of item <n>"), by their starts.
SOME_ROWS, RARE_WORD = "12", "54321"


def credentials():
    from rest_framework.authtoken.models import Token

    from catalog.models import Partner
    from catalog.services import partners
    from tests.factories import AnalystFactory

    analyst = AnalystFactory(username=f"bench-{time.time_ns()}")
    partner, _ = Partner.objects.get_or_create(name="Bench partner", defaults={"max_tlp": "green"})
    return {
        "analyst": {"Authorization": f"Token {Token.objects.create(user=analyst).key}"},
        "partner": {"Authorization": f"Api-Key {partners.issue_key(partner)[1]}"},
    }


def deep_cursor(role, share):
    """The cursor of the row `share` of the way down the caller's default list (computed here, once)."""
    from catalog.models import MediaItem, Partner
    from catalog.policies import access
    from provenance.api.pagination import Keyset

    caller = access.Caller.for_partner(Partner.objects.get(name="Bench partner")) if role == "partner" else None
    items = MediaItem.objects.all() if caller is None else access.visible(caller, MediaItem.objects.all())
    keyset = Keyset(items)
    total = items.count()
    row = keyset.order(items).only("pk", "created_at")[int(total * share)]
    return keyset.encode(keyset.position_of(row)), int(total * share)


def paths(role, rng):
    from catalog.models import Channel, MediaItem

    cursor, depth = deep_cursor(role, 0.9)
    channel = Channel.objects.order_by("pk").values_list("pk", flat=True)[17]
    visible = MediaItem.objects.filter(tlp__in=["clear", "green"]).values_list("pk", flat=True)
    count = visible.count()  # above 40,000 from 100k items; a small trial database wraps round
    details = [visible[rng.randrange(0, 1000) * 40 % count] for _ in range(50)]
    return depth, {
        "first page (offset, count)": ["/api/v1/media-items/"],
        "first page (cursor)": ["/api/v1/media-items/?cursor="],
        "deep page (cursor)": [f"/api/v1/media-items/?cursor={cursor}"],
        "filtered ?tlp=green": ["/api/v1/media-items/?tlp=green&cursor="],
        "ordered -first_seen_at": ["/api/v1/media-items/?ordering=-first_seen_at&cursor="],
        "?channel=": [f"/api/v1/media-items/?channel={channel}&cursor="],
        "sightings, first page": ["/api/v1/sightings/?cursor="],
        "claims, first page": ["/api/v1/claims/?cursor="],
        "detail": [f"/api/v1/media-items/{pk}/" for pk in details],
        "search ?q= (some rows)": [f"/api/v1/media-items/?q={SOME_ROWS}&cursor="],
        "search ?q= (rare word)": [f"/api/v1/media-items/?q={RARE_WORD}&cursor="],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    arguments = parser.parse_args()
    rng = random.Random(2017)
    import django

    django.setup()
    from catalog.models import MediaItem, Sighting

    items, sightings = MediaItem.objects.count(), Sighting.objects.count()
    keys = credentials()
    plans = {role: paths(role, rng) for role in keys}
    port = free_port()

    def ready():
        probe = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        probe.request("GET", "/api/v1/me/")
        return probe.getresponse().getheader("WWW-Authenticate") == "Api-Key"

    server = start_gunicorn("bench.lists.settings", port, 1, ready)
    results = {}
    try:
        for role, headers in keys.items():
            client = Client(headers, port)
            depth, endpoints = plans[role]
            for _ in range(10):
                client.get("/api/v1/me/")
                for urls in endpoints.values():
                    client.get(urls[0])
            rounds = {"floor: GET /me/": ["/api/v1/me/"]} | endpoints
            timings = {name: [] for name in rounds}
            order = list(rounds)
            for n in range(arguments.requests):
                rng.shuffle(order)  # a periodic pause must not land on one endpoint every round (see the docstring)
                for name in order:
                    urls = rounds[name]
                    elapsed, body = client.get(urls[n % len(urls)])
                    timings[name].append(elapsed)
            results[role] = {"depth": depth, "timings": timings}
    finally:
        server.terminate()
        server.wait()
    report(items, sightings, results, arguments.requests)


def report(items, sightings, results, requests):
    lines = [
        f"bench/lists: {items:,} items, {sightings:,} sightings; {requests} requests per endpoint, one at a time, "
        "gunicorn 1 sync worker, PostgreSQL on the same machine (2 shared cores, nice 19)",
    ]
    smaller = load_small(items)
    figures = {}
    met = True
    for role, result in results.items():
        timings = result["timings"]
        floor = percentile(timings["floor: GET /me/"], 0.5)
        lines += ["", f"as {role} (deep page: row {result['depth']:,} of the caller's list)",
                  f"{'endpoint':34} {'p50 ms':>8} {'p95 ms':>8} {'p50/floor':>10} {'vs 100k':>8}  goal"]
        for name, values in timings.items():
            p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
            ratio = p50 / floor
            figures[f"{role}:{name}"] = ratio
            before = smaller.get(f"{role}:{name}") if smaller else None
            growth = ratio / before if before else None
            verdict = ""
            if name != "floor: GET /me/":
                goal = GOAL_TO_FLOOR_BY_ENDPOINT.get(name, GOAL_TO_FLOOR)
                ok = ratio <= goal and (growth is None or growth <= GOAL_TO_SMALL)
                met &= ok
                verdict = "met" if ok else "NOT met"
            lines.append(f"{name:34} {p50 * 1000:8.2f} {p95 * 1000:8.2f} {ratio:9.2f}x "
                         f"{(f'{growth:.2f}x' if growth else '-'):>8}  {verdict}")
    lines += ["", f"goal (every list p50 <= {GOAL_TO_FLOOR}x the floor, the detail <= {GOAL_TO_FLOOR_BY_ENDPOINT['detail']}x"
              + (f", within {GOAL_TO_SMALL}x of its figure at 100k" if smaller else "") + "): "
              + ("MET" if met else "NOT MET")]
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / f"results-{items}.txt").write_text(text)
    (HERE / f"figures-{items}.json").write_text(json.dumps(figures, indent=1))


def load_small(items):
    small = HERE / "figures-100000.json"
    if items <= 100_000 or not small.exists():
        return None
    return json.loads(small.read_text())


if __name__ == "__main__":
    main()
