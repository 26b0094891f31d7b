import factory

from catalog.choices import TLP
from catalog.models import Partner
from catalog.services import partners


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner {n}")
    max_tlp = TLP.GREEN
    contact_email = factory.LazyAttribute(lambda partner: f"desk{partner.name.split()[-1]}@partner.example")


def issue_key(partner, **kwargs):
    """(PartnerAPIKey, key) through the same service as the management command."""
    return partners.issue_key(partner, **kwargs)
