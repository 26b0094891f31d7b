"""Two notify worker processes, as on two hosts, deliver to one real receiver: per subscription in order, each event
recorded once, while the receiver refuses some posts with a server error that must be retried."""

import itertools

import pytest
from django.db import connection

from catalog.choices import TLP, WebhookEvent
from catalog.models import WebhookDelivery
from catalog.services import webhooks
from config.queues import Queue
from provenance.choices import JobStatus
from tests.conftest import require_service
from tests.factories import MediaItemFactory
from tests.integration.workers import logs_of, running_workers, wait_for
from tests.webhooks.conftest import SECRET, subscribe
from tests.webhooks.receiver import WebhookReceiver

pytestmark = pytest.mark.django_db(transaction=True)

EVENTS_PER_SUBSCRIPTION = 12
# The 4th and 11th posts the receiver takes are refused once: those events are retried with backoff.
ANSWERS = [200, 200, 200, 503, *[200] * 6, 500, 200]


def tell(item, event_number):
    """One event for every subscription, as `notify` tells it after a commit (sent to the broker at once)."""
    return webhooks.notify(
        WebhookEvent.ITEM_PUBLISHED, lambda caller: webhooks.item_payload(item, caller),
        webhooks.event_id(WebhookEvent.ITEM_PUBLISHED, "media_item", f"{item.pk}-{event_number}"),
    )


def collapse_retries(event_ids):
    """The sequence with a retried post counted once: consecutive repeats of one event id are one delivery."""
    return [event_id for event_id, _repeats in itertools.groupby(event_ids)]


def test_two_notify_workers_post_each_subscriptions_events_once_and_in_order(allow):
    require_service("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")
    # A slow receiver keeps posts in flight together, so the two workers race for every subscription.
    with allow(WebhookReceiver(SECRET, statuses=ANSWERS, delay=0.05)) as receiver:
        subscriptions = [subscribe(receiver.url(f"/hooks/{name}"), name=name) for name in ("Newsroom", "Archive")]
        item = MediaItemFactory(tlp=TLP.GREEN)
        for number in range(EVENTS_PER_SUBSCRIPTION):
            tell(item, number)
        deliveries = WebhookDelivery.objects.filter(subscription__in=subscriptions)
        assert deliveries.count() == EVENTS_PER_SUBSCRIPTION * len(subscriptions)

        with running_workers(2, queues=[Queue.NOTIFY], concurrency=2) as workers:
            wait_for(
                lambda: not deliveries.filter(status__in=[JobStatus.PENDING, JobStatus.RUNNING]).exists(),
                timeout=180,
            )
            logs = logs_of(workers)

    assert set(deliveries.values_list("status", flat=True)) == {JobStatus.SUCCEEDED}, logs
    assert all(post.signature_valid for post in receiver.received)
    for subscription in subscriptions:
        path = f"/hooks/{subscription.partner.name}"
        expected = [str(event_id) for event_id in deliveries.filter(subscription=subscription)
                    .order_by("pk").values_list("event_id", flat=True)]
        posted = [post.headers["webhook-id"] for post in receiver.received if post.path == path]
        accepted = [post.headers["webhook-id"] for post in receiver.received if post.path == path and post.answered == 200]
        # Each event accepted exactly once, and posted in the order of its subscription's deliveries: a refused
        # post is retried before any later event of that subscription goes out.
        assert sorted(accepted) == sorted(expected)
        assert collapse_retries(posted) == expected, (posted, expected)
        assert accepted == expected
    refused = [post for post in receiver.received if post.answered >= 500]
    assert len(refused) == 2
    assert WebhookDelivery.objects.filter(pk__in=deliveries, attempts=2).count() == 2
