import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("provenance_catalog")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Registers the Django system checks of broker timing (visibility timeout, retry countdown, job lease).
from config import checks  # noqa: E402


@signals.worker_init.connect
def refuse_to_start_with_unsafe_timing(**kwargs):
    """A worker whose broker could hand its running tasks to another worker must not start at all.

    Celery swallows exceptions from signal handlers; SystemExit is not an Exception, so it stops the worker.
    """
    errors = checks.celery_timing_errors()
    if errors:
        raise SystemExit("Refusing to start the worker:\n" + "\n".join(f"{e.id}: {e.msg}" for e in errors))
