"""Development: safe defaults so `make run` works with nothing configured."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "insecure-local-development-key-do-not-use-in-production")
os.environ.setdefault("DJANGO_DEBUG", "true")

from .base import *  # noqa: E402,F403
