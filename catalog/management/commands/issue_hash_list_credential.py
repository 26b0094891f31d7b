from django.core.management.base import BaseCommand, CommandError

from catalog.models import Partner
from catalog.services import hashlists


class Command(BaseCommand):
    help = (
        "Issue a hash-list login (username and password) to a partner for its Hasher-Matcher-Actioner, and print the "
        "password once: only its hash is stored. Separate from the partner's API keys; revoke it in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("partner_name", help="The partner's name, as in the admin.")
        parser.add_argument("--username", default="", help="The username (default: hma- and random hex).")

    def handle(self, partner_name, username, **options):
        try:
            partner = Partner.objects.get(name=partner_name)
        except Partner.DoesNotExist:
            raise CommandError(f"No partner is named {partner_name!r}.") from None
        try:
            credential, password = hashlists.issue_credential(partner, username=username)
        except ValueError as refusal:
            raise CommandError(str(refusal)) from None
        self.stderr.write(f"Hash-list credential for {partner}; the password is shown only now.")
        self.stdout.write(f"username: {credential.username}\npassword: {password}")
