"""Posting a delivery to a real receiver on 127.0.0.1: Standard Webhooks signature, retries, refusals, timeouts,
idempotency, replay."""

import base64
import datetime as dt
import http.client
import json
import socket
from urllib.parse import urlsplit

import pytest
import standardwebhooks
from django.utils import timezone

from catalog.choices import TLP, WebhookEvent
from catalog.models import WebhookDelivery
from catalog.services import webhooks
from provenance.choices import JobStatus
from provenance.jobs import TransientJobError
from tests.factories import MediaItemFactory
from tests.webhooks.conftest import SECRET, subscribe
from tests.webhooks.receiver import WebhookReceiver, verify

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
    assert post.signature_valid, post.refusal
    assert post.path == "/hooks"
    assert post.headers["webhook-id"] == str(delivery.event_id)
    assert post.headers["Content-Type"] == "application/json"
    assert post.json == {"type": "item.published", "timestamp": delivery.created_at.isoformat(), "data": delivery.payload}
    assert (delivery.status, delivery.response_status, delivery.response_excerpt) == (
        JobStatus.SUCCEEDED, 200, "accepted"
    )


def test_the_signature_is_the_standard_webhooks_hmac_of_id_timestamp_and_exact_body(receiver, subscription):
    delivered(pending_delivery(subscription))

    [post] = receiver.received
    key = base64.b64decode(SECRET.removeprefix("whsec_"))
    signed = f"{post.headers['webhook-id']}.{post.headers['webhook-timestamp']}.".encode() + post.body
    expected = standardwebhooks.webhooks.hmac_data(key, signed)
    assert post.headers["webhook-signature"] == "v1," + base64.b64encode(expected).decode()
    assert standardwebhooks.Webhook(SECRET).verify(post.body, post.headers) == post.json


def test_a_receiver_holding_another_secret_refuses_the_delivery_and_it_fails_for_good(receiver):
    other = "whsec_" + base64.b64encode(b"a secret the receiver does not know").decode()
    subscription = subscribe(receiver.url(), secret=other)

    delivery = delivered(pending_delivery(subscription))

    [post] = receiver.received
    assert not post.signature_valid
    assert post.refusal == "No matching signature found"
    assert (delivery.status, delivery.response_status) == (JobStatus.FAILED, 401)
    assert "401" in delivery.error


def replay(url, body, headers):
    """Post captured bytes again, as an eavesdropper would: straight to the receiver, not through the service."""
    parsed = urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=5)
    try:
        connection.request("POST", parsed.path, body=body, headers={**headers, "Content-Type": "application/json"})
        return connection.getresponse().status
    finally:
        connection.close()


def test_a_delivery_replayed_after_the_tolerance_window_is_refused_by_the_receiver(receiver, subscription):
    delivery = delivered(pending_delivery(subscription))
    [post] = receiver.received
    # What an eavesdropper captured six minutes ago: the same event, body and headers as signed then.
    captured = webhooks.signed_headers(subscription, delivery, post.body, now=timezone.now() - dt.timedelta(minutes=6))

    assert replay(receiver.url(), post.body, captured) == 401
    assert receiver.received[-1].refusal == "Message timestamp too old"
    # Moving the timestamp forward to look fresh breaks the signature instead.
    refreshed = {**captured, "webhook-timestamp": str(int(timezone.now().timestamp()))}
    assert replay(receiver.url(), post.body, refreshed) == 401
    assert receiver.received[-1].refusal == "No matching signature found"
    # Within the window the same bytes verify: the receiver deduplicates those on webhook-id.
    assert replay(receiver.url(), post.body, {k: v for k, v in post.headers.items() if k.startswith("webhook-")}) == 200


def test_a_tampered_body_or_a_missing_header_is_refused(receiver, subscription):
    delivered(pending_delivery(subscription))
    [post] = receiver.received
    headers_without_id = {k: v for k, v in post.headers.items() if k.lower() != "webhook-id"}

    assert verify(SECRET, post.body.replace(b"Amaq", b"Amak"), post.headers) == "No matching signature found"
    assert verify(SECRET, post.body, headers_without_id) == "Missing required headers"


def test_each_attempt_is_signed_with_its_own_timestamp_over_the_same_body(allow, subscription):
    with allow(WebhookReceiver(SECRET, statuses=[500, 200])) as receiver:
        subscription.url = receiver.url()
        subscription.save()
        delivery = pending_delivery(subscription)
        body = webhooks.envelope(delivery)
        past = dt.datetime(2017, 10, 3, 12, tzinfo=dt.timezone.utc)

        old_headers = webhooks.signed_headers(subscription, delivery, body, now=past)
        with pytest.raises(TransientJobError):
            webhooks.deliver(delivery.pk)
        delivered(delivery)

    first, second = receiver.received
    assert first.body == second.body == body
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == old_headers["webhook-id"]
    assert old_headers["webhook-timestamp"] == str(int(past.timestamp()))
    assert verify(SECRET, body, old_headers) == "Message timestamp too old"
    assert first.signature_valid and second.signature_valid


def test_a_server_error_is_retried_and_the_retry_posts_the_same_event_again(allow, subscription):
    with allow(WebhookReceiver(SECRET, statuses=[500, 200])) as receiver:
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
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert first.body == second.body


@pytest.mark.parametrize("status", [400, 404, 410])
def test_a_client_error_fails_the_delivery_without_retrying(allow, subscription, status):
    with allow(WebhookReceiver(SECRET, statuses=[status])) as receiver:
        subscription.url = receiver.url()
        subscription.save()
        delivery = delivered(pending_delivery(subscription))
        delivered(delivery)

    assert (delivery.status, delivery.response_status) == (JobStatus.FAILED, status)
    assert len(receiver.received) == 1


def test_too_many_requests_is_retried_later(allow, subscription):
    with allow(WebhookReceiver(SECRET, statuses=[429])) as receiver:
        subscription.url = receiver.url()
        subscription.save()
        delivery = pending_delivery(subscription)

        with pytest.raises(TransientJobError):
            webhooks.deliver(delivery.pk)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.response_status) == (JobStatus.PENDING, 429)


def test_a_receiver_slower_than_the_timeout_is_retried_later(allow, subscription, monkeypatch):
    monkeypatch.setattr(webhooks, "TIMEOUT", (2, 0.5))
    with allow(WebhookReceiver(SECRET, delay=2)) as receiver:
        subscription.url = receiver.url()
        subscription.save()
        delivery = pending_delivery(subscription)

        with pytest.raises(TransientJobError, match="Could not deliver"):
            webhooks.deliver(delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == JobStatus.PENDING
    assert len(receiver.received) == 1


def test_a_receiver_that_is_down_is_retried_later(subscription, settings):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.EGRESS_ALLOWED_TEST_ORIGINS = [f"127.0.0.1:{port}"]
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
    settings.EGRESS_ALLOWED_TEST_ORIGINS = []

    delivery = delivered(pending_delivery(subscription))

    assert delivery.status == JobStatus.FAILED
    assert "127.0.0.1 is a loopback address" in delivery.error
    assert receiver.received == []


def test_a_deactivated_subscription_is_not_posted_to(receiver, subscription):
    delivery = pending_delivery(subscription)
    subscription.is_active = False
    subscription.save()

    delivery = delivered(delivery)

    assert delivery.status == JobStatus.FAILED
    assert receiver.received == []


def test_a_redirect_is_not_followed_so_the_signed_body_goes_nowhere_else(allow, subscription):
    with allow(WebhookReceiver(SECRET, statuses=[302])) as receiver:
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
