"""What every export format shares: stable identifiers, the publisher's name and a few readings of the records."""

import uuid

from django.conf import settings

from catalog.choices import SightingKind

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


def original_release(item, visibility):
    """The sighting of the original release: the item's own, else its original's (for a confirmed variant)."""
    for candidate in (item, item.variant_of):
        if candidate is None or not visibility.may_read(candidate.tlp):
            continue
        for sighting in candidate.sightings.all():
            if sighting.kind == SightingKind.ORIGINAL_RELEASE and sighting.url:
                return sighting
    return None
