import pytest

from catalog.choices import TLP, WebhookEvent
from catalog.models import Partner, WebhookSubscription
from tests.webhooks.receiver import WebhookReceiver

# A Standard Webhooks secret: "whsec_" and base64 of the key bytes.
SECRET = "whsec_cGFydG5lci1zaGFyZWQtc2VjcmV0LW9mLTMyLWJ5dGVzIQ=="
ALL_EVENTS = list(WebhookEvent.values)


@pytest.fixture
def four_eyes(settings):
    settings.FOUR_EYES_REVIEW = True


@pytest.fixture
def allow(settings, monkeypatch):
    """Let outbound requests reach exactly this local server (and no other local address)."""

    def allow_server(server):
        settings.EGRESS_ALLOWED_TEST_ORIGINS = [server.origin]
        monkeypatch.setenv("EGRESS_ALLOWED_TEST_ORIGINS", server.origin)
        return server

    return allow_server


@pytest.fixture
def receiver(allow):
    with WebhookReceiver(SECRET) as server:
        yield allow(server)


def subscribe(url, name="Newsroom", max_tlp=TLP.AMBER, may_see_identities=False, events=ALL_EVENTS, secret=SECRET):
    partner = Partner.objects.create(name=name, max_tlp=max_tlp, may_see_identities=may_see_identities)
    return WebhookSubscription.objects.create(partner=partner, url=url, events=list(events), secret=secret)


@pytest.fixture
def subscription(db, receiver):
    return subscribe(receiver.url())
