from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from catalog.api.desk_serializers import decode_report, ingest
from catalog.choices import TLP

COUNTED = ("identities", "claims", "places")


class Command(BaseCommand):
    help = (
        "Ingest scraped reports (UTF-8 .txt files as the scraper saved them) into drafts for the desk. "
        "A file that cannot be read is reported and the others still go in."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--url", default="", help="Where the report was published (for a single report).")
        parser.add_argument("--tlp", default=TLP.AMBER, choices=TLP.values, help="Marking of the reports (default amber).")

    def handle(self, *args, paths, url="", tlp=TLP.AMBER, **options):
        if tlp not in TLP.values:
            raise CommandError(f"Unknown TLP {tlp!r}: one of {', '.join(TLP.values)}.")
        failures = 0
        for path in paths:
            try:
                text = decode_report(path.read_bytes())
                draft, created = ingest(text, url=url, tlp=tlp)
            except (ValidationError, OSError) as problem:
                failures += 1
                self.stderr.write(f"REFUSED {path}: {_reason(problem)}")
                continue
            counts = ", ".join(f"{len(draft.payload.get(name, []))} {name}" for name in COUNTED)
            state = "ingested as" if created else "already ingested as"
            self.stdout.write(f"{path}: {state} draft {draft.pk} “{draft.report.title}” ({counts})")
        if failures:
            raise CommandError(f"{failures} of {len(paths)} reports were not ingested.")


def _reason(problem):
    if isinstance(problem, ValidationError):
        return " ".join(problem.messages)
    return problem.strerror or str(problem)
