"""A real Celery worker delivers a webhook, retrying a receiver's server error with backoff."""

import pytest

from catalog.choices import TLP, WebhookEvent
from catalog.models import WebhookDelivery
from catalog.services import webhooks
from provenance.choices import JobStatus
from tests.factories import MediaItemFactory
from tests.integration.workers import running_worker, wait_for
from tests.webhooks.conftest import SECRET, subscribe
from tests.webhooks.receiver import WebhookReceiver

pytestmark = pytest.mark.django_db(transaction=True)


def settled(delivery_id):
    return WebhookDelivery.objects.get(pk=delivery_id).status in (JobStatus.SUCCEEDED, JobStatus.FAILED)


def test_a_worker_retries_a_server_error_and_then_delivers_the_event_once_accepted(allow):
    # The worker process inherits the allowance for this receiver from the environment.
    with allow(WebhookReceiver(SECRET, statuses=[500, 200])) as receiver:
        subscribe(receiver.url())
        item = MediaItemFactory(tlp=TLP.GREEN)
        # Outside a transaction the delivery is sent to the broker at once, as after a commit.
        [delivery] = webhooks.notify(
            WebhookEvent.ITEM_PUBLISHED, lambda visibility: webhooks.item_payload(item, visibility),
            webhooks.event_id(WebhookEvent.ITEM_PUBLISHED, "media_item", item.pk),
        )

        with running_worker(queues=["notify"]) as worker:
            wait_for(lambda: settled(delivery.pk), timeout=90)

    delivery.refresh_from_db()
    assert delivery.status == JobStatus.SUCCEEDED, worker.log_path.read_text()
    assert (delivery.response_status, delivery.attempts) == (200, 2)
    assert [post.answered for post in receiver.received] == [500, 200]
    assert all(post.signature_valid for post in receiver.received)
