import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

application = get_wsgi_application()

# Loaded now rather than by the first requests: every view and the libraries they import, and the reference tables
# read into memory. Under gunicorn (preload_app, gunicorn.conf.py) this runs once in the master, before it forks
# its workers, so they share one copy; and in any server, no request pays for it.
from django.urls import get_resolver  # noqa: E402

from catalog.ingest.names import load_reference_data  # noqa: E402

get_resolver().url_patterns  # noqa: B018  (importing the URLconf imports every view)
load_reference_data()
