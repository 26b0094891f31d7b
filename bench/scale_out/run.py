"""Two hosts stand-in: the enrich queue worked by one host, then by two, on shared PostgreSQL, Redis and storage.

    .venv/bin/python bench/scale_out/run.py [--videos 24] [--seconds 8] [--concurrency 1]

No container engine runs on the machines this was written on, so each "host" is a Celery worker process with a
working directory of its own (its own cwd, TMPDIR and var/ folders, its own node name and database
application_name). What hosts share in production is shared here too: PostgreSQL (its own database,
bench_scale_out), Redis (REDIS_URL, default db 0, under its own key prefix), the storage root (DJANGO_MEDIA_ROOT,
standing in for the S3 bucket) and PDQ_INDEX_DIR (standing in for the compose volume `pdq-index`). On real separate
hosts the index folder is per host (flock does not hold over NFS; docs/scale-out.md); here both hosts use one.

Round 1 starts host-1 alone, round 2 host-1 and host-2; each round attaches `--videos` new generated videos to
an item through catalog.services.evidence.attach_file (the upload's service path: hashes, analysis, then matching
are queued) and waits until every job of those files has finished. Then host-1 alone publishes the index (as
beat's publish_pdq_index task does on one worker: one writer, under the folder's file lock), and a reader process on
each host opens it. Prints per host the jobs it ran, that every job ran exactly once, the index generation both
hosts map, and the videos per minute of one host against two. Writes results.txt beside this file.

The machine must be otherwise quiet for the throughput figures to mean anything.
"""

import argparse
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = "bench_scale_out"
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.scale_out.settings"
os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"  # dropped and made anew by each run

import psycopg  # noqa: E402

HOSTS = ("host-1", "host-2")
# Celery logs one line per task it ran: the task id is the claim token a job keeps.
TASK_SUCCEEDED = re.compile(r"Task provenance\.enrich\.run_enrichment_job\[([0-9a-f-]+)\] succeeded")


class Layout:
    """The folders: shared/ (storage root, index) and one working directory per host."""

    def __init__(self, base):
        self.base = Path(base)
        self.media, self.index = self.base / "shared" / "media", self.base / "shared" / "pdq-index"
        for folder in (self.media, self.index, *(self.host(name) / sub for name in HOSTS for sub in ("tmp", "var"))):
            folder.mkdir(parents=True, exist_ok=True)

    def host(self, name):
        return self.base / name

    def environment(self, name):
        return {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "bench.scale_out.settings",
            "TMPDIR": str(self.host(name) / "tmp"),
            "DJANGO_STATIC_ROOT": str(self.host(name) / "var" / "static"),
            "PROMETHEUS_MULTIPROC_DIR": "",
            "PGAPPNAME": name,
            # Shared by every host:
            "DJANGO_MEDIA_ROOT": str(self.media),
            "PDQ_INDEX_DIR": str(self.index),
        }

    def log(self, name, round_name):
        return self.host(name) / "var" / f"worker-{round_name}.log"


@contextlib.contextmanager
def workers(layout, names, round_name, concurrency):
    processes = []
    try:
        for name in names:
            log = layout.log(name, round_name)
            command = [
                sys.executable, "-m", "celery", "-A", "config", "worker", "--queues", "enrich",
                "--concurrency", str(concurrency), "--hostname", f"{name}@%h", "--without-gossip",
                "--without-mingle", "--loglevel", "INFO",
            ]
            with open(log, "wb") as out:
                processes.append(subprocess.Popen(
                    command, cwd=layout.host(name), env=layout.environment(name), stdout=out,
                    stderr=subprocess.STDOUT, start_new_session=True,
                ))
        for name, process in zip(names, processes):
            deadline = time.monotonic() + 120
            while b"ready." not in layout.log(name, round_name).read_bytes():
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"{name}'s worker did not start:\n{layout.log(name, round_name).read_text()}")
                time.sleep(0.2)
        yield processes
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=120)


def make_videos(layout, count, seconds, first_seed):
    from tests.media import synthetic

    folder = layout.base / "videos"
    folder.mkdir(exist_ok=True)
    paths = []
    for seed in range(first_seed, first_seed + count):
        path = folder / f"video-{seed}.mp4"
        synthetic.write_original(path, seed, width=640, height=360, seconds=seconds)
        paths.append(path)
    return paths


def upload(paths, item):
    from catalog.services.evidence import attach_file

    files = []
    for path in paths:
        with open(path, "rb") as stream:
            files.append(attach_file(item, stream, path.name, source={"via": "bench scale-out"}).media_file_id)
    return files


def wait_for_jobs(file_ids, timeout):
    """Until every job of these files has finished and no new one appears (matching is queued after analysis)."""
    from provenance.choices import JobStatus
    from provenance.models import EnrichmentJob

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = EnrichmentJob.objects.filter(media_file__in=file_ids)
        if jobs.exists() and not jobs.filter(status__in=[JobStatus.PENDING, JobStatus.RUNNING]).exists():
            time.sleep(1)  # a matching job is queued in the same transaction that finishes its analysis
            if not EnrichmentJob.objects.filter(
                media_file__in=file_ids, status__in=[JobStatus.PENDING, JobStatus.RUNNING]
            ).exists():
                return
        time.sleep(0.2)
    raise SystemExit("jobs did not finish in time")


def job_report(layout, names, round_name, file_ids):
    """Jobs each host ran (by the task ids in its log) and whether every job ran exactly once."""
    from provenance.choices import CustodyAction, JobStatus
    from provenance.models import CustodyEvent, EnrichmentJob

    ran_by = {name: set(TASK_SUCCEEDED.findall(layout.log(name, round_name).read_text())) for name in names}
    jobs = list(EnrichmentJob.objects.filter(media_file__in=file_ids).values("pk", "status", "attempts", "claim_token"))
    per_host = {name: sum(1 for job in jobs if job["claim_token"] in tokens) for name, tokens in ran_by.items()}
    enriched = CustodyEvent.objects.filter(media_file__in=file_ids, action=CustodyAction.ENRICHED).count()
    return {
        "jobs": len(jobs),
        "per_host": per_host,
        "succeeded": sum(1 for job in jobs if job["status"] == JobStatus.SUCCEEDED),
        "ran_once": sum(1 for job in jobs if job["attempts"] == 1),
        "claimed_by_two_hosts": sum(
            1 for job in jobs if sum(job["claim_token"] in tokens for tokens in ran_by.values()) != 1
        ),
        "enriched_events": enriched,
        "errors": sorted({job.error[:200] for job in EnrichmentJob.objects.filter(media_file__in=file_ids).exclude(error="")}),
    }


def run_round(layout, names, videos, item, concurrency, timeout):
    round_name = f"{len(names)}-host"
    with workers(layout, names, round_name, concurrency):
        started = time.monotonic()
        file_ids = upload(videos, item)
        wait_for_jobs(file_ids, timeout)
        elapsed = time.monotonic() - started
    return elapsed, job_report(layout, names, round_name, file_ids)


def host_command(layout, name, *command):
    done = subprocess.run(
        [sys.executable, *command], cwd=layout.host(name), env=layout.environment(name), capture_output=True,
        text=True, timeout=600,
    )
    if done.returncode != 0:
        raise SystemExit(f"{name}: {' '.join(command)} failed:\n{done.stderr}")
    return done.stdout


def fresh_database(name):
    """Each run starts from an empty catalogue (and an empty index), so each round analyses only its own videos."""
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--videos", type=int, default=24, help="videos per round")
    parser.add_argument("--seconds", type=int, default=8, help="length of each generated video")
    parser.add_argument("--concurrency", type=int, default=1, help="pool processes per host")
    parser.add_argument("--timeout", type=int, default=3600)
    args = parser.parse_args()

    fresh_database(DATABASE)
    with tempfile.TemporaryDirectory(prefix="scale-out-") as base:
        layout = Layout(base)
        # This process uploads, as a web replica does: it writes to the same storage the hosts read.
        os.environ.update(DJANGO_MEDIA_ROOT=str(layout.media), PDQ_INDEX_DIR=str(layout.index))
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from catalog.choices import MediaKind
        from catalog.models import MediaItem

        item = MediaItem.objects.create(kind=MediaKind.VIDEO, title="Scale-out bench")
        one_host_videos = make_videos(layout, args.videos, args.seconds, first_seed=1000)
        two_host_videos = make_videos(layout, args.videos, args.seconds, first_seed=2000)
        one_elapsed, one = run_round(layout, HOSTS[:1], one_host_videos, item, args.concurrency, args.timeout)
        two_elapsed, two = run_round(layout, HOSTS, two_host_videos, item, args.concurrency, args.timeout)

        before = json.loads((layout.index / "CURRENT").read_text())["generation"] if (layout.index / "CURRENT").exists() else 0
        host_command(layout, HOSTS[0], str(ROOT / "manage.py"), "build_pdq_index")
        after = json.loads((layout.index / "CURRENT").read_text())["generation"]
        readers = {name: json.loads(host_command(layout, name, str(HERE / "read_index.py"))) for name in HOSTS}

    lines = [
        f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
        f"{args.videos} videos per round ({args.seconds} s, 640x360), {args.concurrency} pool process(es) per host; "
        "hosts stood in for by worker processes with separate working directories (no container engine)",
        "",
    ]
    for label, elapsed, report in (("1 host ", one_elapsed, one), ("2 hosts", two_elapsed, two)):
        per_host = ", ".join(f"{name} {count}" for name, count in report["per_host"].items())
        lines.append(
            f"{label}: {args.videos} videos in {elapsed:.1f} s = {args.videos / elapsed * 60:.1f} videos/min; "
            f"{report['jobs']} jobs ({per_host}); {report['succeeded']} succeeded, {report['ran_once']} ran exactly "
            f"once, {report['claimed_by_two_hosts']} run by no host or by both, {report['enriched_events']} "
            f"'enriched' custody events"
        )
    for label, report in (("1 host", one), ("2 hosts", two)):
        lines += [f"  error ({label}): {error}" for error in report["errors"]]
    lines += [
        f"speed-up of 2 hosts over 1: {one_elapsed / two_elapsed:.2f}x",
        "",
        f"index: published once by {HOSTS[0]} (generation {before} -> {after}); "
        + "; ".join(
            f"{name} maps generation {reader['generation']} ({len(reader['mapped_segments'])} segment(s)), "
            f"finds its probes: {reader['found']}" for name, reader in readers.items()
        ),
        "both hosts map the same generation: "
        + str(len({(r["generation"], tuple(r["mapped_segments"])) for r in readers.values()}) == 1),
    ]
    text = "\n".join(lines)
    print(text)
    (HERE / "results.txt").write_text(text + "\n")


if __name__ == "__main__":
    main()
