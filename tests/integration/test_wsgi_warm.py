"""The WSGI module loads what requests would otherwise load first, so gunicorn's master does it once for its workers."""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import json, sys
import config.wsgi
from catalog.ingest import names
print(json.dumps({
    "views": "catalog.api.views" in sys.modules and "catalog.api.lookup" in sys.modules,
    "countries": names.country_names.cache_info().currsize,
    "languages": names.language_names.cache_info().currsize,
}))
"""


def test_importing_the_wsgi_application_loads_every_view_and_the_reference_tables():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    completed = subprocess.run([sys.executable, "-c", PROBE], cwd=settings.BASE_DIR, env=environment,
                               capture_output=True, text=True, timeout=120, check=True)
    loaded = json.loads(completed.stdout.strip().splitlines()[-1])
    assert loaded == {"views": True, "countries": 1, "languages": 1}


def test_gunicorn_started_in_the_project_loads_the_application_once_before_forking():
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    completed = subprocess.run([gunicorn, "--print-config", "config.wsgi"], cwd=settings.BASE_DIR,
                               capture_output=True, text=True, timeout=60, check=True)
    shown = dict(map(str.strip, line.split(" = ", 1)) for line in completed.stdout.splitlines() if " = " in line)
    assert shown["preload_app"] == "True"
    assert shown["when_ready"] == "<when_ready()>"
