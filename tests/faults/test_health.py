"""GET /health/ and /health/live/: real database, real broker (Redis in CI, the filesystem broker on a laptop), real
worker processes."""

import json
import os
import subprocess
import sys

import pytest
from celery import current_app
from django.test import Client

from config import health
from config.queues import Queue
from tests.factories import UserFactory
from tests.integration.workers import PROJECT_DIR, running_worker, running_workers

OPERATIONS_TOKEN = "test-operations-token-0123456789"


@pytest.fixture(autouse=True)
def fresh_worker_answers(settings):
    """Every test asks the workers anew: the per-process cache would carry answers across tests."""
    settings.HEALTH_WORKERS_CACHE_SECONDS = 0
    settings.OPERATIONS_TOKEN = OPERATIONS_TOKEN
    health._workers_cache.update(until=0.0, result=None)


@pytest.fixture
def no_worker_expected(settings):
    """Nobody will answer: waiting the full worker timeout would only slow the test."""
    settings.HEALTH_WORKER_TIMEOUT_SECONDS = 0.2


@pytest.fixture
def broker_url():
    """Point the Celery app at another broker for one test, and back."""
    original = current_app.conf.broker_url

    def point_at(url):
        current_app.conf.broker_url = url

    yield point_at
    current_app.conf.broker_url = original


def get_health(**headers):
    response = Client().get("/health/", **headers)
    return response.status_code, json.loads(response.content)


def with_token():
    return {"HTTP_AUTHORIZATION": f"Bearer {OPERATIONS_TOKEN}"}


@pytest.mark.django_db(transaction=True)
def test_health_is_ok_with_the_database_the_broker_and_a_worker_on_every_queue():
    with running_workers(2):
        status, body = get_health(**with_token())

    print(f"\n/health/ with two workers on every queue: {status} {body}")
    assert status == 200, body
    assert body["status"] == "ok"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True, "broker": True, "workers": True,
    }
    assert body["checks"]["workers"]["queues_without_worker"] == []
    assert len(body["checks"]["workers"]["workers"]) == 2


@pytest.mark.django_db
def test_health_is_unavailable_when_no_worker_answers(no_worker_expected):
    status, body = get_health()

    assert status == 503
    assert body == {
        "status": "unavailable",
        "checks": {"database": {"ok": True}, "broker": {"ok": True}, "workers": {"ok": False}},
    }


@pytest.mark.django_db(transaction=True)
def test_health_names_the_queues_no_worker_serves():
    with running_worker(queues=[Queue.ENRICH]):
        status, body = get_health(**with_token())

    assert status == 503
    assert body["checks"]["workers"]["ok"] is False
    assert body["checks"]["workers"]["queues_without_worker"] == ["ingest", "notify", "verify"]


@pytest.mark.django_db
def test_health_is_unavailable_when_the_broker_is_out_of_reach_and_shows_no_url_or_password(broker_url, no_worker_expected):
    # Nothing listens on port 9; the password must not come back in any answer.
    broker_url("redis://:broker-s3cret@127.0.0.1:9/0")

    status, body = get_health(**with_token())
    text = json.dumps(body)

    assert status == 503
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["broker"]["error"]  # the kind of error, e.g. OperationalError
    assert "s3cret" not in text and "127.0.0.1" not in text and ":9" not in text


@pytest.mark.django_db
def test_anonymous_callers_and_non_staff_users_see_only_which_checks_pass(no_worker_expected):
    user_client = Client()
    user_client.force_login(UserFactory())

    for client, headers in ((Client(), {}), (user_client, {}), (Client(), {"HTTP_AUTHORIZATION": "Bearer wrong"})):
        body = json.loads(client.get("/health/", **headers).content)
        assert all(set(check) == {"ok"} for check in body["checks"].values()), body


@pytest.mark.django_db
def test_staff_see_the_details_of_each_check(no_worker_expected):
    staff = Client()
    staff.force_login(UserFactory(is_staff=True))

    body = json.loads(staff.get("/health/").content)

    assert set(body["checks"]["workers"]) == {"ok", "ms", "workers", "queues_without_worker"}
    assert "ms" in body["checks"]["database"]


@pytest.mark.django_db
def test_the_liveness_endpoint_answers_even_when_the_broker_is_down(broker_url, no_worker_expected):
    broker_url("redis://127.0.0.1:9/0")

    response = Client().get("/health/live/")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_is_unavailable_when_the_database_is_out_of_reach():
    """A process of its own, whose DATABASE_URL points where no PostgreSQL listens."""
    script = (
        "import django, json; django.setup(); from django.test import Client;"
        "r = Client(SERVER_NAME='localhost').get('/health/', HTTP_AUTHORIZATION='Bearer " + OPERATIONS_TOKEN + "');"
        "print(json.dumps({'status': r.status_code, 'body': json.loads(r.content)}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": "postgres://catalog:db-s3cret@127.0.0.1:9/catalog",
        "DJANGO_OPERATIONS_TOKEN": OPERATIONS_TOKEN,
        "HEALTH_WORKER_TIMEOUT_SECONDS": "0.2",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    answer = json.loads(done.stdout.strip().splitlines()[-1])

    assert answer["status"] == 503, done.stderr
    assert answer["body"]["checks"]["database"] == {"ok": False, "ms": answer["body"]["checks"]["database"]["ms"],
                                                    "error": "OperationalError"}
    assert "s3cret" not in done.stdout and "127.0.0.1" not in done.stdout
