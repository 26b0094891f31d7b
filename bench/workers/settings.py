"""Settings of the workers bench: the local settings on the bench's own PostgreSQL database and Redis database."""

import os
from pathlib import Path

CACHE = Path(__file__).resolve().parents[1] / ".cache" / "workers"

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_workers")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("CELERY_REDIS_KEY_PREFIX", "bench-workers:")
os.environ.setdefault("DJANGO_MEDIA_ROOT", str(CACHE / "media"))
os.environ.setdefault("PDQ_INDEX_DIR", str(CACHE / "pdq-index-empty"))
# OCR is measured by bench/ocr; `--read-text` turns it on here.
os.environ.setdefault("ENRICHMENT_READ_TEXT", "false")
os.environ["DJANGO_DEBUG"] = "false"

from config.settings.local import *  # noqa: E402,F403

DEBUG = False
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405  (as in production)
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
