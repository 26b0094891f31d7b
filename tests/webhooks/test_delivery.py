"""Posting a delivery to a real receiver on 127.0.0.1: signature, retries, refusals, timeouts, idempotency."""

import hashlib
import hmac
import json
import socket

import pytest

from catalog.choices import TLP, WebhookEvent
from catalog.models import WebhookDelivery
from catalog.services import webhooks
from provenance.choices import JobStatus
from provenance.jobs import TransientJobError
from tests.factories import MediaItemFactory
from tests.webhooks.conftest import SECRET, subscribe
from tests.webhooks.receiver import WebhookReceiver

pytestmark = pytest.mark.django_db


def pending_delivery(subscription, title="Amaq video"):
    item = MediaItemFactory(tlp=TLP.GREEN, title=title)
    [delivery] = webhooks.notify(
        WebhookEvent.ITEM_PUBLISHED, lambda visibility: webhooks.item_payload(item, visibility),
        webhooks.event_id(WebhookEvent.ITEM_PUBLISHED, "media_item", item.pk),
    )
    return delivery


def delivered(delivery, token=""):
    webhooks.deliver(delivery.pk, token=token)
    delivery.refresh_from_db()
    return delivery


def test_a_delivery_posts_the_signed_event_and_records_the_answer(receiver, subscription):
    delivery = delivered(pending_delivery(subscription))

    [post] = receiver.received
    assert post.signature_valid
    assert post.path == "/hooks"
    assert post.headers["X-Catalog-Event"] == "item.published"
    assert post.headers["X-Catalog-Delivery"] == str(delivery.event_id)
    assert post.headers["Content-Type"] == "application/json"
    assert post.json == {
        "event": "item.published", "event_id": str(delivery.event_id),
        "created_at": delivery.created_at.isoformat(), "data": delivery.payload,
    }
    assert (delivery.status, delivery.response_status, delivery.response_excerpt) == (
        JobStatus.SUCCEEDED, 200, "accepted"
    )


def test_the_signature_is_the_hmac_sha256_of_the_exact_body_with_the_subscription_secret(receiver, subscription):
    delivered(pending_delivery(subscription))

    [post] = receiver.received
    expected = hmac.new(SECRET.encode(), post.body, hashlib.sha256).hexdigest()
    assert post.headers["X-Catalog-Signature"] == f"sha256={expected}"


def test_a_receiver_holding_another_secret_refuses_the_delivery_and_it_fails_for_good(receiver):
    subscription = subscribe(receiver.url(), secret="a secret the receiver does not know")

    delivery = delivered(pending_delivery(subscription))

    [post] = receiver.received
    assert not post.signature_valid
    assert (delivery.status, delivery.response_status) == (JobStatus.FAILED, 401)
    assert "401" in delivery.error


def test_a_server_error_is_retried_and_the_retry_posts_the_same_event_again(subscription):
    with WebhookReceiver(SECRET, statuses=[500, 200]) as receiver:
        subscription.url = receiver.url()
        subscription.save()
        delivery = pending_delivery(subscription)

        with pytest.raises(TransientJobError):
            webhooks.deliver(delivery.pk)
        delivery.refresh_from_db()
        assert (delivery.status, delivery.response_status) == (JobStatus.PENDING, 500)
        assert "500" in delivery.error

        delivery = delivered(delivery)

    assert (delivery.status, delivery.response_status, delivery.attempts) == (JobStatus.SUCCEEDED, 200, 2)
    first, second = receiver.received
    assert (first.answered, second.answered) == (500, 200)
    # At least once: the receiver deduplicates on the delivery header, and the bytes are the same each time.
    assert first.headers["X-Catalog-Delivery"] == second.headers["X-Catalog-Delivery"]
    assert first.body == second.body


@pytest.mark.parametrize("status", [400, 404, 410])
def test_a_client_error_fails_the_delivery_without_retrying(subscription, status):
    with WebhookReceiver(SECRET, statuses=[status]) as receiver:
        subscription.url = receiver.url()
        subscription.save()
        delivery = delivered(pending_delivery(subscription))
        delivered(delivery)

    assert (delivery.status, delivery.response_status) == (JobStatus.FAILED, status)
    assert len(receiver.received) == 1


def test_too_many_requests_is_retried_later(subscription):
    with WebhookReceiver(SECRET, statuses=[429]) as receiver:
        subscription.url = receiver.url()
        subscription.save()
        delivery = pending_delivery(subscription)

        with pytest.raises(TransientJobError):
            webhooks.deliver(delivery.pk)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.response_status) == (JobStatus.PENDING, 429)


def test_a_receiver_slower_than_the_timeout_is_retried_later(subscription, monkeypatch):
    monkeypatch.setattr(webhooks, "TIMEOUT", (2, 0.5))
    with WebhookReceiver(SECRET, delay=2) as receiver:
        subscription.url = receiver.url()
        subscription.save()
        delivery = pending_delivery(subscription)

        with pytest.raises(TransientJobError, match="Could not deliver"):
            webhooks.deliver(delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == JobStatus.PENDING
    assert len(receiver.received) == 1


def test_a_receiver_that_is_down_is_retried_later(subscription):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    subscription.url = f"http://127.0.0.1:{port}/hooks"
    subscription.save()
    delivery = pending_delivery(subscription)

    with pytest.raises(TransientJobError):
        webhooks.deliver(delivery.pk)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.response_status) == (JobStatus.PENDING, None)


def test_delivering_a_delivered_event_again_posts_nothing(receiver, subscription):
    delivery = delivered(pending_delivery(subscription))

    delivered(delivery)
    delivered(delivery, token="a-redelivered-message")

    assert len(receiver.received) == 1
    assert delivery.attempts == 1


def test_a_private_address_is_refused_without_a_request_unless_allowed(receiver, subscription, settings):
    settings.CAPTURE_ALLOW_PRIVATE_ADDRESSES = False

    delivery = delivered(pending_delivery(subscription))

    assert delivery.status == JobStatus.FAILED
    assert "non-public address" in delivery.error
    assert receiver.received == []


def test_a_deactivated_subscription_is_not_posted_to(receiver, subscription):
    delivery = pending_delivery(subscription)
    subscription.is_active = False
    subscription.save()

    delivery = delivered(delivery)

    assert delivery.status == JobStatus.FAILED
    assert receiver.received == []


def test_a_redirect_is_not_followed_so_the_signed_body_goes_nowhere_else(subscription):
    with WebhookReceiver(SECRET, statuses=[302]) as receiver:
        subscription.url = receiver.url()
        subscription.save()
        delivery = delivered(pending_delivery(subscription))

    assert (delivery.status, delivery.response_status) == (JobStatus.FAILED, 302)
    assert len(receiver.received) == 1


def test_the_posted_body_is_compact_sorted_json_the_receiver_can_verify_byte_for_byte(receiver, subscription):
    delivery = delivered(pending_delivery(subscription, title="Видео «Амак»"))

    [post] = receiver.received
    assert post.body == webhooks.envelope(WebhookDelivery.objects.get(pk=delivery.pk))
    assert json.loads(post.body)["data"]["media_item"]["title"] == "Видео «Амак»"
