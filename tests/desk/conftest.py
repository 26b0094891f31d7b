import pytest
from rest_framework.test import APIClient

from catalog.choices import TLP
from tests.factories import AnalystFactory
from tests.partners.factories import PartnerFactory, issue_key


def logged_in(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def second_analyst_client(second_analyst):
    return logged_in(second_analyst)


@pytest.fixture
def third_analyst_client(db):
    return logged_in(AnalystFactory())


@pytest.fixture
def partner_client(db):
    """A partner with every clearance there is (TLP:RED, identities, graphic), by API key: still no analyst."""
    partner = PartnerFactory(max_tlp=TLP.RED, may_see_identities=True, may_see_graphic=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {issue_key(partner)[1]}")
    return client
