"""Enrichment throughput through real Celery workers, and whether long jobs delay short ones.

    .venv/bin/python bench/workers/run.py [--videos 20] [--seconds 10] [--hashes 1000000] [--analyses 200]

Everything runs on this machine: PostgreSQL (its own database, bench_workers, copied for each round from a template
made once), Redis (its own database, REDIS_URL in bench/workers/settings.py) and real `celery -A config worker`
processes (prefork pool).

Part 1, throughput: `--videos` distinct generated H.264/AAC videos (640×360, `--seconds` long) are attached to items
through the service the API upload uses (catalog.services.evidence.attach_file), all in one transaction, so every
hashing and analysis job is sent when it commits; matching jobs follow the analyses. Measured from that commit to
the last enrichment job finished, with 1 worker process (`celery worker --concurrency 1`) and 2 (one worker with
`--concurrency 2`, the prefork pool docker-compose.yml runs), on an empty catalogue and on one holding `--hashes`
random robust frame hashes (seeded by COPY, published once with publish_index, so workers map that index).
Also printed: the CPU seconds the worker processes used per video, and the cores they kept busy on average.

Part 2, isolation: on the seeded catalogue, the processes run as docker-compose.yml runs them (a worker per queue:
enrich and notify, each `--concurrency 2`; gunicorn with 2 workers) while `--analyses` files (re-muxed copies of the
videos: new bytes, same frames) wait on the enrich queue. A partner webhook delivery (notify queue, to a local
Standard Webhooks receiver) and a PDQ lookup (GET /api/v1/lookup/?pdq=…) are timed on the idle machine and then
while the analyses run.

Goals (issue 15): 2 processes >= 1.7x one, with and without the hashes; the seeded catalogue >= 0.9x as fast as the
empty one; a webhook or lookup delayed by at most a few seconds (here: 3 s over idle) under the analyses.
Don't trust figures taken on a machine running anything else.
"""

import argparse
import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.workers.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db.models import Max  # noqa: E402

from bench.serving import free_port, start_gunicorn  # noqa: E402
from bench.workers import catalogue  # noqa: E402
from provenance.choices import EnrichmentKind, HashAlgorithm, JobStatus  # noqa: E402
from provenance.models import EnrichmentJob, FrameHash  # noqa: E402

SCALING_GOAL, SEEDED_GOAL, EXTRA_DELAY_GOAL = 1.7, 0.9, 3.0
PROBES = 5
FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED)


def verdict(met):
    return "met" if met else "NOT met"


def wait_until_enriched(expected_analyses, timeout):
    """Wait for every enrichment job to finish (matching jobs appear as analyses finish)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        analyses = EnrichmentJob.objects.filter(kind=EnrichmentKind.ANALYSIS, status__in=FINISHED).count()
        if analyses >= expected_analyses and not EnrichmentJob.objects.exclude(status__in=FINISHED).exists():
            failed = list(EnrichmentJob.objects.filter(status=JobStatus.FAILED).values_list("kind", "error")[:3])
            if failed:
                raise SystemExit(f"enrichment jobs failed: {failed}")
            return EnrichmentJob.objects.aggregate(last=Max("finished_at"))["last"].timestamp()
        time.sleep(0.1)
    raise SystemExit("the enrichment did not finish in time; see bench/.cache/workers/logs/")


def throughput(paths, hashes, processes):
    catalogue.fresh_database(hashes)
    with catalogue.celery_worker("enrich", processes, f"enrich-{hashes}-{processes}") as worker:
        cpu_before = catalogue.tree_cpu_seconds(worker.pid)
        committed = catalogue.upload(paths)
        finished = wait_until_enriched(len(paths), timeout=60 * len(paths))
        cpu = catalogue.tree_cpu_seconds(worker.pid) - cpu_before
    wall = finished - committed
    return {"per_minute": len(paths) / wall * 60, "wall": wall, "cpu_per_video": cpu / len(paths), "cores": cpu / wall,
            "kinds": job_seconds()}


def job_seconds():
    """Per kind of job: mean seconds waiting on the queue (sent to started) and running (started to finished)."""
    by_kind = {}
    for kind, enqueued, started, finished in EnrichmentJob.objects.values_list(
        "kind", "enqueued_at", "started_at", "finished_at"
    ):
        waits, runs = by_kind.setdefault(kind, ([], []))
        waits.append((started - enqueued).total_seconds())
        runs.append((finished - started).total_seconds())
    return {kind: (statistics.mean(waits), statistics.mean(runs)) for kind, (waits, runs) in by_kind.items()}


def part_one(paths, hashes):
    print(f"Part 1: {len(paths)} videos of {args.seconds} s ({catalogue.VIDEO_SIZE[0]}×{catalogue.VIDEO_SIZE[1]}), "
          f"OCR {'on' if settings.ENRICHMENT_READ_TEXT else 'off'}, VIDEO_DECODE_THREADS="
          f"{os.environ.get('VIDEO_DECODE_THREADS', settings.VIDEO_DECODE_THREADS)}")
    print("2 processes = one `celery worker --concurrency 2` (prefork), as docker-compose.yml runs the enrich queue")
    print("job kinds: mean seconds queued/running")
    print(f"\n{'catalogue':>22}{'processes':>11}{'videos/min':>12}{'wall s':>9}{'CPU s/video':>13}{'cores busy':>12}")
    results = {}
    for label, seeded in (("empty", 0), (f"{hashes:,} hashes", hashes)):
        for processes in (1, 2):
            result = throughput(paths, seeded, processes)
            results[seeded, processes] = result
            kinds = ", ".join(f"{kind} {wait:.2f}/{run:.2f}" for kind, (wait, run) in sorted(result["kinds"].items()))
            print(f"{label:>22}{processes:>11}{result['per_minute']:>12.1f}{result['wall']:>9.1f}"
                  f"{result['cpu_per_video']:>13.2f}{result['cores']:>12.2f}   {kinds}", flush=True)
    print()
    for label, seeded in (("empty", 0), (f"{hashes:,} hashes", hashes)):
        ratio = results[seeded, 2]["per_minute"] / results[seeded, 1]["per_minute"]
        print(f"2 processes / 1, {label}: {ratio:.2f}x (goal >= {SCALING_GOAL}x): {verdict(ratio >= SCALING_GOAL)}")
    for processes in (1, 2):
        ratio = results[hashes, processes]["per_minute"] / results[0, processes]["per_minute"]
        print(f"{hashes:,} hashes / empty, {processes} process{'es' if processes > 1 else ''}: {ratio:.2f}x "
              f"(goal >= {SEEDED_GOAL}x): {verdict(ratio >= SEEDED_GOAL)}")


def webhook_probe(receiver, number):
    """Seconds from telling an event (sent to the notify queue at once, outside a transaction) to its arrival."""
    from catalog.choices import TLP, MediaKind, WebhookEvent
    from catalog.models import MediaItem
    from catalog.services import webhooks

    item = MediaItem.objects.create(title=f"Webhook probe {number}", kind=MediaKind.VIDEO, tlp=TLP.GREEN)
    before, started = len(receiver.received), time.monotonic()
    webhooks.notify(WebhookEvent.ITEM_PUBLISHED, lambda caller: webhooks.item_payload(item, caller),
                    webhooks.event_id(WebhookEvent.ITEM_PUBLISHED, "media_item", item.pk))
    while len(receiver.received) == before:
        if time.monotonic() - started > 120:
            raise SystemExit("the webhook never arrived; see bench/.cache/workers/logs/notify.log")
        time.sleep(0.005)
    return time.monotonic() - started


def lookup_probe(port, token, pdq):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/lookup/?pdq={pdq}",
                                     headers={"Authorization": f"Token {token}"})
    started = time.monotonic()
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
        assert response.status == 200
    return time.monotonic() - started


def probes(receiver, port, token, pdq):
    webhook, lookup = [], []
    for number in range(PROBES):
        webhook.append(webhook_probe(receiver, f"{time.time_ns()}-{number}"))
        lookup.append(lookup_probe(port, token, pdq))
        time.sleep(1)
    return webhook, lookup


def part_two(paths, hashes, analyses):
    from catalog.models import Partner, WebhookSubscription
    from tests.webhooks.receiver import WebhookReceiver

    copies = [catalogue.remuxed(paths[n % len(paths)], n // len(paths)) for n in range(analyses)]
    catalogue.fresh_database(hashes)
    catalogue.upload(paths[:1])  # a file whose hash the lookup finds
    pdq = FrameHash.objects.filter(algorithm=HashAlgorithm.ROBUST_PDQ, media_file__original_filename=paths[0].name)
    pdq = pdq.values_list("hash", flat=True)
    token = catalogue.analyst_token()
    secret = "whsec_YmVuY2gtd29ya2Vycy1zaGFyZWQtc2VjcmV0LTMyLWJ5dGVzISE="
    with WebhookReceiver(secret) as receiver:
        os.environ["EGRESS_ALLOWED_TEST_ORIGINS"] = receiver.origin  # for the notify worker
        partner = Partner.objects.create(name="Bench newsroom", max_tlp="amber")
        WebhookSubscription.objects.create(partner=partner, url=receiver.url(), events=["item.published"],
                                           secret=secret)
        port = free_port()

        def ready():
            return lookup_probe(port, token, "0" * 64) >= 0

        server = start_gunicorn(catalogue.SETTINGS_MODULE, port, 2, ready)
        try:
            with catalogue.celery_worker("notify", 2, "notify"), catalogue.celery_worker("enrich", 2, "enrich-first"):
                wait_until_enriched(1, timeout=300)
                pdq = pdq.first()
                idle = probes(receiver, port, token, pdq)
                catalogue.upload(copies)
                time.sleep(5)  # the enrich worker is busy by now
                busy = probes(receiver, port, token, pdq)
                still_waiting = EnrichmentJob.objects.exclude(status__in=FINISHED).count()
        finally:
            server.terminate()
            server.wait()
    print(f"\nPart 2: {analyses} files on the enrich queue ({still_waiting} enrichment jobs still unfinished at the "
          f"last probe); enrich and notify workers `--concurrency 2` each, gunicorn 2 workers; {PROBES} probes each")
    print(f"{'':28}{'idle median':>13}{'busy median':>13}{'busy max':>10}")
    for name, quiet, loaded in (("webhook delivery, s", idle[0], busy[0]), ("PDQ lookup, s", idle[1], busy[1])):
        extra = max(loaded) - statistics.median(quiet)
        print(f"{name:28}{statistics.median(quiet):>13.3f}{statistics.median(loaded):>13.3f}{max(loaded):>10.3f}"
              f"   extra delay {extra:.2f} s (goal <= {EXTRA_DELAY_GOAL:g} s): {verdict(extra <= EXTRA_DELAY_GOAL)}")


def main():
    paths = catalogue.videos(args.videos, args.seconds)
    print(f"load average at the start (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores\n")
    part_one(paths, args.hashes)
    part_two(paths, args.hashes, args.analyses)
    print(f"\nload average at the end (1 min): {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--videos", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--hashes", type=int, default=1_000_000)
    parser.add_argument("--analyses", type=int, default=200)
    parser.add_argument("--read-text", action="store_true", help="OCR on, as production runs it")
    args = parser.parse_args()
    if args.read_text:
        settings.ENRICHMENT_READ_TEXT = True
        os.environ["ENRICHMENT_READ_TEXT"] = "true"
    main()
