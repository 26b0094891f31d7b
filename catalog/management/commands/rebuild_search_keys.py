from django.core.management.base import BaseCommand, CommandError

from catalog import search_keys


class Command(BaseCommand):
    help = (
        "Write the search key of every searchable record again (items, claims, quotes, reports, people, "
        "organisations, channels, sightings, places, identity assertions, tags, and the text read off frames, "
        "with each item's copy of its frames' keys): "
        "for rows changed by a raw UPDATE or restored from a dump. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Records written per query (default: 500).")

    def handle(self, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size takes a number of records, 1 or more.")
        written = search_keys.fill_all(batch_size=batch_size)
        search_keys.refresh_frame_text_keys()
        for model_name, count in written.items():
            self.stdout.write(f"{model_name}: {count} keys written")
        self.stdout.write("items: the keys of their frames' texts written")
