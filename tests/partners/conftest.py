import pytest
from rest_framework.test import APIClient

from catalog.policies.access import Caller, FeedCursor
from tests.partners.factories import PartnerFactory, issue_key


def cursor_position(client, cursor):
    """The feed position a cursor given to `client`'s partner stands for (cursors are encrypted: each differs)."""
    return FeedCursor(Caller.for_partner(client.partner)).decode(cursor)


def key_client(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


@pytest.fixture(autouse=True)
def feed_without_settling(settings):
    """Positions of a test database have gaps (PostgreSQL sequences outlive rolled-back tests): read at once.
    The settling itself is tested in test_feed.py."""
    settings.FEED_SETTLE_SECONDS = 0


@pytest.fixture
def partner_client_for(db):
    """A client authenticated with a fresh API key of a partner made with the given fields."""

    def make(**fields):
        partner = PartnerFactory(**fields)
        api_key, key = issue_key(partner)
        client = key_client(key)
        client.partner, client.api_key = partner, api_key
        return client

    return make


@pytest.fixture
def partner_client(partner_client_for):
    """A partner cleared for TLP:GREEN, without identity or graphic clearance."""
    return partner_client_for()


def pytest_terminal_summary(terminalreporter):
    from tests.partners import test_leak_matrix

    line = test_leak_matrix.summary()
    if line:
        terminalreporter.write_sep("-", "partner access")
        terminalreporter.write_line(line)
