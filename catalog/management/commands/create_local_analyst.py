import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from catalog.services.analysts import ensure_analyst_group, grant_partner_management

USERNAME = "analyst"
# Addresses a server binds to that a browser cannot open: it listens on every interface, loopback among them.
WILDCARD_HOSTS = {"0.0.0.0", "::", "[::]", ""}


def served_origin(host, port):
    """Where a browser reaches `runserver host:port` (Procfile.local's web process, given the same HOST and PORT)."""
    host = "127.0.0.1" if host in WILDCARD_HOSTS else host
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def local_password():
    """LOCAL_ANALYST_PASSWORD, else one generated once and kept under var/ so every run prints the same."""
    if os.environ.get("LOCAL_ANALYST_PASSWORD"):
        return os.environ["LOCAL_ANALYST_PASSWORD"]
    path = settings.VAR_DIR / "local-analyst-password"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(18)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password


class Command(BaseCommand):
    help = "Create (or refresh) the staff user 'analyst' for local development, in the analysts group."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")
        parser.add_argument("--host", default=os.environ.get("HOST") or "127.0.0.1",
                            help="The address the web server binds (default: $HOST, else 127.0.0.1).")
        parser.add_argument("--port", default=os.environ.get("PORT") or "8000",
                            help="The port the web server listens on (default: $PORT, else 8000).")

    @transaction.atomic
    def handle(self, *args, force=False, host="127.0.0.1", port="8000", **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a shared deployment: a known local login does not belong there. "
                "Use --force if you really mean it."
            )
        password = local_password()
        user, _ = get_user_model().objects.get_or_create(username=USERNAME)
        user.is_staff = True
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.add(ensure_analyst_group())
        grant_partner_management(user)
        origin = served_origin(host, port)
        self.stdout.write(f"The server listens on {host}:{port}.")
        self.stdout.write(f"Log in at {origin}{reverse('workspace:queue')} as {USERNAME} / {password}")
        self.stdout.write(f"Data administration (the admin): {origin}{reverse('admin:index')}")
