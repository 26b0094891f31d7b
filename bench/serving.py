"""What the HTTP benchmarks share: a PostgreSQL database of their own, gunicorn serving the project, and a client
that times each request."""

import http.client
import os
import socket
import subprocess
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent


def ensure_database(name):
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(settings_module, port, workers, ready):
    """gunicorn with `workers` sync workers on 127.0.0.1:`port`, once `ready()` is true (OSError counts as not yet)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--keep-alive", "30", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    for _ in range(150):
        if server.poll() is not None:
            raise SystemExit("gunicorn exited")
        try:
            if ready():
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


class Client:
    """One keep-alive connection that times each GET, from sending it to having read the whole body."""

    def __init__(self, headers, port, timeout=120):
        self.headers = headers
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def get(self, path):
        started = time.perf_counter()
        self.connection.request("GET", path, headers=self.headers)
        response = self.connection.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200:
            raise SystemExit(f"{path}: {response.status} {body[:300]!r}")
        return elapsed, body


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
