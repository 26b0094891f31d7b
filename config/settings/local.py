"""Development: safe defaults so `make run` works with nothing configured."""

import os
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "insecure-local-development-key-do-not-use-in-production")
os.environ.setdefault("DJANGO_DEBUG", "true")
# Custody is anchored with the local Time-Stamping Authority that `make run` starts (Procfile.local:
# `manage.py run_local_tsa`, provenance/devtsa.py); its loopback address is the one outbound requests may reach.
_DEV_TSA = os.environ.setdefault("DEV_TSA_ADDRESS", "127.0.0.1:8318")
os.environ.setdefault("CUSTODY_TSA_URLS", f"http://{_DEV_TSA}/")
os.environ.setdefault("CUSTODY_TSA_CA_FILE", str(Path(__file__).resolve().parents[2] / "var" / "dev-tsa" / "ca.pem"))
os.environ.setdefault("EGRESS_ALLOWED_TEST_ORIGINS", _DEV_TSA)

from .base import *  # noqa: E402,F403
