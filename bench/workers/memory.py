"""Memory of 1 against 4 warmed gunicorn workers on a catalogue of 1M frame hashes: is reference data per machine?

    .venv/bin/python bench/workers/memory.py [--hashes 1000000] [--workers 4] [--without-config]

The catalogue is bench/workers' template database with `--hashes` seeded robust frame hashes, their index published
once (bench/workers/catalogue.py). gunicorn (sync workers, as docker-compose.yml runs it, with the project's
gunicorn.conf.py: the application loaded once in the master; `--without-config` for gunicorn's defaults) is warmed until every worker has served at least one PDQ lookup
(GET /api/v1/lookup/?pdq=…, which maps the index) and one report reading (POST /api/v1/reports/ingest/: parsing,
the gazetteer, the draft). Then the PSS (proportional set size: shared pages divided among the processes sharing
them) of the master and of every worker is read from /proc/<pid>/smaps_rollup and summed.

Goal (issue 15): the sum with 4 workers < 1.5x the sum with 1.
"""

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.workers.settings"

import django  # noqa: E402

django.setup()

from bench.serving import free_port  # noqa: E402
from bench.workers import catalogue  # noqa: E402
from catalog.demo_case import REPORT_RAW_TEXT  # noqa: E402

GOAL = 1.5
ROLLUP_FIELDS = ("Pss", "Pss_Anon", "Pss_File", "Pss_Shmem")


def start(port, workers, without_config):
    defaults = catalogue.CACHE / "gunicorn-defaults.conf.py"  # an empty configuration: gunicorn's own defaults
    defaults.parent.mkdir(parents=True, exist_ok=True)
    defaults.write_text("")
    command = [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers",
               str(workers), "--log-level", "warning", *(["--config", str(defaults)] if without_config else [])]
    return subprocess.Popen(command, cwd=ROOT, env=catalogue.environment())


def call(port, token, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, headers={
        "Authorization": f"Token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=300) as response:
        response.read()
        return response.status


def workers_of(master):
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def maps_index(pid):
    return "pdq-index" in Path(f"/proc/{pid}/maps").read_text()


def rollup(pid):
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ROLLUP_FIELDS:
            values[name] = int(rest.split()[0]) / 1024  # MiB
    return values


def warmed(port, token, workers, master, pdq):
    """Send lookups and report readings from as many clients as workers until every worker has mapped the index
    and each has had its share of readings; a sync worker serves one request at a time, so busy clients reach all."""
    sent = 0

    def one_round(number):
        call(port, token, f"/api/v1/lookup/?pdq={pdq}")
        text = f"{REPORT_RAW_TEXT}\n\nBench reading {os.getpid()}-{time.time_ns()}-{number}\n"
        call(port, token, "/api/v1/reports/ingest/", {"raw_text": text})

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        while sent < 50 * workers:
            list(pool.map(one_round, range(sent, sent + workers)))
            sent += workers
            if sent >= 3 * workers and all(maps_index(pid) for pid in workers_of(master)):
                return sent
    raise SystemExit("not every worker served a lookup")


def measure(workers, token, pdq, without_config):
    port = free_port()
    master = start(port, workers, without_config)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                call(port, token, "/api/v1/me/")
                break
            except OSError:
                if master.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.3)
        sent = warmed(port, token, workers, master, pdq)
        time.sleep(1)
        processes = {"master": rollup(master.pid)}
        for number, pid in enumerate(workers_of(master), 1):
            processes[f"worker {number}"] = rollup(pid)
        return sent, processes
    finally:
        master.terminate()
        master.wait()


def main():
    from provenance.choices import HashAlgorithm
    from provenance.models import FrameHash

    catalogue.fresh_database(args.hashes)
    token = catalogue.analyst_token()
    pdq = FrameHash.objects.filter(algorithm=HashAlgorithm.ROBUST_PDQ).values_list("hash", flat=True).first()
    configured = "gunicorn's defaults" if args.without_config else "gunicorn.conf.py"
    print(f"{args.hashes:,} frame hashes; gunicorn sync workers, {configured}; MiB\n")
    totals = {}
    for workers in (1, args.workers):
        sent, processes = measure(workers, token, pdq, args.without_config)
        totals[workers] = sum(values["Pss"] for values in processes.values())
        print(f"{workers} worker{'s' if workers > 1 else ''}, warmed by {sent} lookups and as many report readings:")
        for name, values in processes.items():
            print(f"  {name:10}" + "".join(f"{field} {values.get(field, 0):8.1f}   " for field in ROLLUP_FIELDS))
        print(f"  {'total PSS':10}{totals[workers]:8.1f}\n")
    ratio = totals[args.workers] / totals[1]
    print(f"{args.workers} workers / 1: {ratio:.2f}x (goal < {GOAL}x): {'met' if ratio < GOAL else 'NOT met'}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hashes", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--without-config", action="store_true", help="gunicorn's defaults: no preload_app")
    args = parser.parse_args()
    main()
