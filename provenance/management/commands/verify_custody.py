from django.core.management.base import BaseCommand, CommandError

from provenance.models import CustodyAnchor, CustodyEvent, MediaFile
from provenance.services import check_custody

LABELS = {"chain": "BROKEN", "anchored": "TRUNCATED", "bytes": "CHANGED", "anchor": "ANCHOR"}


class Command(BaseCommand):
    help = (
        "Verify every file's custody: its hash chain, the chain against its anchored heads (deleted newest events), "
        "the anchors' RFC 3161 tokens, and its stored bytes; name the first bad point of each."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sha256", help="Check only the file with this SHA-256 (and the anchors holding it).")
        parser.add_argument("--no-rehash", action="store_true", help="Do not hash the stored bytes again.")

    def handle(self, *args, sha256=None, no_rehash=False, **options):
        media_files = MediaFile.objects.all()
        if sha256:
            media_files = media_files.filter(sha256=sha256.lower())
            if not media_files.exists():
                raise CommandError(f"No stored file has SHA-256 {sha256}.")
        problems = check_custody(media_files, rehash=not no_rehash)
        for problem in problems:
            self.stderr.write(f"{LABELS[problem.kind]} {problem}")
        chains = media_files.count()
        if problems:
            bad_files = {problem.subject for problem in problems if problem.kind != "anchor"}
            bad_anchors = {problem.subject for problem in problems if problem.kind == "anchor"}
            raise CommandError(
                f"{len(bad_files)} of {chains} custody chains are broken or their bytes changed; "
                f"{len(bad_anchors)} anchors do not verify."
            )
        events = CustodyEvent.objects.filter(media_file__in=media_files).count()
        anchors = CustodyAnchor.objects.filter(heads__media_file__in=media_files).distinct().count()
        self.stdout.write(
            f"OK: {chains} custody chains, {events} events, all links intact; {anchors} anchors verify"
            + ("." if no_rehash else "; stored bytes intact.")
        )
