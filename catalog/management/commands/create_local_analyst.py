import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog.services.analysts import ensure_analyst_group

USERNAME = "analyst"


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

    @transaction.atomic
    def handle(self, *args, force=False, **options):
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
        self.stdout.write(f"Log in at http://127.0.0.1:8000/admin/ as {USERNAME} / {password}")
