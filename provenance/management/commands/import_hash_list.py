import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from provenance.services import external_signals


class Command(BaseCommand):
    help = (
        "Import an external hash list as signals under a source name: Tech Against Terrorism's JSON (a hash-list "
        "page or its results) or a CSV (algorithm,hash or columns pdq, md5, sha256). Entries marked deleted are "
        "removed. Stored files that match raise a finding naming the list."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The list's name, as findings will name it (e.g. 'TAT hash list').")
        parser.add_argument("path", help="The JSON or CSV file; - reads standard input.")

    def handle(self, source, path, **options):
        try:
            text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        try:
            counts = external_signals.import_list(source, external_signals.parse_list(text))
        except external_signals.ListRefused as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(
            f"{source}: {counts['added']} added, {counts['removed']} removed, {counts['matches']} new matches."
        )
