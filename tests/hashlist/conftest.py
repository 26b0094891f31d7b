import pytest
from threatexchange.exchanges.clients.techagainstterrorism.api import TATHashListAPI
from threatexchange.exchanges.impl.techagainstterrorism_api import TATSignalExchangeAPI

from catalog.choices import MediaAuthenticity
from catalog.services import hashlists, reviews
from provenance.services.enrichment import compute_hashes
from tests.factories import AnalystFactory, ItemFileFactory
from tests.partners.factories import PartnerFactory


@pytest.fixture(autouse=True)
def feed_without_settling(settings):
    """Positions of a test database have gaps (PostgreSQL sequences outlive rolled-back tests): read at once."""
    settings.FEED_SETTLE_SECONDS = 0


def tat_client_class(base_url):
    """threatexchange's own client, unchanged but for where it connects (its BASE_URL is a class variable)."""
    return type("LocalTATHashListAPI", (TATHashListAPI,), {"BASE_URL": base_url})


def hma_exchange(base_url, username, password):
    """HMA's "tat" exchange as it fetches, with its client pointed at `base_url`."""
    client_class = tat_client_class(base_url)

    class LocalTATExchange(TATSignalExchangeAPI):
        def get_client(self):
            return client_class(username=self.username, password=self.password)

    return LocalTATExchange(username, password)


class HMAMirror:
    """What an HMA instance subscribed to the list holds: {(signal type, hash)}, applying each fetched delta in
    order and keeping the checkpoint between fetches, as HMA's fetcher does."""

    def __init__(self, base_url, username, password):
        self.exchange = hma_exchange(base_url, username, password)
        self.checkpoint, self.signals, self.deleted_seen = None, set(), set()

    def fetch(self):
        for delta in self.exchange.fetch_iter([], self.checkpoint):
            for key, metadata in delta.updates.items():
                if metadata is None:
                    self.signals.discard(key)
                    self.deleted_seen.add(key)
                else:
                    self.signals.add(key)
            self.checkpoint = delta.checkpoint
        return self.signals


@pytest.fixture
def hash_list_url(live_server):
    return f"{live_server.url}/hma/tat/"


@pytest.fixture
def partner_login(db):
    """A partner cleared for TLP:GREEN with a hash-list credential: (partner, credential, password)."""
    partner = PartnerFactory()
    credential, password = hashlists.issue_credential(partner)
    return partner, credential, password


def approved(media_item, authenticity=MediaAuthenticity.ORIGINAL):
    """The item's verdict, recorded by one analyst and approved by a second (four-eyes review)."""
    event = reviews.review_item_authenticity(media_item, authenticity, AnalystFactory(), "Frame-matched to the original.")
    reviews.approve_review(event, AnalystFactory())
    media_item.refresh_from_db()
    return media_item


def hashed_file(**fields):
    """An item file whose stored bytes went through the hashing job (so its MD5 is known)."""
    link = ItemFileFactory(**fields)
    compute_hashes(link.media_file)
    link.media_file.refresh_from_db()
    return link
