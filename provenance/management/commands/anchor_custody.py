from django.core.management.base import BaseCommand, CommandError

from provenance.services import anchor_custody
from provenance.timestamping import TimestampUnavailable


class Command(BaseCommand):
    help = (
        "Timestamp the heads of every custody chain that changed since the last anchor: one Merkle root, one RFC 3161 "
        "token from the first CUSTODY_TSA_URLS that gives a valid one."
    )

    def handle(self, *args, **options):
        try:
            anchor = anchor_custody()
        except TimestampUnavailable as problem:
            raise CommandError(str(problem)) from problem
        if anchor is None:
            self.stdout.write("No custody chain changed since the last anchor; nothing to anchor.")
            return
        self.stdout.write(
            f"Anchor {anchor.pk}: {anchor.leaf_count} chain heads under root {anchor.root}, "
            f"timestamped {anchor.timestamped_at.isoformat()} by {anchor.tsa_url}."
        )
