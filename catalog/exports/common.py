"""What every export format shares: the records an export may carry (read through the access policy), stable
identifiers, the publisher's name, verdicts as the reader may see them and a few readings of the records.

An export is for a caller (catalog.policies.access.Caller: an analyst, or a partner with its clearance). It carries
exactly what that caller may see, because every record it renders is read through the access policy by
:func:`load_items`, which also reports each one to the caller's disclosure audit (catalog.policies.audit). Partners
read published verdicts; analysts read the working ones, and every export says which of the two it carries.
"""

import uuid
from functools import partial
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch

from catalog.choices import ClaimStatus, MediaAuthenticity, ReviewedValue, SightingKind
from catalog.models import Claim, ClaimLink, IdentityAssertion, ItemFile, MediaItem, ReviewEvent, Sighting
from catalog.policies import access, audit

WITHHELD_PERSON = "a person (name not shared)"


class NotVisible(Exception):
    """The item is above the reader's clearance. Callers answer as if it did not exist (404)."""


def load_items(caller, items):
    """The items of the queryset `items` that `caller` may see, with everything an export renders of them, in a
    fixed number of queries however many items there are; every record loaded is reported to the caller's
    disclosure audit (an export renders all of it)."""
    see = partial(access.prefetch, caller)
    reviews = ReviewEvent.objects.select_related("approval")
    claimant = ("claimant_organization", "claimant_person", "report__outlet", "media_item")
    loaded = list(access.visible(caller, items).select_related("producer").prefetch_related(
        "tags",
        see("variant_of", MediaItem.objects.all()),
        see("variant_of__sightings", Sighting.objects.select_related("channel")),
        Prefetch("review_events", reviews),
        see("files", ItemFile.objects.select_related("media_file")),
        see("sightings", Sighting.objects.select_related("channel")),
        see("identity_assertions", IdentityAssertion.objects.order_by("timecode", "pk")),
        see("claims", Claim.objects.select_related(*claimant)),
        Prefetch("claims__review_events", reviews),
        see("claims__outgoing_links", ClaimLink.objects.select_related(*(f"target__{f}" for f in claimant))),
        Prefetch("claims__outgoing_links__target__review_events", reviews),
        see("claims__incoming_links", ClaimLink.objects.select_related(*(f"source__{f}" for f in claimant))),
        Prefetch("claims__incoming_links__source__review_events", reviews),
    ))
    for item in loaded:
        audit.disclosed(caller, *_carried(item, caller))
    return loaded


def _carried(item, caller):
    yield item
    yield from item.files.all()
    yield from item.sightings.all()
    yield from item.identity_assertions.all()
    if item.variant_of is not None:
        yield item.variant_of
        yield from item.variant_of.sightings.all()  # an export may render the original's release sighting
    for claim in item.claims.all():
        yield claim
        for link in [*claim.outgoing_links.all(), *claim.incoming_links.all()]:
            yield from (link, link.source, link.target)
    for claim in linked_claims(item):
        if claim.report is not None:
            yield claim.report
        if claim.claimant_person_id and access.link_is_cleared(caller, claim, "claimant_person"):
            yield claim.claimant_person  # named as the claimant (claimant_name)


def linked_claims(item):
    """The item's claims and the claims linked to them (a denial made elsewhere), as loaded by `load_items`: the
    links loaded are those whose two claims the reader may see."""
    claims = {claim.pk: claim for claim in item.claims.all()}
    for claim in list(claims.values()):
        for link in [*claim.outgoing_links.all(), *claim.incoming_links.all()]:
            other = link.target if link.source_id == claim.pk else link.source
            claims.setdefault(other.pk, other)
    return list(claims.values())


def require_loaded(caller, item):
    """Fail closed for an item that did not come through `load_items` (or is not the caller's to see)."""
    if not access.is_cleared(caller, item):
        raise NotVisible(f"Media item {item.pk} is not visible to this reader.")
    return item


def claimant_name(caller, claim):
    if claim.claimant_organization_id:
        return claim.claimant_organization.name
    if claim.claimant_person_id and access.link_is_cleared(caller, claim, "claimant_person"):
        return claim.claimant_person.canonical_name
    # A person making a claim may be one of the people shown (a prisoner naming himself): without the person in
    # view, the reader gets the claimant as the report described them, as the API shows them too.
    if claim.claimant_description:
        return claim.claimant_description
    return WITHHELD_PERSON if claim.claimant_person_id else "unknown claimant"


class Verdict(NamedTuple):
    value: str
    published: bool  # False: an analyst's working value that no second analyst has approved yet
    review_event: object  # the ReviewEvent that set it, or None (e.g. the default "not assessed")

    @property
    def state(self):
        return "published" if self.published else "working"

    @property
    def decided_at(self):
        """When the verdict took effect: its approval for a published verdict under four-eyes review."""
        if self.review_event is None:
            return None
        if self.published:
            try:
                return self.review_event.approval.created_at
            except ObjectDoesNotExist:
                pass
        return self.review_event.created_at

    @property
    def is_review(self):
        """Unassessed items and unstarted or in-progress claims have no verdict to publish yet."""
        return self.value not in (MediaAuthenticity.NOT_ASSESSED, ClaimStatus.UNSTARTED, ClaimStatus.IN_PROGRESS)


def item_verdict(caller, item):
    return _verdict(caller, item, ReviewedValue.ITEM_AUTHENTICITY, "authenticity")


def claim_verdict(caller, claim):
    return _verdict(caller, claim, ReviewedValue.CLAIM_STATUS, "status")


def _verdict(caller, subject, value_kind, field_name):
    value = access.published(caller, subject, field_name)
    # Read through .all() so a prefetched history (feeds) costs no query; a subject has only a few reviews.
    events = sorted(
        (event for event in subject.review_events.all() if event.value == value_kind),
        key=lambda event: (event.created_at, event.pk), reverse=True,
    )
    published_value = getattr(subject, access.PUBLISHED[type(subject)][field_name])
    if caller.is_analyst and value != published_value:
        return Verdict(value, False, events[0] if events else None)
    for event in events:
        if event.new_value == published_value and (not settings.FOUR_EYES_REVIEW or _approved(event)):
            return Verdict(published_value, True, event)
    return Verdict(published_value, True, None)


def _approved(event):
    try:
        return event.approval is not None
    except ObjectDoesNotExist:
        return False

# Identifiers in exports are UUIDv5 under this namespace, so exporting the same record twice gives the same id and
# a receiver (OpenCTI, MISP) updates its copy instead of adding another. Never change it.
NAMESPACE = uuid.UUID("162d1ba1-6489-4ce2-9184-11d606b3b1de")


def stable_uuid(*key):
    return uuid.uuid5(NAMESPACE, ":".join(str(part) for part in key))


def publisher_name():
    """Who signs exports (STIX creator identity, schema.org review author); a deployment may name itself."""
    return getattr(settings, "CATALOG_PUBLISHER_NAME", "Media provenance catalogue")


def seen_between(sighting):
    """First and last time the item was seen at this sighting: from posting and observation, either may be missing."""
    times = [moment for moment in (sighting.posted_at, sighting.observed_at) if moment]
    return (min(times), max(times)) if times else (None, None)


def describe_sighting(sighting):
    text = f"{sighting.get_kind_display()} on {sighting.channel}"
    if sighting.taken_down_at:
        text += f"; taken down {sighting.taken_down_at.isoformat()}"
    return text


def original_release(caller, item):
    """The sighting of the original release: the item's own, else its original's (for a confirmed variant), as
    far as the reader sees them (items not read through `load_items` show none: fails closed)."""
    for candidate in (item, item.variant_of):
        if candidate is None or not access.is_cleared(caller, candidate):
            continue
        for sighting in candidate.sightings.all():
            if sighting.kind == SightingKind.ORIGINAL_RELEASE and sighting.url:
                return sighting
    return None
