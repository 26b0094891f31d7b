"""Settings of the lists bench: the local settings on the bench's own PostgreSQL database, unthrottled."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_lists")
os.environ["DJANGO_DEBUG"] = "false"

from config.settings.local import *  # noqa: E402,F403

DEBUG = False
PARTNER_THROTTLE_RATE = "1000000/min"  # the bench measures latency, not the throttle
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405  (as in production)
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
