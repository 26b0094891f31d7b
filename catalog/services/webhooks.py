"""Partner webhooks: a signed JSON POST for each event a partner subscribed to and may see.

Events (catalog.choices.WebhookEvent):

- `status.changed`: a verdict reached partners (an item's authenticity or a claim's status was published: approved by
  a second analyst, or recorded when four-eyes review is off). Sent by `verdict_published`.
- `item.published`: an item's *first* verdict reached partners, so the item now has something to say. Not at
  creation: items are created early and filled in over days (title first, then sightings, claims, files), and a
  webhook would push a half-entered record; the first published verdict is the moment an analyst and a reviewer
  stand behind it. Sent by `verdict_published` alongside that verdict's `status.changed`.
- `variant.matched`: file matching proposed that one item is a re-upload of another. Sent by `variant_matched`.

Who gets what. Each active subscription of an active partner that lists the event gets one delivery row
(WebhookDelivery, a QueuedJob), with the payload rendered for that partner's clearance: nothing when the record is
above their clearance, identity fields withheld when they are not cleared for identities (catalog.policies.access).

Delivery is at least once. The event id is derived from what happened (the review event, the proposal), so telling
the same event twice updates the one pending row per subscription (update_or_create under the unique
(subscription, event_id) constraint) and never sends a delivered event again. A row is posted until a 2xx answer is
recorded; a worker dying between the receiver's 2xx and that record, or a 5xx from a receiver that did act, means
the same event is posted again. Receivers deduplicate on the `webhook-id` header (the event id).

Order. A subscription's deliveries are posted one at a time, in the order of their rows: a delivery is claimed only
once every earlier one to the same subscription has settled (sent, or refused for good), and the run that settles
one sends the next. So a retried delivery holds back the later ones behind it, with any number of notify workers
(tests/webhooks/test_replicas.py). Rows written by two transactions at once are ordered by when they were written,
not by when they committed: a row that commits later than a higher one already sent is posted after it.

Each POST follows Standard Webhooks (https://www.standardwebhooks.com/): the body is the JSON envelope
`{"type", "timestamp", "data"}`, the same bytes on every attempt; the headers are `webhook-id` (the event id),
`webhook-timestamp` (Unix seconds of this attempt) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of
"id.timestamp.body">` under the subscription's `whsec_` secret). A receiver verifies with
`standardwebhooks.Webhook(secret).verify(body, headers)`, which also refuses a timestamp more than five minutes
away from its clock, so a captured delivery cannot be replayed later. Subscriptions made before the `whsec_` format
keep their key: their secret's UTF-8 bytes are the HMAC key (`Webhook(secret.encode())`).

Answers: 2xx succeeds; 5xx, 429, timeouts and connection errors are retried with backoff (TransientJobError: by the
job runner and Celery); any other answer fails the delivery for good (JobFailed), redirects included, so a signed
body is never replayed to another address. The partner-given URL goes through provenance.egress like every
outbound request: an internal address is refused before anything is sent (JobFailed).
"""

import binascii
import json
from functools import partial

import standardwebhooks
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from catalog.choices import ReviewedValue, WebhookEvent
from catalog.exports.common import stable_uuid
from catalog.exports.common import claimant_name
from catalog.policies import access, audit
from catalog.models import Claim, ReviewEvent, WebhookDelivery, WebhookSubscription
from provenance import egress, jobs
from provenance.choices import JobStatus
from provenance.jobs import JobFailed, TransientJobError

# (connect, read) seconds: a receiver must answer promptly; slow ones are retried later, not waited for.
TIMEOUT = (5, 15)
EXCERPT_BYTES = 500
USER_AGENT = "provenance-catalog-webhooks"


# Telling


def notify(event, payload_for, event_id):
    """Create a delivery for every subscription to `event` whose partner may see it, each sent after commit.

    `payload_for(caller)` renders the payload for one partner (a catalog.policies.access.Caller), or returns None
    when the record is above its clearance. `event_id` identifies what happened; telling the same event twice
    changes nothing already sent.
    """
    deliveries = []
    subscriptions = WebhookSubscription.objects.filter(is_active=True, partner__is_active=True).select_related("partner")
    for subscription in subscriptions.order_by("pk"):
        # `events` is a JSON list; containment lookups on JSON differ between SQLite and PostgreSQL, so filter here.
        if event not in subscription.events:
            continue
        caller = access.Caller.for_partner(subscription.partner)
        # What the payload carries is audited like a response's (catalog.policies.audit), as a POST to the receiver.
        audit.start(caller, "POST", subscription.url)
        payload = payload_for(caller)
        if payload is None:
            continue
        delivery = _pending_delivery(subscription, event, event_id, payload)
        if delivery is not None:
            caller.access_log.save()
            jobs.send_on_commit(delivery)
            deliveries.append(delivery)
    return deliveries


def _pending_delivery(subscription, event, event_id, payload):
    try:
        with transaction.atomic():
            # Only a pending row is updated: a sent (or refused) one keeps the payload it was sent with, and the
            # unique constraint then refuses a second row for the same event.
            delivery, _ = WebhookDelivery.objects.filter(status=JobStatus.PENDING).update_or_create(
                subscription=subscription, event_id=event_id, defaults={"event": event, "payload": payload},
            )
    except IntegrityError:
        return None
    return delivery


def event_id(event, record_type, pk):
    return stable_uuid("webhook", event, record_type, pk)


def verdict_published(review_event):
    """Connect to catalog.services.reviews.on_verdict_published: called when a verdict reaches partners."""
    if review_event.value == ReviewedValue.ITEM_AUTHENTICITY:
        subject_payload = partial(item_payload, review_event.media_item)
        if _first_published_verdict(review_event):
            notify(
                WebhookEvent.ITEM_PUBLISHED, subject_payload,
                event_id(WebhookEvent.ITEM_PUBLISHED, "media_item", review_event.media_item_id),
            )
    elif review_event.value == ReviewedValue.CLAIM_STATUS:
        subject_payload = partial(claim_payload, review_event.claim)
    else:
        return  # identity resolutions are not published to partners

    def payload_for(caller):
        return _status_payload(review_event, subject_payload(caller))

    notify(
        WebhookEvent.STATUS_CHANGED, payload_for,
        event_id(WebhookEvent.STATUS_CHANGED, "review_event", review_event.pk),
    )


def variant_matched(proposal):
    """Call when catalog.services.variants.propose_variants creates a proposal."""

    def payload_for(caller):
        item = _item_reference(proposal.media_item, caller)
        matched = _item_reference(proposal.matched_item, caller)
        if item is None or matched is None:
            return None
        return {
            "proposal": {"id": proposal.pk, "status": proposal.status, "summary": proposal.summary},
            "media_item": item, "matched_item": matched,
        }

    return notify(
        WebhookEvent.VARIANT_MATCHED, payload_for, event_id(WebhookEvent.VARIANT_MATCHED, "proposal", proposal.pk)
    )


def _first_published_verdict(review_event):
    """True when no other authenticity verdict on the item has been published before this one."""
    others = ReviewEvent.objects.filter(
        value=ReviewedValue.ITEM_AUTHENTICITY, media_item=review_event.media_item_id
    ).exclude(pk=review_event.pk)
    if settings.FOUR_EYES_REVIEW:
        others = others.filter(approval__isnull=False)
    return not others.exists()


# Payloads: what a partner may see of a record, read through the access policy for one caller.


def _item_reference(item, caller):
    if not access.may_see(caller, item):
        return None
    audit.disclosed(caller, item)
    return {"id": item.pk, "title": item.title, "tlp": item.tlp}


def item_payload(item, caller):
    reference = _item_reference(item, caller)
    if reference is None:
        return None
    sightings = [s for s in access.visible(caller, item.sightings.select_related("channel")) if s.url]
    item_data = {
        **reference,
        "kind": item.kind,
        "authenticity": item.published_authenticity,
        "producer": item.producer.name if item.producer_id else None,
        "claimed_release_at": _iso(item.claimed_release_at),
        "is_graphic": item.is_graphic,
        "sightings": [
            {"url": s.url, "channel": str(s.channel), "kind": s.kind, "posted_at": _iso(s.posted_at)}
            for s in sightings
        ],
    }
    audit.disclosed(caller, *sightings)
    redacted = []
    if caller.may_see_identities:
        assertions = list(access.visible(caller, item.identity_assertions.all()))
        audit.disclosed(caller, *assertions)
        item_data["identity_assertions"] = [
            {
                "name_as_stated": assertion.name_as_stated, "mode": assertion.mode,
                "birth_year_as_stated": assertion.birth_year_as_stated,
                "birthplace_as_stated": assertion.birthplace_as_stated,
                "affiliation_as_stated": assertion.affiliation_as_stated,
            }
            for assertion in assertions
        ]
    else:
        item_data["identity_assertions"] = None
        redacted.append("media_item.identity_assertions")
    return {"media_item": item_data, "redacted": redacted}


def claim_payload(claim, caller):
    related = ("media_item", "report", "claimant_organization", "claimant_person")
    claim = access.visible(caller, Claim.objects.filter(pk=claim.pk).select_related(*related)).first()
    if claim is None:
        return None
    audit.disclosed(caller, claim)
    if claim.claimant_person_id and access.link_is_cleared(caller, claim, "claimant_person"):
        audit.disclosed(caller, claim.claimant_person)  # named as the claimant
    item = claim.media_item
    claim_data = {
        "id": claim.pk, "text": claim.text, "kind": claim.kind, "tlp": access.effective_marking(claim),
        "status": claim.published_status, "claimant": claimant_name(caller, claim),
        "stated_on": _iso(claim.stated_on),
        "media_item": _item_reference(item, caller) if item is not None else None,
    }
    redacted = []
    if claim.claimant_person_id and not access.link_is_cleared(caller, claim, "claimant_person"):
        redacted.append("claim.claimant")
    return {"claim": claim_data, "redacted": redacted}


def _status_payload(review_event, subject_payload):
    if subject_payload is None:
        return None
    return {
        "value": review_event.value,
        "published_value": review_event.new_value,
        "review_event": review_event.pk,
        **subject_payload,
    }


def _iso(value):
    return value.isoformat() if value is not None else None


# Delivering


def deliver(delivery_id, token=""):
    """Post one delivery (the body of the catalog.notify.deliver_webhook task); run twice, it posts once.

    A delivery waits while an earlier one to its subscription is unsettled (WebhookDeliveryQuerySet.claim): its
    task then does nothing, and the run that settles the earlier one sends the next one again."""
    delivery = jobs.run_job(WebhookDelivery, delivery_id, perform=_post, token=token)
    if delivery is not None:
        send_next(delivery.subscription_id)
    return delivery


def send_next(subscription_id):
    """Send the subscription's oldest unsettled delivery again when it waits pending (not when a run holds it)."""
    head = WebhookDelivery.objects.unsettled().filter(subscription=subscription_id).order_by("pk").first()
    if head is not None and head.status == JobStatus.PENDING:
        jobs.send(WebhookDelivery, head.pk)


def envelope(delivery):
    """The bytes posted: the same for every attempt, so a receiver can deduplicate and check the signature."""
    body = {"type": delivery.event, "timestamp": delivery.created_at.isoformat(), "data": delivery.payload}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def signer(secret):
    """The Standard Webhooks signer for a subscription's secret (`whsec_` + base64, or a legacy plain secret)."""
    try:
        return standardwebhooks.Webhook(secret if secret.startswith("whsec_") else secret.encode())
    except (binascii.Error, ValueError, standardwebhooks.webhooks.EmptyWebhookSecretError) as problem:
        raise JobFailed(f"The subscription's secret is not usable for signing: {problem}") from problem


def signed_headers(subscription, delivery, body, now=None):
    """The Standard Webhooks headers of one attempt: signed anew with this attempt's timestamp."""
    now = now or timezone.now()
    message_id = str(delivery.event_id)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signer(subscription.secret).sign(message_id, now, body),
    }


def _post(delivery):
    subscription = delivery.subscription
    if not subscription.is_active or not subscription.partner.is_active:
        raise JobFailed("The subscription or its partner was deactivated before delivery.")
    url = subscription.url
    body = envelope(delivery)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        **signed_headers(subscription, delivery, body),
    }
    try:
        # Never follow a redirect: the signed body must go to the subscribed address or nowhere.
        response = egress.request("POST", url, body=body, headers=headers, follow_redirects=False, timeout=TIMEOUT)
    except egress.EgressUnavailable as problem:
        raise TransientJobError(f"Could not deliver to {url}: {problem}") from problem
    with response:
        excerpt = _excerpt(response)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(response_status=response.status, response_excerpt=excerpt)
    status = response.status
    if status >= 500 or status == 429:
        raise TransientJobError(f"{url} answered {status}; will try again.")
    if not 200 <= status < 300:
        raise JobFailed(f"{url} answered {status} {response.reason}; not retried.")
    return {"status": status}


def _excerpt(response):
    try:
        head = response.read(EXCERPT_BYTES)
    except (egress.EgressUnavailable, egress.EgressRefused):
        return ""
    return head[:EXCERPT_BYTES].decode("utf-8", errors="replace")[:EXCERPT_BYTES]
