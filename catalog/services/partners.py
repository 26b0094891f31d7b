"""Partner keys and the change feed.

Change feed. Every save and delete of a shared record writes a ChangeFeedEntry with the record's *audience* after
the change: its effective marking and whether it names the people shown (catalog.policies.access, which decides who
may read an entry), and its audience before the change when that differed. When a record's audience changes, so
does that of the records seen through it, and each of those gets an entry too.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from catalog.choices import ChangeKind
from catalog.models import (
    ChangeFeedEntry,
    Claim,
    ClaimLink,
    IdentityAssertion,
    ItemFile,
    MediaItem,
    PartnerAPIKey,
    Quote,
    Report,
    Sighting,
)
from catalog.policies.access import RECORD_TYPES, effective_marking, names_people

FEED_MODELS = tuple(RECORD_TYPES)


def audience(record, replaced=None):
    """(effective marking, names people) of `record`: what decides which callers may read its feed entries."""
    return effective_marking(record, replaced), names_people(record, replaced)


# Keys


def issue_key(partner, expires_in_days=None, name=""):
    """A new API key for `partner`: returns (PartnerAPIKey, key). Only the key's hash is stored; show it once."""
    if not partner.is_active:
        raise ValueError(f"{partner} is not active; activate it before issuing a key.")
    expiry = timezone.now() + dt.timedelta(days=expires_in_days) if expires_in_days else None
    label = name or f"{partner.name} {timezone.now():%Y-%m-%d}"
    return PartnerAPIKey.objects.create_key(partner=partner, name=label[:50], expiry_date=expiry)


# Change feed

# Changes partners never see: verdicts reach them only when published (catalog.services.reviews).
UNSHARED_FIELDS = {"authenticity", "status", "updated_at"}
_PARENTS = {
    Sighting: ["media_item"], IdentityAssertion: ["media_item"], ItemFile: ["media_item"], Quote: ["report"],
    Claim: ["media_item", "report"],
    ClaimLink: ["source__media_item", "source__report", "target__media_item", "target__report"],
}


def load_with_parents(model, **lookup):
    """The row as stored, with the rows its marking depends on, or None."""
    return model.objects.select_related(*_PARENTS.get(model, [])).filter(**lookup).first()


def audience_before_save(instance):
    """The stored row's audience, with the stored row itself (None for a new row)."""
    if instance._state.adding or instance.pk is None:
        return None, None
    stored = load_with_parents(type(instance), pk=instance.pk)
    return (None, None) if stored is None else (audience(stored), stored)


def record_save(instance, created, before=None, stored=None, update_fields=None):
    """Write the feed entry for a saved record, and for the records seen through it when its audience changed."""
    if not created and update_fields and set(update_fields) <= UNSHARED_FIELDS:
        return []
    if stored is not None and not _changed(stored, instance):
        return []  # saved as it was (a reload, an idempotent import): nothing for a mirror to do
    after = audience(load_with_parents(type(instance), pk=instance.pk))
    entries = [_entry(instance, ChangeKind.CREATED if created else ChangeKind.UPDATED, after, before)]
    if stored is not None and before != after and isinstance(instance, (MediaItem, Report, Claim)):
        replaced = {(type(stored), stored.pk): stored}
        for dependent in _dependents(instance):
            was, now = audience(dependent, replaced), audience(dependent)
            if was != now:
                entries.append(_entry(dependent, ChangeKind.UPDATED, now, was))
    return ChangeFeedEntry.objects.bulk_create(entries)


def _changed(stored, instance):
    """Whether a save changed any column but the shared-nothing ones (verdicts under review, updated_at)."""
    return any(
        field.value_from_object(stored) != field.value_from_object(instance)
        for field in instance._meta.concrete_fields
        if field.name not in UNSHARED_FIELDS
    )


def record_update(record):
    """An entry for a change that did not pass through the record's own save (a published verdict, tags)."""
    now = audience(load_with_parents(type(record), pk=record.pk))
    return ChangeFeedEntry.objects.create(**_entry_fields(record, ChangeKind.UPDATED, now, now))


def record_delete(instance, audience_at_delete):
    return ChangeFeedEntry.objects.create(
        **_entry_fields(instance, ChangeKind.WITHDRAWN, audience_at_delete, audience_at_delete)
    )


def _entry(record, change, after, before):
    return ChangeFeedEntry(**_entry_fields(record, change, after, before))


def _entry_fields(record, change, after, before):
    """`after` and `before` are audiences; the entry keeps what was before only where it differs."""
    marking, people = after
    marking_before, people_before = before or (None, None)
    return {
        "record_type": RECORD_TYPES[type(record)], "record_id": str(record.pk), "change": change, "tlp": marking,
        "previous_tlp": marking_before if marking_before and marking_before != marking else "",
        "names_people": people,
        "previously_named_people": people_before if before is not None and people_before != people else None,
    }


def _dependents(record):
    """Rows whose marking depends on `record` (an item, a report or a claim), loaded with their parents."""
    if isinstance(record, MediaItem):
        for model in (Sighting, IdentityAssertion, ItemFile):
            yield from model.objects.select_related(*_PARENTS[model]).filter(media_item=record)
        claims = Claim.objects.filter(media_item=record)
    elif isinstance(record, Report):
        yield from Quote.objects.select_related("report").filter(report=record)
        claims = Claim.objects.filter(report=record)
    else:
        claims = Claim.objects.filter(pk=record.pk)
    if not isinstance(record, Claim):
        yield from claims.select_related(*_PARENTS[Claim])
    links = Q(source__in=claims) | Q(target__in=claims)
    yield from ClaimLink.objects.select_related(*_PARENTS[ClaimLink]).filter(links)


def backfill_change_feed(batch_size=1000):
    """A CREATED entry, with its current audience, for every shared record that has no entry at all (written by
    bulk_create, restored from a dump, older than the feed), so mirrors learn of it: {record type: entries written}.

    Records with any entry are left alone, so a second run writes nothing. Each model is read in primary-key
    batches with the rows its marking depends on."""
    if batch_size < 1:
        raise ValueError("batch_size must be 1 or more.")
    written = {}
    for model, record_type in RECORD_TYPES.items():
        written[record_type] = 0
        rows = model.objects.select_related(*_PARENTS.get(model, [])).order_by("pk")
        batch = list(rows[:batch_size])
        while batch:
            ids = [str(record.pk) for record in batch]
            logged = set(
                ChangeFeedEntry.objects.filter(record_type=record_type, record_id__in=ids)
                .values_list("record_id", flat=True)
            )
            entries = [
                _entry(record, ChangeKind.CREATED, audience(record), None)
                for record in batch if str(record.pk) not in logged
            ]
            ChangeFeedEntry.objects.bulk_create(entries)
            written[record_type] += len(entries)
            batch = list(rows.filter(pk__gt=batch[-1].pk)[:batch_size])
    return written
