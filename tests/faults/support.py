"""Helpers for fault tests: real processes to kill, a Redis of our own to restart, and the job counts we assert on."""

import contextlib
import json
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import Count, Sum
from django.utils import timezone

from provenance import services
from provenance.choices import CustodyAction, JobStatus
from provenance.models import CustodyEvent, EnrichmentJob
from tests.conftest import require_service
from tests.integration.workers import PROJECT_DIR, test_database_url, worker_environment


def require_postgres_and_redis():
    """Fault tests kill processes mid-transaction: they mean PostgreSQL and Redis, as in production."""
    require_service("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")
    require_service("Redis (REDIS_URL)", bool(settings.REDIS_URL))


def request_jobs(count, seed):
    """`count` distinct small files received and queued for hashing, each committed on its own as an upload is."""
    job_ids = []
    for number in range(count):
        media_file = services.receive_file(ContentFile(f"{seed} evidence {number}".encode()), f"{seed}-{number}.bin")
        job_ids.append(services.request_enrichment(media_file).pk)
    return job_ids


def status_counts(job_ids):
    rows = EnrichmentJob.objects.filter(pk__in=job_ids).values_list("status").annotate(n=Count("pk"))
    return {status: n for status, n in rows}


def all_finished(job_ids):
    counts = status_counts(job_ids)
    return counts.get(JobStatus.SUCCEEDED, 0) + counts.get(JobStatus.FAILED, 0) == len(job_ids)


def outcome(job_ids):
    """What the assertions look at: how many succeeded, and any work recorded twice."""
    jobs = EnrichmentJob.objects.filter(pk__in=job_ids)
    file_ids = list(jobs.values_list("media_file", flat=True))
    jobs_per_file = EnrichmentJob.objects.filter(media_file__in=file_ids).values("media_file").annotate(n=Count("pk"))
    enriched_per_file = (
        CustodyEvent.objects.filter(media_file__in=file_ids, action=CustodyAction.ENRICHED)
        .values("media_file")
        .annotate(n=Count("pk"))
    )
    enriched = {row["media_file"]: row["n"] for row in enriched_per_file}
    return {
        "succeeded": jobs.filter(status=JobStatus.SUCCEEDED).count(),
        "files": len(set(file_ids)),
        "files_with_extra_jobs": sum(1 for row in jobs_per_file if row["n"] != 1),
        "files_not_enriched_once": sum(1 for file_id in file_ids if enriched.get(file_id, 0) != 1),
        "duplicate_enriched_events": sum(max(0, n - 1) for n in enriched.values()),
        # A job taken again after its worker died counts one re-run per extra attempt.
        "reruns": (jobs.aggregate(total=Sum("attempts"))["total"] or 0) - jobs.filter(attempts__gt=0).count(),
        "errors": list(jobs.exclude(error="").values_list("error", flat=True)[:5]),
    }


def let_resend_delay_pass(job_ids):
    """Age the pending jobs past JOB_RESEND_AFTER_SECONDS, as if that much time had gone by.

    The real sweeper and a real worker then run with the real settings instead of test-only short delays.
    A pending job that still has a message somewhere just gets a second one, which it runs once.
    """
    past = timezone.now() - timedelta(seconds=settings.JOB_RESEND_AFTER_SECONDS + 1)
    return EnrichmentJob.objects.filter(pk__in=job_ids, status=JobStatus.PENDING).update(created_at=past, enqueued_at=past)


def let_lease_run_out(job_ids):
    """Age the running jobs past JOB_LEASE_SECONDS; only for jobs whose worker is known to be dead."""
    past = timezone.now() - timedelta(seconds=settings.JOB_LEASE_SECONDS + 1)
    return EnrichmentJob.objects.filter(pk__in=job_ids, status=JobStatus.RUNNING).update(started_at=past)


def child_pids(pid):
    """The live processes whose parent is `pid` (a Celery worker's prefork pool), read from /proc."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            # After the command name (which may hold spaces) come the state and the parent pid.
            state, parent = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:2]
            if int(parent) == pid and state not in ("Z", "X"):
                children.append(int(entry.name))
    return children


def poll_until(condition, timeout, interval=0.01, explain=None):
    """Like wait_for, with a short interval (the fault must land while jobs are in flight) and an explanation."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    raise TimeoutError(f"Condition not met within {timeout} s" + (f": {explain()}" if explain else ""))


def unfinished_jobs(job_ids):
    """The rows of jobs not finished yet, for a failure message."""
    return list(
        EnrichmentJob.objects.filter(pk__in=job_ids, status__in=[JobStatus.PENDING, JobStatus.RUNNING]).values(
            "pk", "status", "attempts", "claim_token", "enqueued_at", "started_at", "error"
        )
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    """A redis-server of this test alone, with the append-only file on, which the test may stop and start.

    The machine's shared Redis must never be restarted; this one lives in a temporary folder on a free port.
    """

    def __init__(self, folder):
        self.folder = Path(folder)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        command = [
            "redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(self.folder),
            "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
            "--logfile", str(self.folder / "redis.log"),
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        poll_until(self.answers, timeout=20, interval=0.05)

    def stop(self):
        """SIGTERM: what `docker restart` or systemd sends; Redis flushes the append-only file and exits."""
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)

    def answers(self):
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
        return False

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def broker_key_prefix():
    return settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("global_keyprefix", "")


def unacked_job_ids(redis_url=None):
    """Job ids of messages a consumer took from Redis and never acknowledged (kombu keeps them in `unacked`).

    Redis hands such a message out again only after the visibility timeout, or when the consumer that holds
    it closes its channel cleanly, which a killed worker never does.
    """
    import redis

    client = redis.Redis.from_url(redis_url or settings.REDIS_URL)
    held = client.hvals(broker_key_prefix() + "unacked")
    client.close()
    return sorted(json.loads(json.loads(value)[0]["headers"]["argsrepr"])[0] for value in held)


def forget_unacked_messages(redis_url=None):
    """Drop what a killed worker left unacknowledged, so the shared Redis keeps no debris of this test."""
    import redis

    client = redis.Redis.from_url(redis_url or settings.REDIS_URL)
    client.delete(*(broker_key_prefix() + name for name in ("unacked", "unacked_index", "unacked_mutex")))
    client.close()


class RowLock:
    """Hold a MediaFile row lock from another PostgreSQL connection, so a worker stalls mid-job on it.

    A job takes its file's row lock to append to the custody chain, after its work is done and inside the
    transaction that records it: holding the lock parks the job in its most delicate moment, where a kill must
    lose the whole transaction and nothing else.
    """

    def __init__(self, media_file_id):
        import psycopg

        self.connection = psycopg.connect(test_database_url())
        self.connection.execute("SELECT 1 FROM provenance_mediafile WHERE id = %s FOR UPDATE", [media_file_id])
        self.backend_pid = self.connection.info.backend_pid

    def release(self):
        if not self.connection.closed:
            self.connection.rollback()
            self.connection.close()


def worker_stalled_on(lock, workers):
    """The worker (of tests.integration.workers.running_workers) whose database session waits for `lock`, or None.

    Each worker's sessions carry its name as application_name; pg_blocking_pids names the session holding the lock.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT application_name FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))", [lock.backend_pid]
        )
        waiting = {name for (name,) in cursor.fetchall()}
    return next((worker for worker in workers if worker.name in waiting), None)


def media_file_of(job_id):
    return EnrichmentJob.objects.values_list("media_file", flat=True).get(pk=job_id)


def run_producer(*args):
    """Run tests.faults.producer in its own process with the environment workers get; return its JSON answer."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.faults.producer", *map(str, args)],
        cwd=PROJECT_DIR, env=worker_environment(), capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def queue_is_empty(redis_url, queue):
    """No message waits in the queue list for a consumer to take."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        return client.llen(broker_key_prefix() + queue) == 0
    finally:
        client.close()


class Quiet:
    """True once nothing runs, no message waits in the queue and no job has finished for `seconds`.

    After a fault, what is still unfinished then has no message a worker will take soon: either none at all, or
    one left in kombu's `unacked` hash by a consumer that lost its connection, which Redis hands out again only
    after the visibility timeout. Either way it is the outbox sweeper's work.
    """

    def __init__(self, job_ids, redis_url, queue, seconds=5):
        self.job_ids, self.redis_url, self.queue, self.seconds = job_ids, redis_url, queue, seconds
        self.last_finished, self.last_change = -1, time.monotonic()

    def __call__(self):
        counts = status_counts(self.job_ids)
        finished = counts.get(JobStatus.SUCCEEDED, 0) + counts.get(JobStatus.FAILED, 0)
        if finished != self.last_finished:
            self.last_finished, self.last_change = finished, time.monotonic()
        idle = counts.get(JobStatus.RUNNING, 0) == 0 and queue_is_empty(self.redis_url, self.queue)
        return finished == len(self.job_ids) or (idle and time.monotonic() - self.last_change >= self.seconds)


def drop_queued_messages(job_ids, queue, redis_url=None):
    """Remove the messages of these jobs from a Redis queue, as a consumer killed right after its BRPOP does."""
    import redis

    client = redis.Redis.from_url(redis_url or settings.REDIS_URL)
    key = broker_key_prefix() + queue
    dropped = 0
    try:
        for raw in client.lrange(key, 0, -1):
            if json.loads(json.loads(raw)["headers"]["argsrepr"])[0] in job_ids:
                dropped += client.lrem(key, 1, raw)
    finally:
        client.close()
    return dropped
