"""A real Celery worker process, started against the test database and broker of this run."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

from config.queues import Queue

PROJECT_DIR = Path(settings.BASE_DIR)


def test_database_url():
    """The URL of the database this test run really uses, for processes started from a test."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_environment():
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": test_database_url(),
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_REDIS_KEY_PREFIX": settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("global_keyprefix", ""),
        "CELERY_FILESYSTEM_BROKER_DIR": os.environ["CELERY_FILESYSTEM_BROKER_DIR"],
    }


@contextlib.contextmanager
def running_worker(queues=tuple(Queue), concurrency=1, log_path=None, name="worker"):
    """Start `celery worker`, wait until it is ready, and stop it (and its children) afterwards.

    `name` is the worker's Celery node name and the application_name of its database sessions (libpq reads
    PGAPPNAME), so a test can tell which worker's process is doing what in pg_stat_activity."""
    log_path = log_path or Path(settings.TEST_RUN_DIR) / f"{name}-{time.monotonic_ns()}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "celery", "-A", "config", "worker",
        "--queues", ",".join(queues), "--concurrency", str(concurrency),
        "--without-gossip", "--without-mingle", "--loglevel", "INFO", "--hostname", f"{name}@%h",
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_DIR, env={**worker_environment(), "PGAPPNAME": name}, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for(lambda: b"ready." in log_path.read_bytes() or process.poll() is not None, timeout=60)
        if process.poll() is not None:
            raise RuntimeError(f"The worker exited early:\n{log_path.read_text()}")
        process.log_path, process.name = log_path, name
        yield process
    finally:
        # A warm shutdown of the parent lets running tasks finish; the whole group goes only if it hangs.
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextlib.contextmanager
def running_workers(count, queues=tuple(Queue), concurrency=1):
    """`count` worker processes on the same queues, as on that many hosts: worker-1, worker-2, …"""
    with contextlib.ExitStack() as stack:
        yield [
            stack.enter_context(running_worker(queues, concurrency, name=f"worker-{number}"))
            for number in range(1, count + 1)
        ]


def logs_of(workers, last=3000):
    """The tail of each worker's log, for a failure message."""
    return {worker.log_path.name: worker.log_path.read_text()[-last:] for worker in workers}


def wait_for(condition, timeout, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    raise TimeoutError(f"Condition not met within {timeout} s")
