"""MISP events of media items, built with PyMISP's MISPEvent (which knows MISP's attribute types and object templates).

The mapping:

- the event is the item: `info` is its title, `date` its claimed release, tag `tlp:<marking>` (MISP's TLP 2.0
  taxonomy: tlp:clear, tlp:green, tlp:amber, tlp:amber+strict, tlp:red);
- each stored evidence file → a `file` object (filename, size, mimetype, sha256, md5). The object, rather than loose
  hash attributes, keeps the two hashes of one file together;
- the producer → an `organization` object. No galaxy or taxonomy tag: galaxy clusters are curated entries with
  their own UUIDs, and inventing one per producer would pass off our catalogue entry as MISP's;
- each sighting → a `url` attribute (category External analysis) with first/last seen and the channel in its comment;
- the authenticity verdict and each claim → `text` attributes, the verdict saying whether it is published or working;
  each claim carries its own TLP tag, as claims are marked apart from their item;
- people shown → `person` objects (name, birthplace and other details as stated), only for readers cleared for them.

Nothing is flagged for IDS (`to_ids` false): these are records of propaganda media, not intrusion indicators, and an
IDS rule on a news video's hash would block the reporting on it. UUIDs are stable (see common.stable_uuid) so a
re-import updates the event in MISP instead of duplicating it.
"""

import json

from pymisp import MISPEvent, MISPObject

from catalog.choices import ClaimStatus, MediaAuthenticity
from catalog.models import MediaItem

from catalog.policies.access import effective_marking

from .common import (
    claim_verdict,
    claimant_name,
    describe_sighting,
    item_verdict,
    load_items,
    require_loaded,
    seen_between,
    stable_uuid,
)

CONTENT_TYPE = "application/json"

# MISP event `analysis`: 0 initial, 1 ongoing, 2 completed.
ANALYSIS_ONGOING, ANALYSIS_COMPLETED = 1, 2
THREAT_LEVEL_UNDEFINED = 4


def tlp_tag(tlp):
    return f"tlp:{tlp}"


def render_event(item, caller):
    """The MISPEvent for one item loaded by common.load_items for `caller` (any other item: NotVisible)."""
    require_loaded(caller, item)
    event = MISPEvent()
    event.uuid = str(stable_uuid("misp-event", item.pk))
    event.info = item.title
    event.date = (item.claimed_release_at or item.created_at).date()
    event.timestamp = item.updated_at
    event.threat_level_id = THREAT_LEVEL_UNDEFINED
    event.add_tag(tlp_tag(item.tlp))
    for tag in item.tags.all():
        event.add_tag(tag.name)

    verdict = item_verdict(caller, item)
    event.analysis = ANALYSIS_COMPLETED if verdict.value != MediaAuthenticity.NOT_ASSESSED else ANALYSIS_ONGOING
    event.add_attribute(
        "text", f"Media authenticity: {verdict.value}", category="Other", to_ids=False,
        comment=f"{verdict.state.capitalize()} verdict (schema.org MediaManipulationRatingEnumeration).",
        uuid=str(stable_uuid("misp-authenticity", item.pk, verdict.state)),
    )
    if item.description:
        event.add_attribute(
            "text", item.description, category="Other", to_ids=False, comment="Description of the media item.",
            uuid=str(stable_uuid("misp-description", item.pk)),
        )
    for link in item.files.all():
        event.add_object(_file_object(link, item))
    if item.producer:
        event.add_object(_organization_object(item.producer, item))
    for sighting in item.sightings.all():
        if sighting.url:
            first_seen, last_seen = seen_between(sighting)
            event.add_attribute(
                "url", sighting.url, category="External analysis", to_ids=False,
                comment=describe_sighting(sighting), first_seen=first_seen, last_seen=last_seen,
                uuid=str(stable_uuid("misp-sighting", sighting.pk)),
            )
    for claim in item.claims.all():
        _add_claim(event, claim, caller)
    for assertion in item.identity_assertions.all():
        event.add_object(_person_object(assertion))
    return event


def _add_claim(event, claim, caller):
    verdict = claim_verdict(caller, claim)
    stated = f" on {claim.stated_on.isoformat()}" if claim.stated_on else ""
    attribute = event.add_attribute(
        "text", claim.text, category="Other", to_ids=False,
        comment=(
            f"{claim.get_kind_display()} claim by {claimant_name(caller, claim)}{stated}; "
            f"status {ClaimStatus(verdict.value).label} ({verdict.state})"
        ),
        uuid=str(stable_uuid("misp-claim", claim.pk)),
    )
    attribute.add_tag(tlp_tag(effective_marking(claim)))


def _object(name, *key):
    obj = MISPObject(name, standalone=False)
    obj.uuid = str(stable_uuid("misp-object", name, *key))
    return obj


def _add(obj, relation, value):
    obj.add_attribute(relation, value, to_ids=False, uuid=str(stable_uuid("misp-object-attribute", obj.uuid, relation)))


def _file_object(link, item):
    # The filename is the item's label for the file; the stored file's own original name is internal to the desk.
    media_file = link.media_file
    obj = _object("file", item.pk, media_file.sha256)
    _add(obj, "sha256", media_file.sha256)
    if media_file.md5:
        _add(obj, "md5", media_file.md5)
    if link.original_filename:
        _add(obj, "filename", link.original_filename)
    _add(obj, "size-in-bytes", media_file.size)
    if media_file.mime_type:
        _add(obj, "mimetype", media_file.mime_type)
    return obj


def _organization_object(organization, item):
    obj = _object("organization", item.pk, organization.pk)
    _add(obj, "name", organization.name)
    _add(obj, "type-of-organization", organization.get_kind_display())
    _add(obj, "role", "Producer of the media")
    return obj


def _person_object(assertion):
    obj = _object("person", "assertion", assertion.pk)
    _add(obj, "full-name", assertion.name_as_stated)
    if assertion.birthplace_as_stated:
        _add(obj, "place-of-birth", assertion.birthplace_as_stated)
    stated = [f"Shown in the media; {assertion.get_mode_display().lower()}, as stated, not a resolved identity."]
    if assertion.birth_year_as_stated:
        stated.append(f"Stated birth year {assertion.birth_year_as_stated}.")
    if assertion.affiliation_as_stated:
        stated.append(f"Stated affiliation: {assertion.affiliation_as_stated}.")
    _add(obj, "text", " ".join(stated))
    return obj


def render_item(item, caller):
    """The event of one item (NotVisible when `caller` may not see it)."""
    loaded = load_items(caller, MediaItem.objects.filter(pk=item.pk)) or [item]
    return render_event(loaded[0], caller).to_json(indent=2)


def render_feed(items, caller):
    """Every item in the queryset the reader may see, each event as render_item renders it, in the shape MISP's
    /events/restSearch answers: {"response": [{"Event": {...}}, ...]}."""
    events = [json.loads(render_event(item, caller).to_json()) for item in load_items(caller, items)]
    return json.dumps({"response": [{"Event": event} for event in events]}, indent=2, ensure_ascii=False)
