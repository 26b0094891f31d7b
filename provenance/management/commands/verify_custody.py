from django.core.management.base import BaseCommand, CommandError

from provenance.models import CustodyEvent, MediaFile
from provenance.services import find_broken_custody_links


class Command(BaseCommand):
    help = "Verify every file's custody hash chain and name the first broken link of each broken chain."

    def add_arguments(self, parser):
        parser.add_argument("--sha256", help="Check only the file with this SHA-256.")

    def handle(self, *args, sha256=None, **options):
        media_files = MediaFile.objects.all()
        if sha256:
            media_files = media_files.filter(sha256=sha256.lower())
            if not media_files.exists():
                raise CommandError(f"No stored file has SHA-256 {sha256}.")
        broken = find_broken_custody_links(media_files)
        for media_file, event, problem in broken:
            self.stderr.write(
                f"BROKEN {media_file.sha256}: first bad link is event #{event.sequence} "
                f"({event.get_action_display()}, {event.recorded_at.isoformat()}): {problem}"
            )
        if broken:
            raise CommandError(f"{len(broken)} of {media_files.count()} custody chains are broken.")
        events = CustodyEvent.objects.filter(media_file__in=media_files).count()
        self.stdout.write(f"OK: {media_files.count()} custody chains, {events} events, all links intact.")
