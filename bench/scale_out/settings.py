"""Settings of the scale-out bench: the local settings on the bench's own PostgreSQL database and Redis key prefix."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_scale_out")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
os.environ.setdefault("CELERY_REDIS_KEY_PREFIX", "bench-scale-out:")
os.environ["DJANGO_DEBUG"] = "false"

from config.settings.local import *  # noqa: E402,F403

DEBUG = False
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Celery's own lines (one per task that ran) are how the bench tells which host ran a job.
LOGGING["loggers"]["celery.app.trace"] = {"level": "INFO"}  # noqa: F405
