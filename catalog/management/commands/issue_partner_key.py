from django.core.management.base import BaseCommand, CommandError

from catalog.models import Partner
from catalog.services import partners


class Command(BaseCommand):
    help = (
        "Issue a new API key to a partner and print it once: only its hash is stored. "
        "The partner sends it as `Authorization: Api-Key <key>`."
    )

    def add_arguments(self, parser):
        parser.add_argument("partner_name", help="The partner's name, as in the admin.")
        parser.add_argument("--expires", type=int, metavar="DAYS", help="Days until the key expires (default: never).")
        parser.add_argument("--name", default="", help="A label for the key (default: partner name and date).")

    def handle(self, partner_name, expires, name, **options):
        if expires is not None and expires < 1:
            raise CommandError("--expires takes a number of days, 1 or more.")
        try:
            partner = Partner.objects.get(name=partner_name)
        except Partner.DoesNotExist:
            raise CommandError(f"No partner is named {partner_name!r}.") from None
        try:
            api_key, key = partners.issue_key(partner, expires_in_days=expires, name=name)
        except ValueError as refusal:
            raise CommandError(str(refusal)) from None
        expiry = f"expires {api_key.expiry_date:%Y-%m-%d %H:%M} UTC" if api_key.expiry_date else "does not expire"
        self.stderr.write(f"Key {api_key.prefix} for {partner} ({expiry}); it is shown only now:")
        self.stdout.write(key)
