import pytest

from catalog.choices import TLP, WebhookEvent
from catalog.models import Partner, WebhookSubscription
from tests.webhooks.receiver import WebhookReceiver

SECRET = "partner-shared-secret"
ALL_EVENTS = list(WebhookEvent.values)


@pytest.fixture
def four_eyes(settings):
    settings.FOUR_EYES_REVIEW = True


@pytest.fixture
def receiver():
    with WebhookReceiver(SECRET) as server:
        yield server


def subscribe(url, name="Newsroom", max_tlp=TLP.AMBER, may_see_identities=False, events=ALL_EVENTS, secret=SECRET):
    partner = Partner.objects.create(name=name, max_tlp=max_tlp, may_see_identities=may_see_identities)
    return WebhookSubscription.objects.create(partner=partner, url=url, events=list(events), secret=secret)


@pytest.fixture
def subscription(db, receiver):
    return subscribe(receiver.url())
