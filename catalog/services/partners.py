"""Partner access: API keys, the markings that decide what a partner sees, the access audit and the change feed.

Markings. A record's *effective marking* is the highest TLP among its own and those of the records it is seen
through: an item's or report's own; a claim's own, its item's and its report's; a sighting's, identity
assertion's or item file's item's; a quote's report's; a claim link's two claims'. A partner cleared up to
``max_tlp`` sees exactly the records whose effective marking it may read (catalog.api.clearance filters
querysets by the same rules; a test holds the two together).

Audit. A record is *restricted* when its effective marking is TLP:AMBER or above, or when it shows identity
details (an identity assertion shown unredacted, a person). Every restricted record a partner is sent (detail,
list row, nested row, lookup or feed) is logged in AccessAudit with the partner and the key's prefix. Analysts
are not audited here.

Change feed. Every save and delete of a shared record writes a ChangeFeedEntry with the record's effective
marking after the change (and before it, in ``previous_tlp``, when it changed). When a record's marking
changes, so does that of the records seen through it, and each of those gets an entry too.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from catalog.choices import TLP, ChangeKind
from catalog.models import (
    AccessAudit,
    ChangeFeedEntry,
    Claim,
    ClaimLink,
    IdentityAssertion,
    ItemFile,
    MediaItem,
    PartnerAPIKey,
    Person,
    Quote,
    Report,
    Sighting,
)

# The record types partners read, by the name the feed and the audit give them.
RECORD_TYPES = {
    MediaItem: "media_item",
    Sighting: "sighting",
    IdentityAssertion: "identity_assertion",
    ItemFile: "item_file",
    Claim: "claim",
    ClaimLink: "claim_link",
    Report: "report",
    Quote: "quote",
}
FEED_MODELS = tuple(RECORD_TYPES)
RESTRICTED_FROM = TLP.AMBER
_ORDER = list(TLP.values)


def highest(*markings):
    """The most restrictive of the given markings (None ignored)."""
    return max((marking for marking in markings if marking), key=_ORDER.index, default=TLP.CLEAR)


def effective_marking(record, replaced=None):
    """The marking that decides who may see `record` (see the module docstring).

    `replaced` maps (model, pk) to another instance to use in its place, e.g. a parent as it was before a save.
    Related rows are read through the instance, so querysets that feed this should select_related them.
    """
    replaced = replaced or {}

    def seen(instance):
        return None if instance is None else replaced.get((type(instance), instance.pk), instance)

    record = seen(record)
    if isinstance(record, (MediaItem, Report)):
        return record.tlp
    if isinstance(record, Claim):
        return highest(record.tlp, *(effective_marking(seen(parent), replaced) for parent in _claim_parents(record)))
    if isinstance(record, (Sighting, IdentityAssertion, ItemFile)):
        return effective_marking(seen(record.media_item), replaced)
    if isinstance(record, Quote):
        return effective_marking(seen(record.report), replaced)
    if isinstance(record, ClaimLink):
        return highest(effective_marking(record.source, replaced), effective_marking(record.target, replaced))
    raise TypeError(f"{type(record).__name__} has no marking")


def _claim_parents(claim):
    return [parent for parent in (claim.media_item, claim.report) if parent is not None]


def is_restricted(record, shows_identity=False):
    if isinstance(record, Person):
        return True
    if isinstance(record, IdentityAssertion) and shows_identity:
        return True
    return _ORDER.index(effective_marking(record)) >= _ORDER.index(RESTRICTED_FROM)


# Keys


def issue_key(partner, expires_in_days=None, name=""):
    """A new API key for `partner`: returns (PartnerAPIKey, key). Only the key's hash is stored; show it once."""
    if not partner.is_active:
        raise ValueError(f"{partner} is not active; activate it before issuing a key.")
    expiry = timezone.now() + dt.timedelta(days=expires_in_days) if expires_in_days else None
    label = name or f"{partner.name} {timezone.now():%Y-%m-%d}"
    return PartnerAPIKey.objects.create_key(partner=partner, name=label[:50], expiry_date=expiry)


# Access audit


class AccessLog:
    """Collects the restricted records sent to one partner in one request; `save` writes them in one INSERT."""

    def __init__(self, partner, key_prefix, method, path):
        self.partner, self.key_prefix, self.method, self.path = partner, key_prefix, method, path[:500]
        self._seen = {}

    def saw(self, record, shows_identity=False):
        if is_restricted(record, shows_identity):
            self._log(RECORD_TYPES.get(type(record)) or type(record)._meta.model_name, record.pk)

    def saw_marked(self, model, pk, marking):
        """A record read as bare columns, whose effective marking the caller worked out (the lookup's fast path)."""
        if _ORDER.index(marking) >= _ORDER.index(RESTRICTED_FROM):
            self._log(RECORD_TYPES[model], pk)

    def _log(self, record_type, pk):
        key = (record_type, str(pk))
        if key not in self._seen:
            self._seen[key] = AccessAudit(
                partner=self.partner, api_key_prefix=self.key_prefix, method=self.method, path=self.path,
                record_type=record_type, record_id=key[1],
            )

    def saw_file(self, media_file):
        """A stored file is restricted unless it belongs to an item marked below TLP:AMBER (see the annotation)."""
        if not getattr(media_file, "shared_below_amber", False):
            self._log("media_file", media_file.pk)

    def save(self):
        rows, self._seen = list(self._seen.values()), {}
        if rows:
            AccessAudit.objects.bulk_create(rows)
        return rows


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


def marking_before_save(instance):
    """The stored row's effective marking, with the stored row itself (None for a new row)."""
    if instance._state.adding or instance.pk is None:
        return None, None
    stored = load_with_parents(type(instance), pk=instance.pk)
    return (None, None) if stored is None else (effective_marking(stored), stored)


def record_save(instance, created, before=None, stored=None, update_fields=None):
    """Write the feed entry for a saved record, and for the records seen through it when its marking changed."""
    if not created and update_fields and set(update_fields) <= UNSHARED_FIELDS:
        return []
    if stored is not None and not _changed(stored, instance):
        return []  # saved as it was (a reload, an idempotent import): nothing for a mirror to do
    after = effective_marking(load_with_parents(type(instance), pk=instance.pk))
    entries = [_entry(instance, ChangeKind.CREATED if created else ChangeKind.UPDATED, after, before)]
    if stored is not None and before != after and isinstance(instance, (MediaItem, Report, Claim)):
        replaced = {(type(stored), stored.pk): stored}
        for dependent in _dependents(instance):
            was, now = effective_marking(dependent, replaced), effective_marking(dependent)
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
    marking = effective_marking(load_with_parents(type(record), pk=record.pk))
    return ChangeFeedEntry.objects.create(**_entry_fields(record, ChangeKind.UPDATED, marking, marking))


def record_delete(instance, marking):
    return ChangeFeedEntry.objects.create(**_entry_fields(instance, ChangeKind.WITHDRAWN, marking, marking))


def _entry(record, change, after, before):
    return ChangeFeedEntry(**_entry_fields(record, change, after, before))


def _entry_fields(record, change, after, before):
    return {
        "record_type": RECORD_TYPES[type(record)], "record_id": str(record.pk), "change": change, "tlp": after,
        "previous_tlp": before if before and before != after else "",
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
    """A CREATED entry, with its current marking, for every shared record that has no entry at all (written by
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
                _entry(record, ChangeKind.CREATED, effective_marking(record), None)
                for record in batch if str(record.pk) not in logged
            ]
            ChangeFeedEntry.objects.bulk_create(entries)
            written[record_type] += len(entries)
            batch = list(rows.filter(pk__gt=batch[-1].pk)[:batch_size])
    return written
