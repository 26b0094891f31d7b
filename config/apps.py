from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The project's own app: wires up the start-up checks once Django is ready (cookiecutter-django style)."""

    name = "config"
    verbose_name = "Configuration"

    def ready(self):
        # Importing registers the Django system checks of broker timing and the worker's refusal to start on them.
        # A worker sets Django up (Celery's Django fixup) before it sends worker_init, so the refusal is in place.
        from config import checks  # noqa: F401
