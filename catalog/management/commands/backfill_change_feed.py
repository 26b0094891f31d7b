from django.core.management.base import BaseCommand, CommandError

from catalog.services import partners


class Command(BaseCommand):
    help = (
        "Write a `created` change feed entry for every shared record that has none (imported with bulk_create, "
        "restored from a dump, older than the feed), so partner mirrors learn of it. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000, help="Records read per query (default: 1000).")

    def handle(self, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size takes a number of records, 1 or more.")
        written = partners.backfill_change_feed(batch_size=batch_size)
        for record_type, count in written.items():
            self.stdout.write(f"{record_type}: {count} entries written")
        self.stdout.write(f"total: {sum(written.values())} entries written")
