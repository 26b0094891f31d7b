"""Partner lookup latency through gunicorn, against the same server's cheapest authenticated endpoint.

    .venv/bin/python bench/partner_lookup/run.py [--requests 1000]

Loads (once) 100,000 media items, each with a stored file, and 1,000,000 robust PDQ frame hashes (10 a file)
into its own PostgreSQL database (bench_partner_lookup, bulk_create), starts gunicorn (2 sync workers) and
measures, one request at a time over keep-alive connections, interleaved:

* floor: GET /api/v1/me/ (authentication, permission, throttle, a tiny body);
* GET /api/v1/lookup/?sha256=… of a random stored file;
* GET /api/v1/lookup/?pdq=…&max_distance=31 of a random stored frame hash.

Prints p50/p95 side by side and the ratio to the floor, and writes results.txt beside this file.
Target: a lookup at most 1.5 × the floor.
"""

import argparse
import http.client
import os
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.partner_lookup.settings"

from bench.serving import Client, ensure_database, free_port, percentile, start_gunicorn  # noqa: E402

ITEMS = 100_000
HASHES_PER_FILE = 10
BATCH = 10_000


def load(rng):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from catalog.choices import TLP
    from catalog.models import ItemFile, MediaItem
    from provenance.choices import HashAlgorithm
    from provenance.models import FrameHash, MediaFile

    if MediaItem.objects.count() >= ITEMS:
        return
    started = time.monotonic()
    tlps = list(TLP.values)
    for start in range(0, ITEMS, BATCH):
        count = min(BATCH, ITEMS - start)
        items = MediaItem.objects.bulk_create(
            MediaItem(kind="video", title=f"Bench item {start + n}", tlp=tlps[(start + n) % len(tlps)])
            for n in range(count)
        )
        files = MediaFile.objects.bulk_create(
            MediaFile(sha256=rng.randbytes(32).hex(), md5=rng.randbytes(16).hex(), size=1000 + n, file=f"bench/{start + n}")
            for n in range(count)
        )
        ItemFile.objects.bulk_create(ItemFile(media_item=item, media_file=file) for item, file in zip(items, files))
        FrameHash.objects.bulk_create(
            FrameHash(media_file=file, algorithm=HashAlgorithm.ROBUST_PDQ, frame_number=frame, hash=rng.randbytes(32).hex(),
                      quality=100)
            for file in files for frame in range(HASHES_PER_FILE)
        )
        print(f"  loaded {start + count} items", file=sys.stderr)
    print(f"loaded in {time.monotonic() - started:.0f} s", file=sys.stderr)


def partner_key():
    from catalog.models import Partner
    from catalog.services import partners

    partner, _ = Partner.objects.get_or_create(name="Bench partner", defaults={"max_tlp": "amber"})
    return partners.issue_key(partner)[1]


def samples(rng, count):
    from catalog.models import ItemFile
    from provenance.models import FrameHash

    visible = list(
        ItemFile.objects.filter(media_item__tlp__in=["clear", "green", "amber"]).order_by("?")
        .values_list("media_file__sha256", "media_file_id")[:count]
    )
    hashes = dict(FrameHash.objects.filter(media_file_id__in=[file_id for _, file_id in visible], frame_number=0)
                  .values_list("media_file_id", "hash"))
    return [sha for sha, _ in visible], [hashes[file_id] for _, file_id in visible]


def start_server(port):
    def ready():
        probe = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        probe.request("GET", "/api/v1/me/")
        return probe.getresponse().getheader("WWW-Authenticate") == "Api-Key"  # this server, not another

    return start_gunicorn("bench.partner_lookup.settings", port, 2, ready)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1000)
    arguments = parser.parse_args()
    rng = random.Random(2017)
    ensure_database("bench_partner_lookup")
    import django

    django.setup()
    load(rng)
    key = partner_key()
    sha256s, pdqs = samples(rng, arguments.requests)
    port = free_port()
    server = start_server(port)
    try:
        headers = {"Authorization": f"Api-Key {key}"}
        client = Client(headers, port, timeout=60)
        for _ in range(20):  # both workers: connections, the PDQ index built from the database
            client.get("/api/v1/me/")
            Client(headers, port, timeout=60).get(f"/api/v1/lookup/?pdq={pdqs[0]}&max_distance=31")
        timings = {"floor: GET /me/": [], "lookup ?sha256=": [], "lookup ?pdq= (31)": []}
        found = 0
        for n in range(arguments.requests):
            timings["floor: GET /me/"].append(client.get("/api/v1/me/")[0])
            elapsed, body = client.get(f"/api/v1/lookup/?sha256={sha256s[n % len(sha256s)]}")
            timings["lookup ?sha256="].append(elapsed)
            found += b'"count":1' in body
            timings["lookup ?pdq= (31)"].append(client.get(f"/api/v1/lookup/?pdq={pdqs[n % len(pdqs)]}&max_distance=31")[0])
    finally:
        server.terminate()
        server.wait(timeout=30)
    from provenance.models import FrameHash
    from catalog.models import MediaItem

    floor = statistics.median(timings["floor: GET /me/"])
    lines = [
        f"partner lookup bench: {MediaItem.objects.count():,} items, {FrameHash.objects.count():,} frame hashes, "
        f"PostgreSQL, gunicorn 2 sync workers, {arguments.requests} requests each, interleaved, one at a time",
        f"{'endpoint':<22}{'p50 ms':>10}{'p95 ms':>10}{'p50 / floor':>14}",
    ]
    for name, values in timings.items():
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        lines.append(f"{name:<22}{p50 * 1000:>10.2f}{p95 * 1000:>10.2f}{p50 / floor:>14.2f}")
    lines.append(f"sha256 lookups that found their item: {found} of {arguments.requests}")
    lines.append("target: a lookup's p50 at most 1.5 × the floor's")
    report = "\n".join(lines)
    print(report)
    (HERE / "results.txt").write_text(report + "\n")


if __name__ == "__main__":
    main()
