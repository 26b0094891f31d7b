"""The start-up check that keeps Redis from handing a running (or retry-waiting) task to a second worker."""

import os
import subprocess
import sys

import pytest
from celery import Celery

from config import checks
from tests.integration.workers import PROJECT_DIR

# Nothing listens here: the checks must refuse before any connection is tried.
UNREACHABLE_REDIS = "redis://127.0.0.1:9/0"


@pytest.fixture
def redis_broker(settings):
    settings.CELERY_BROKER_URL = UNREACHABLE_REDIS
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60}
    settings.CELERY_TASK_TIME_LIMIT = 30 * 60
    settings.JOB_LEASE_SECONDS = 31 * 60
    return settings


# Real tasks of an app of their own (not shared, so the project app never sees them), with limits the
# project's tasks do not have.
other_app = Celery("broker-timing-check-test", set_as_current=False)


@other_app.task(shared=False, time_limit=60, autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=3 * 60 * 60)
def retrying_for_hours():
    pass


@other_app.task(shared=False, time_limit=2 * 60 * 60)
def running_for_two_hours():
    pass


def error_ids(errors):
    return [error.id for error in errors]


def test_the_project_settings_pass_the_broker_timing_check(redis_broker):
    assert checks.celery_timing_errors() == []


def test_a_visibility_timeout_within_the_task_time_limit_is_an_error(redis_broker):
    redis_broker.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 30 * 60}

    assert error_ids(checks.celery_timing_errors()) == ["config.E001"]


def test_a_visibility_timeout_within_the_longest_retry_countdown_is_an_error(redis_broker):
    redis_broker.CELERY_TASK_TIME_LIMIT = 60

    errors = checks.celery_timing_errors(tasks=[retrying_for_hours])

    assert error_ids(errors) == ["config.E002"]


def test_kombus_default_visibility_timeout_counts_when_none_is_set(redis_broker):
    redis_broker.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    redis_broker.JOB_LEASE_SECONDS = 3 * 60 * 60

    errors = checks.celery_timing_errors(tasks=[running_for_two_hours])

    assert error_ids(errors) == ["config.E001"]


def test_a_job_lease_within_the_task_time_limit_is_an_error(redis_broker):
    redis_broker.JOB_LEASE_SECONDS = 30 * 60

    assert error_ids(checks.celery_timing_errors()) == ["config.E003"]


def test_the_filesystem_broker_has_no_visibility_timeout_to_check(settings):
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": "/nonexistent"}

    assert checks.celery_timing_errors() == []


def short_visibility_environment():
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.faults.short_visibility_settings",
        "REDIS_URL": UNREACHABLE_REDIS,
    }


def test_manage_py_check_fails_on_a_short_visibility_timeout():
    done = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=PROJECT_DIR, env=short_visibility_environment(),
        capture_output=True, text=True, timeout=120,
    )

    assert done.returncode == 1, done.stdout + done.stderr
    assert "config.E001" in done.stderr


def test_a_celery_worker_refuses_to_start_with_a_short_visibility_timeout():
    done = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--without-gossip", "--without-mingle"],
        cwd=PROJECT_DIR, env=short_visibility_environment(), capture_output=True, text=True, timeout=120,
    )

    assert done.returncode != 0, done.stdout + done.stderr
    assert "Refusing to start the worker" in done.stderr
    assert "config.E001" in done.stderr
    assert "Connected to" not in done.stdout + done.stderr
