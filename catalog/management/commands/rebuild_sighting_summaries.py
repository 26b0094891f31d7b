from django.core.management.base import BaseCommand

from catalog.services.items import rebuild_sighting_summaries


class Command(BaseCommand):
    help = (
        "Store again what the sightings say about each item: its first-seen time and the channels it appeared on "
        "(the item list's ordering and ?channel= read them). For sightings written by a raw INSERT or UPDATE or "
        "restored from a dump, which the save signals never saw. Safe to run again."
    )

    def handle(self, **options):
        items, appearances = rebuild_sighting_summaries()
        self.stdout.write(f"{items} items' first-seen times stored; {appearances} channel appearances written")
