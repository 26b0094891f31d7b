"""Who is told what: one delivery row per subscription that wants the event and may see the record; and the real
path from a published verdict to a partner's receiver, through the review service, the job and egress."""

import http.client
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import standardwebhooks
from django.utils import timezone

from catalog import services
from catalog.choices import TLP, ClaimStatus, MediaAuthenticity, WebhookEvent
from catalog.models import AccessAudit, WebhookDelivery
from catalog.services import webhooks
from catalog.tasks import deliver_webhook
from provenance.choices import JobStatus
from provenance.models import FileMatch
from tests.exports.case import GREGORY, ROMAN, amaq_case, publish
from tests.factories import ClaimFactory, ItemFileFactory, MediaItemFactory
from tests.webhooks.conftest import SECRET, subscribe

pytestmark = pytest.mark.django_db


def tell_item_published(item):
    return webhooks.notify(
        WebhookEvent.ITEM_PUBLISHED, lambda visibility: webhooks.item_payload(item, visibility),
        webhooks.event_id(WebhookEvent.ITEM_PUBLISHED, "media_item", item.pk),
    )


def test_a_subscribed_partner_gets_a_pending_delivery_sent_only_after_commit(
    subscription, django_capture_on_commit_callbacks
):
    item = MediaItemFactory(tlp=TLP.GREEN)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        [delivery] = tell_item_published(item)

    assert len(callbacks) == 1
    delivery.refresh_from_db()
    assert (delivery.subscription, delivery.event, delivery.status) == (
        subscription, WebhookEvent.ITEM_PUBLISHED, JobStatus.PENDING
    )
    assert delivery.enqueued_at is None
    assert delivery.payload["media_item"]["id"] == item.pk


def test_inactive_subscriptions_inactive_partners_and_other_events_get_nothing(receiver):
    inactive = subscribe(receiver.url(), name="Paused")
    inactive.is_active = False
    inactive.save()
    gone = subscribe(receiver.url(), name="Former partner")
    gone.partner.is_active = False
    gone.partner.save()
    subscribe(receiver.url(), name="Variants only", events=[WebhookEvent.VARIANT_MATCHED])

    assert tell_item_published(MediaItemFactory(tlp=TLP.CLEAR)) == []
    assert not WebhookDelivery.objects.exists()


def test_an_amber_item_is_not_sent_to_a_green_partner(receiver):
    green = subscribe(receiver.url(), name="Green partner", max_tlp=TLP.GREEN)
    amber = subscribe(receiver.url(), name="Amber partner", max_tlp=TLP.AMBER)

    deliveries = tell_item_published(MediaItemFactory(tlp=TLP.AMBER))

    assert [d.subscription for d in deliveries] == [amber]
    assert not WebhookDelivery.objects.filter(subscription=green).exists()


def test_identity_fields_are_withheld_from_a_partner_not_cleared_for_identities(
    receiver, four_eyes, analyst, second_analyst
):
    case = amaq_case(analyst, second_analyst)
    uncleared = subscribe(receiver.url(), name="Uncleared")
    cleared = subscribe(receiver.url(), name="Cleared", may_see_identities=True)

    tell_item_published(case.item)

    withheld = WebhookDelivery.objects.get(subscription=uncleared).payload
    assert withheld["media_item"]["identity_assertions"] is None
    assert withheld["redacted"] == ["media_item.identity_assertions"]
    assert ROMAN not in str(withheld) and GREGORY not in str(withheld)
    shown = WebhookDelivery.objects.get(subscription=cleared).payload
    assert [a["name_as_stated"] for a in shown["media_item"]["identity_assertions"]] == [ROMAN, GREGORY]
    assert shown["redacted"] == []


def test_partners_are_told_the_published_authenticity_not_the_working_one(
    subscription, four_eyes, analyst, second_analyst
):
    case = amaq_case(analyst, second_analyst)

    [delivery] = tell_item_published(case.item)

    assert case.item.authenticity == MediaAuthenticity.STAGED
    assert delivery.payload["media_item"]["authenticity"] == MediaAuthenticity.ORIGINAL


def test_telling_the_same_event_twice_keeps_one_delivery_per_subscription_with_the_latest_payload(subscription):
    item = MediaItemFactory(tlp=TLP.CLEAR, title="First title")
    tell_item_published(item)
    item.title = "Corrected title"
    item.save()

    tell_item_published(item)

    [delivery] = WebhookDelivery.objects.all()
    assert delivery.payload["media_item"]["title"] == "Corrected title"


def test_an_event_already_delivered_is_not_sent_again_and_its_log_keeps_what_was_sent(subscription):
    item = MediaItemFactory(tlp=TLP.CLEAR, title="As sent")
    [delivery] = tell_item_published(item)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=JobStatus.SUCCEEDED)
    item.title = "Changed afterwards"
    item.save()

    assert tell_item_published(item) == []

    [delivery] = WebhookDelivery.objects.all()
    assert delivery.payload["media_item"]["title"] == "As sent"


def test_an_items_first_published_verdict_is_announced_as_published_and_as_a_status_change(
    subscription, four_eyes, analyst, second_analyst
):
    item = MediaItemFactory(tlp=TLP.AMBER)
    verdict = services.review_item_authenticity(item, MediaAuthenticity.ORIGINAL, analyst, "Original upload found.")
    assert not WebhookDelivery.objects.exists(), "a verdict awaiting approval has not reached partners"

    publish(verdict, second_analyst)

    deliveries = {d.event: d for d in WebhookDelivery.objects.all()}
    assert set(deliveries) == {WebhookEvent.ITEM_PUBLISHED, WebhookEvent.STATUS_CHANGED}
    status = deliveries[WebhookEvent.STATUS_CHANGED].payload
    assert (status["value"], status["published_value"], status["review_event"]) == (
        "item_authenticity", MediaAuthenticity.ORIGINAL, verdict.pk
    )
    assert status["media_item"]["authenticity"] == MediaAuthenticity.ORIGINAL


def test_a_later_verdict_on_the_same_item_is_only_a_status_change(
    subscription, four_eyes, analyst, second_analyst
):
    item = MediaItemFactory(tlp=TLP.AMBER)
    publish(services.review_item_authenticity(item, MediaAuthenticity.ORIGINAL, analyst, "Original."), second_analyst)
    WebhookDelivery.objects.all().delete()

    publish(services.review_item_authenticity(item, MediaAuthenticity.STAGED, analyst, "Staged set."), second_analyst)

    [delivery] = WebhookDelivery.objects.all()
    assert delivery.event == WebhookEvent.STATUS_CHANGED
    assert delivery.payload["media_item"]["authenticity"] == MediaAuthenticity.STAGED


def test_without_four_eyes_review_a_verdict_is_announced_when_recorded(subscription, settings, analyst):
    settings.FOUR_EYES_REVIEW = False
    item = MediaItemFactory(tlp=TLP.GREEN)

    services.review_item_authenticity(item, MediaAuthenticity.EDITED_OR_CROPPED, analyst, "Cropped watermark.")

    assert {d.event for d in WebhookDelivery.objects.all()} == {
        WebhookEvent.ITEM_PUBLISHED, WebhookEvent.STATUS_CHANGED
    }


def test_a_published_claim_status_is_sent_with_the_claim_to_partners_who_may_read_it(
    receiver, four_eyes, analyst, second_analyst
):
    case = amaq_case(analyst, second_analyst)
    green = subscribe(receiver.url(), name="Green partner", max_tlp=TLP.GREEN)
    amber = subscribe(receiver.url(), name="Amber partner", max_tlp=TLP.AMBER)

    publish(services.review_claim_status(case.denial, ClaimStatus.FALSE, analyst, "Both men alive."), second_analyst)

    # The denial is clear and so is its report: both partners hear of it.
    assert {d.subscription for d in WebhookDelivery.objects.all()} == {green, amber}
    payload = WebhookDelivery.objects.get(subscription=green).payload
    assert (payload["claim"]["id"], payload["claim"]["status"]) == (case.denial.pk, ClaimStatus.FALSE)
    assert payload["claim"]["claimant"] == "Ministry of Defence of the Russian Federation"


def test_a_claim_on_an_amber_item_is_not_sent_to_a_green_partner_even_when_the_claim_is_clear(
    receiver, four_eyes, analyst, second_analyst
):
    green = subscribe(receiver.url(), name="Green partner", max_tlp=TLP.GREEN)
    claim = ClaimFactory(media_item=MediaItemFactory(tlp=TLP.AMBER), tlp=TLP.CLEAR)

    publish(services.review_claim_status(claim, ClaimStatus.VERIFIED, analyst, "Confirmed."), second_analyst)

    assert not WebhookDelivery.objects.filter(subscription=green).exists()


def test_a_new_variant_proposal_is_announced_to_partners_who_may_see_both_items(receiver):
    amber = subscribe(receiver.url(), name="Amber partner", max_tlp=TLP.AMBER)
    subscribe(receiver.url(), name="Green partner", max_tlp=TLP.GREEN)
    original = ItemFileFactory(media_item=MediaItemFactory(tlp=TLP.GREEN), content=b"original release")
    reupload = ItemFileFactory(media_item=MediaItemFactory(tlp=TLP.AMBER), content=b"re-encoded re-upload")
    match = FileMatch.objects.create(
        query_file=reupload.media_file, matched_file=original.media_file, query_match_percent=94.0,
        target_match_percent=80.0, best_distance=12, method="vpdq",
    )
    [proposal] = services.propose_variants([match])

    [delivery] = webhooks.variant_matched(proposal)

    assert delivery.subscription == amber
    assert delivery.event == WebhookEvent.VARIANT_MATCHED
    assert delivery.payload["media_item"]["id"] == reupload.media_item_id
    assert delivery.payload["matched_item"]["id"] == original.media_item_id
    assert delivery.payload["proposal"]["summary"] == proposal.summary


# The whole path: review service -> delivery rows -> the delivery job -> egress -> a partner's receiver.


def run_delivery_jobs():
    """Run each pending delivery through the real Celery task, in this process (as a worker would)."""
    for delivery in WebhookDelivery.objects.filter(status=JobStatus.PENDING).order_by("pk"):
        deliver_webhook.apply(args=[delivery.pk])
    return {d.event: d for d in WebhookDelivery.objects.all()}


def test_an_approved_verdict_reaches_the_partners_receiver_signed_and_verifiable(
    receiver, subscription, four_eyes, analyst, second_analyst
):
    item = MediaItemFactory(tlp=TLP.AMBER, title="Amaq proof-of-life video")
    verdict = services.review_item_authenticity(item, MediaAuthenticity.ORIGINAL, analyst, "Original upload found.")
    assert run_delivery_jobs() == {} and receiver.received == [], "nothing is sent before a second analyst approves"

    publish(verdict, second_analyst)
    deliveries = run_delivery_jobs()

    assert {d.status for d in deliveries.values()} == {JobStatus.SUCCEEDED}
    posts = {post.json["type"]: post for post in receiver.received}
    assert set(posts) == {WebhookEvent.ITEM_PUBLISHED, WebhookEvent.STATUS_CHANGED}
    for event, post in posts.items():
        assert post.signature_valid, post.refusal
        # What the partner's own code does with the delivery: verify, then deduplicate on webhook-id.
        verified = standardwebhooks.Webhook(SECRET).verify(post.body, post.headers)
        assert verified == {
            "type": event, "timestamp": deliveries[event].created_at.isoformat(), "data": deliveries[event].payload,
        }
        assert post.headers["webhook-id"] == str(deliveries[event].event_id)
    status = posts[WebhookEvent.STATUS_CHANGED].json["data"]
    assert (status["review_event"], status["published_value"]) == (verdict.pk, MediaAuthenticity.ORIGINAL)
    assert status["media_item"]["title"] == "Amaq proof-of-life video"


def test_the_same_delivery_replayed_to_the_receiver_after_the_tolerance_window_is_refused(
    receiver, subscription, four_eyes, analyst, second_analyst
):
    item = MediaItemFactory(tlp=TLP.GREEN)
    publish(services.review_item_authenticity(item, MediaAuthenticity.STAGED, analyst, "Staged set."), second_analyst)
    deliveries = run_delivery_jobs()
    post = next(p for p in receiver.received if p.json["type"] == WebhookEvent.STATUS_CHANGED)
    delivery = deliveries[WebhookEvent.STATUS_CHANGED]
    # A delivery captured in transit six minutes ago: same id and body, signed with the service's signer then.
    captured = webhooks.signed_headers(subscription, delivery, post.body, now=timezone.now() - timedelta(minutes=6))

    assert post_again(receiver.url(), post.body, captured) == 401

    assert receiver.received[-1].refusal == "Message timestamp too old"
    assert WebhookDelivery.objects.get(pk=delivery.pk).attempts == 1


def test_a_verdict_awaiting_approval_sends_nothing_to_the_receiver(receiver, subscription, four_eyes, analyst):
    item = MediaItemFactory(tlp=TLP.CLEAR)
    services.review_item_authenticity(item, MediaAuthenticity.ORIGINAL, analyst, "Awaiting a second analyst.")

    assert run_delivery_jobs() == {}
    assert receiver.received == []


def post_again(url, body, headers):
    parsed = urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=5)
    try:
        connection.request("POST", parsed.path, body=body, headers={**headers, "Content-Type": "application/json"})
        return connection.getresponse().status
    finally:
        connection.close()


def test_what_a_webhook_carries_to_a_partner_is_audited_like_a_response(receiver):
    amber = subscribe(receiver.url(), name="Amber partner", max_tlp=TLP.AMBER)
    green = subscribe(receiver.url(), name="Green partner", max_tlp=TLP.GREEN)
    amber_item, green_item = MediaItemFactory(tlp=TLP.AMBER), MediaItemFactory(tlp=TLP.GREEN)

    tell_item_published(amber_item)
    tell_item_published(green_item)

    audited = {(row.partner_id, row.method, row.path, row.record_type, row.record_id) for row in AccessAudit.objects.all()}
    assert audited == {(amber.partner_id, "POST", amber.url, "media_item", str(amber_item.pk))}
    assert not AccessAudit.objects.filter(partner=green.partner).exists()  # told of the green item only
