import pytest

from catalog.choices import OrganizationKind, Platform
from catalog.models import Channel, Organization, OrganizationAlias



@pytest.fixture
def amaq(db):
    """A producer catalogued in Latin script, with an Arabic alias."""
    organization = Organization.objects.create(name="Amaq News Agency", kind=OrganizationKind.ARMED_GROUP_MEDIA)
    OrganizationAlias.objects.create(organization=organization, name="وكالة أعماق")
    return organization


@pytest.fixture
def amaq_telegram(amaq):
    return Channel.objects.create(platform=Platform.TELEGRAM, handle="@amaqagency", url="https://t.me/amaqagency",
                                  operator=amaq)
