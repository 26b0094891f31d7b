from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from catalog.models import MediaItem
from catalog.services import attach_file


class Command(BaseCommand):
    help = "Store files as evidence of a media item and queue their enrichment."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--item", type=int, required=True, help="Primary key of the media item.")
        parser.add_argument("--user", help="Username recorded in the custody log (default: system).")

    def handle(self, *args, paths, item, user=None, **options):
        media_item = MediaItem.objects.filter(pk=item).first()
        if media_item is None:
            raise CommandError(f"There is no media item {item}.")
        analyst = None
        if user:
            analyst = get_user_model().objects.filter(username=user).first()
            if analyst is None:
                raise CommandError(f"There is no user {user!r}.")
        failures = 0
        for path in paths:
            try:
                with path.open("rb") as fileobj:
                    source = {"via": "command", "path": str(path.resolve())}
                    link = attach_file(media_item, fileobj, path.name, analyst, source=source)
            except ValidationError as problem:
                failures += 1
                self.stderr.write(f"REFUSED {path}: {'; '.join(problem.messages)}")
                continue
            except OSError as problem:
                failures += 1
                self.stderr.write(f"REFUSED {path}: {problem.strerror or problem}")
                continue
            self.stdout.write(f"stored {path} as {link.media_file.sha256}")
        if failures:
            raise CommandError(f"{failures} of {len(paths)} files were not ingested.")
