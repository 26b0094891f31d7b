from django.core.management.base import BaseCommand

from catalog.demo_case import load_demo_case


class Command(BaseCommand):
    help = "Load the Deir Ezzor 2017 case (an Amaq video of two men presented as captured Russian soldiers)."

    def handle(self, *args, **options):
        for line in load_demo_case():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Deir Ezzor 2017 case loaded."))
