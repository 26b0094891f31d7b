"""Settings of the load bench: the local settings on the bench's own PostgreSQL database, quiet, as in production."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_load")
os.environ["DJANGO_DEBUG"] = "false"

from config.settings.local import *  # noqa: E402,F403

DEBUG = False
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405  (as in production)
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
