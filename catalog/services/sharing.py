"""Sharing administration in the desk: partners, their clearance, API keys and webhooks.

Every change is written to the admin's action log (django.contrib.admin LogEntry) with the analyst who made it, so
a partner's history in the admin shows who widened its clearance or issued a key, and when. Keys are issued by
catalog.services.partners.issue_key (only the hash is stored: the key is shown once); webhook deliveries go out
through catalog.services.webhooks and provenance.egress, unchanged.
"""

import datetime as dt

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from catalog.choices import WebhookEvent
from catalog.models import Partner, PartnerAPIKey, WebhookSubscription
from catalog.services.partners import issue_key

PARTNER_FIELDS = ("name", "contact_email", "max_tlp", "may_see_identities", "may_see_graphic", "is_active")


def _log(user, record, flag, message):
    LogEntry.objects.log_actions(user_id=user.pk, queryset=[record], action_flag=flag, change_message=message,
                                 single_object=True)


@transaction.atomic
def create_partner(by, **fields):
    partner = Partner(**{name: fields[name] for name in PARTNER_FIELDS if name in fields})
    partner.full_clean()
    partner.save()
    _log(by, partner, ADDITION, f"Added in the desk, clearance up to {partner.get_max_tlp_display()}.")
    return partner


@transaction.atomic
def update_partner(partner, by, **fields):
    """Change a partner's details or clearance; returns the names of the fields that changed."""
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    changed = [name for name in PARTNER_FIELDS if name in fields and getattr(partner, name) != fields[name]]
    before = {name: getattr(partner, name) for name in changed}
    for name in changed:
        setattr(partner, name, fields[name])
    if not changed:
        return partner, []
    partner.full_clean()
    partner.save()
    _log(by, partner, CHANGE, "; ".join(f"{name}: {before[name]} → {getattr(partner, name)}" for name in changed))
    return partner, changed


@transaction.atomic
def issue_partner_key(partner, by, expires_on=None, name=""):
    """A new key: (PartnerAPIKey, the key). The key itself is not stored; show it once."""
    days = None
    if expires_on is not None:
        days = (expires_on - timezone.localdate()).days
        if days < 1:
            raise ValidationError({"expires_on": "Choose an expiry date after today."})
    try:
        key, plain = issue_key(partner, expires_in_days=days, name=name)
    except ValueError as refused:
        raise ValidationError(str(refused)) from refused
    _log(by, key, ADDITION, f"API key {key.prefix}… issued in the desk for {partner}.")
    return key, plain


@transaction.atomic
def revoke_key(key, by):
    """Revoked for good: djangorestframework-api-key refuses a revoked key and it cannot be un-revoked."""
    key = PartnerAPIKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked:
        raise ValidationError(f"The key {key.prefix}… is already revoked.")
    key.revoked = True
    key.save()
    _log(by, key, CHANGE, f"API key {key.prefix}… revoked in the desk.")
    return key


@transaction.atomic
def expire_key(key, by, on=None):
    """The key stops working at the start of `on` (a date), or now."""
    key = PartnerAPIKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked:
        raise ValidationError(f"The key {key.prefix}… is revoked; it cannot expire any more.")
    when = timezone.now() if on is None else timezone.make_aware(dt.datetime.combine(on, dt.time.min))
    key.expiry_date = when
    key.save()
    _log(by, key, CHANGE, f"API key {key.prefix}… set to expire at {when:%Y-%m-%d %H:%M %Z} in the desk.")
    return key


@transaction.atomic
def add_webhook(partner, by, url, events):
    unknown = set(events) - set(WebhookEvent.values)
    if not events or unknown:
        raise ValidationError({"events": "Choose one or more of the events offered."})
    subscription = WebhookSubscription(partner=partner, url=url, events=sorted(events))
    subscription.full_clean()
    subscription.save()
    _log(by, subscription, ADDITION, f"Webhook to {url} for {', '.join(subscription.events)} added in the desk.")
    return subscription


@transaction.atomic
def set_webhook_active(subscription, by, active):
    subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.is_active != active:
        subscription.is_active = active
        subscription.save(update_fields=["is_active", "updated_at"])
        _log(by, subscription, CHANGE, f"Webhook {'resumed' if active else 'paused'} in the desk.")
    return subscription
