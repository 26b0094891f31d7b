"""Throughput and latency of the media-item list, detail and lookup endpoints through gunicorn, with wrk.

    apt-get install wrk             # the load generator (Debian package); nothing else to install
    .venv/bin/python bench/load/run.py [--seconds 20] [--connections 8]

Loads (once) 100,000 media items, a tenth of them with a producer, into its own PostgreSQL database (bench_load,
bulk_create), creates an analyst with a REST framework token, starts gunicorn (2 sync workers, as many as this
machine has cores) on 127.0.0.1, and runs wrk against:

* GET /api/v1/media-items/?limit=50                  the first page (with its COUNT over every item)
* GET /api/v1/media-items/?limit=50&offset=N          pages at random depths
* GET /api/v1/media-items/<id>/                       random items, detail with its nested claims and files
* GET /api/v1/lookup/?sha256=…                        exact lookups of stored files (10,000 linked to items)
  and of hashes the catalogue does not hold

Prints requests a second and p50/p95/p99 latency for each, and writes results.txt beside this file. wrk runs on
the same two cores as gunicorn and PostgreSQL, so the figures are a floor, not a capacity plan.

Why wrk: it is a Debian package, keeps many connections busy from one thread with little CPU of its own, and
reports latency percentiles from its own histogram. locust is a heavy Python dependency, and a Python client on
these two cores would take CPU from the server it measures.
"""

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.load.settings"

from bench.serving import ensure_database, free_port, start_gunicorn  # noqa: E402

ITEMS = 100_000
FILES = 10_000
BATCH = 10_000
WORKERS = 2


def load(rng):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from catalog.choices import TLP, MediaKind, OrganizationKind
    from catalog.models import MediaItem, Organization

    have = MediaItem.objects.count()
    if have >= ITEMS:
        return
    started = time.monotonic()
    producers = Organization.objects.bulk_create(
        Organization(name=f"Bench producer {n}", kind=OrganizationKind.ARMED_GROUP_MEDIA) for n in range(100)
    )
    kinds, tlps = list(MediaKind.values), list(TLP.values)
    for start in range(have, ITEMS, BATCH):
        MediaItem.objects.bulk_create(
            MediaItem(
                kind=kinds[n % len(kinds)],
                title=f"Bench item {n}: statement of captured soldiers, release {rng.randrange(10**6)}",
                description="Synthetic item for the load bench. " * 4,
                languages=["ar", "ru"] if n % 3 == 0 else ["en"],
                producer=producers[n % len(producers)] if n % 10 == 0 else None,
                tlp=tlps[n % len(tlps)],
            )
            for n in range(start, min(start + BATCH, ITEMS))
        )
    print(f"loaded {ITEMS - have:,} items in {time.monotonic() - started:.0f} s", file=sys.stderr)


def load_files():
    """Evidence rows for lookups; lookups read only the database, so no bytes are stored."""
    import hashlib

    from catalog.models import ItemFile, MediaItem
    from provenance.models import MediaFile
    from provenance.models.files import content_address

    if MediaFile.objects.count() >= FILES:
        return
    digests = [hashlib.sha256(f"bench file {n}".encode()).hexdigest() for n in range(FILES)]
    files = MediaFile.objects.bulk_create(
        MediaFile(sha256=digest, md5=digest[:32], size=1000, file=content_address(digest)) for digest in digests
    )
    items = MediaItem.objects.order_by("pk").values_list("pk", flat=True)[:FILES]
    ItemFile.objects.bulk_create(
        ItemFile(media_item_id=item_id, media_file=media_file) for item_id, media_file in zip(items, files)
    )


def analyst_token():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from rest_framework.authtoken.models import Token

    from catalog.policies.access import ANALYST_GROUP

    user, _ = get_user_model().objects.get_or_create(username="bench-analyst")
    user.groups.add(Group.objects.get_or_create(name=ANALYST_GROUP)[0])
    return Token.objects.get_or_create(user=user)[0].key


def start_server(port, token):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/media-items/?limit=1", headers={"Authorization": f"Token {token}"}
    )

    def ready():
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status == 200

    return start_gunicorn("bench.load.settings", port, WORKERS, ready)


def run_wrk(port, token, paths, seconds, connections):
    with tempfile.NamedTemporaryFile("w", suffix=".paths") as listing:
        listing.write("\n".join(paths) + "\n")
        listing.flush()
        done = subprocess.run(
            ["wrk", "--threads", "1", "--connections", str(connections), "--duration", f"{seconds}s",
             "--timeout", "10s", "--script", str(HERE / "wrk_report.lua"), f"http://127.0.0.1:{port}"],
            env={**os.environ, "BENCH_TOKEN": token, "BENCH_PATHS": listing.name},
            capture_output=True, text=True, timeout=seconds + 60,
        )
    match = re.search(r"^BENCH (\d+) ([\d.]+) (\d+) (\d+) (\d+) (\d+) (\d+)$", done.stdout, re.M)
    if not match:
        raise SystemExit(f"wrk said:\n{done.stdout}\n{done.stderr}")
    requests, duration, non_2xx, socket_errors, p50, p95, p99 = match.groups()
    return {
        "rps": int(requests) / float(duration), "non_2xx": int(non_2xx), "socket_errors": int(socket_errors),
        "p50": int(p50) / 1000, "p95": int(p95) / 1000, "p99": int(p99) / 1000,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=8)
    arguments = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    rng = random.Random(2017)
    ensure_database("bench_load")
    import django

    django.setup()
    load(rng)
    load_files()
    token = analyst_token()
    from catalog.models import MediaItem
    from provenance.models import MediaFile

    ids = list(MediaItem.objects.values_list("pk", flat=True))
    count = len(ids)
    scenarios = {
        "list, first page": ["/api/v1/media-items/?limit=50"],
        "list, random page": [f"/api/v1/media-items/?limit=50&offset={rng.randrange(count - 50)}" for _ in range(2000)],
        "detail, random item": [f"/api/v1/media-items/{rng.choice(ids)}/" for _ in range(2000)],
        "lookup, sha256 held": [f"/api/v1/lookup/?sha256={digest}" for digest in rng.sample(
            list(MediaFile.objects.values_list("sha256", flat=True)), 2000)],
        "lookup, sha256 absent": [f"/api/v1/lookup/?sha256={rng.randbytes(32).hex()}" for _ in range(2000)],
    }
    port = free_port()
    server = start_server(port, token)
    load_before = os.getloadavg()[0]
    results = {}
    try:
        for name, paths in scenarios.items():
            run_wrk(port, token, paths, 3, arguments.connections)  # warm both workers' connections and caches
            results[name] = run_wrk(port, token, paths, arguments.seconds, arguments.connections)
    finally:
        server.terminate()
        server.wait(timeout=30)

    lines = [
        f"load bench: {count:,} media items, PostgreSQL, gunicorn {WORKERS} sync workers, wrk 1 thread "
        f"{arguments.connections} connections {arguments.seconds} s per endpoint, token auth, all on 127.0.0.1 "
        f"({os.cpu_count()} cores shared by wrk, gunicorn and PostgreSQL; load average {load_before:.1f} before the run)",
        f"{'endpoint':<22}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'non-2xx':>9}{'errors':>8}",
    ]
    for name, figures in results.items():
        lines.append(
            f"{name:<22}{figures['rps']:>9.1f}{figures['p50']:>9.1f}{figures['p95']:>9.1f}{figures['p99']:>9.1f}"
            f"{figures['non_2xx']:>9}{figures['socket_errors']:>8}"
        )
    report = "\n".join(lines)
    print(report)
    (HERE / "results.txt").write_text(report + "\n")


if __name__ == "__main__":
    main()
