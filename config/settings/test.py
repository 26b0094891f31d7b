"""Tests: the same stack as local, on whatever DATABASE_URL and REDIS_URL the run provides."""

import os
from pathlib import Path

_RUN_DIR = Path(__file__).resolve().parent.parent.parent / "var" / f"test-run-{os.getpid()}"
os.environ.setdefault("DJANGO_SECRET_KEY", "insecure-test-key")
# Each test run gets its own queues, media and broker folder, so parallel runs and worker subprocesses line up.
os.environ.setdefault("CELERY_REDIS_KEY_PREFIX", f"test-{os.getpid()}:")
os.environ.setdefault("CELERY_FILESYSTEM_BROKER_DIR", str(_RUN_DIR / "broker"))
os.environ.setdefault("DJANGO_MEDIA_ROOT", str(_RUN_DIR / "media"))
os.environ.setdefault("PDQ_INDEX_DIR", str(_RUN_DIR / "pdq-index"))
os.environ.setdefault("CACHE_KEY_PREFIX", f"test-{os.getpid()}")
# Every test client calls from 127.0.0.1, so refused keys of unrelated tests would add up; the throttle's own
# tests (tests/boundary/test_key_failure_throttle.py) set a rate and an address of their own.
os.environ.setdefault("API_KEY_FAILURE_RATE", "100000/min")
# OCR costs three to five times the rest of an analysis; the tests of tests/ocr/ turn it on for themselves.
os.environ.setdefault("ENRICHMENT_READ_TEXT", "false")

from .base import *  # noqa: E402,F403
from .base import DATABASES  # noqa: E402

TEST_RUN_DIR = _RUN_DIR
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so a worker subprocess can open the test database; its folder exists before SQLite opens it.
    _RUN_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": str(_RUN_DIR / "test-db.sqlite3")}
# Tests serve no collected static files; whitenoise would only warn that the folder is missing.
MIDDLEWARE = [entry for entry in MIDDLEWARE if not entry.startswith("whitenoise")]  # noqa: F405
# The flush that empties the test database between transactional tests, append-only tables included.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testdb"]  # noqa: F405
