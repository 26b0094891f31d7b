import pytest
from rest_framework.test import APIClient

from tests.partners.factories import PartnerFactory, issue_key


@pytest.fixture
def partner_client_for(db):
    """A client authenticated with a fresh API key of a partner made with the given fields."""

    def make(**fields):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {issue_key(PartnerFactory(**fields))[1]}")
        return client

    return make
