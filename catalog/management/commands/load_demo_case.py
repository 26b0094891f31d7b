from django.core.management.base import BaseCommand

from catalog.demo_case import load_demo_case


class Command(BaseCommand):
    help = "Load the Deir Ezzor 2017 case (an Amaq video of two men presented as captured Russian soldiers)."

    def add_arguments(self, parser):
        parser.add_argument("--records-only", action="store_true",
                            help="Leave out the synthesised evidence, its re-upload, the people and the finding.")

    def handle(self, *args, records_only=False, **options):
        for line in load_demo_case(showcase=not records_only):
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Deir Ezzor 2017 case loaded."))
