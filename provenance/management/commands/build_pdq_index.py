from django.core.management.base import BaseCommand

from provenance.services import publish_index


class Command(BaseCommand):
    help = (
        "Publish the machine's shared PDQ index in PDQ_INDEX_DIR with every stored frame hash: appends what the last "
        "generation misses, or with --rebuild builds it anew (after hashes were deleted or the database replaced)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Build from every stored hash, not the last one.")

    def handle(self, *args, rebuild=False, **options):
        generation = publish_index(rebuild=rebuild)
        count = sum(len(segment) for segment in generation.segments)
        self.stdout.write(f"PDQ index generation {generation.number}: {count} hashes in {len(generation.segments)} segments.")
