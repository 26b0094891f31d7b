"""STIX 2.1 bundles of media items, built with the stix2 library (which validates every object as it is made).

STIX has no "media item", so the mapping is:

- the item → a `media-item` SDO defined by an extension definition (STIX 2.1 §7.3 "new-sdo"; the older `x-` custom
  objects are deprecated in 2.1). It carries title, kind, languages, claimed release, the authenticity verdict and
  whether that verdict is the published or the working one, and lists its evidence files in `file_refs`;
- stored evidence files → `file` SCOs with SHA-256 (and MD5 once the worker has computed it);
- the producer → an `identity` (organization) with a `produced-by` relationship from the item;
- channels → `identity` objects of class `system` (a publishing account on a platform: the closest STIX class, and
  `sighting.where_sighted_refs` only accepts identities and locations);
- each sighting → a `sighting` SRO of the item, where sighted = the channel, first/last seen from the posting and
  observation times, pointing to an `observed-data` that holds the post's `url` SCO;
- each claim (the item's, and the claims linked to them, such as a ministry's denial) → a `note` with the claim in
  `content` and claimant, kind and date in `abstract`; once reviewed, an `opinion` of the catalogue on that note;
  claim links → relationships named after the link (`denies`, `supports`, ...);
- people shown, as stated on camera → `identity` objects of class `individual` with a `depicts` relationship from
  the item, only for readers cleared for identities.

Every object carries the TLP 2.0 marking of the record it came from. stix2 3.0.2 ships only the TLP 1.0 markings
(WHITE/GREEN/AMBER/RED), so the five TLP 2.0 marking definitions are built here with the fixed ids OASIS publishes
(cti-stix-common-objects, extension-definition-specifications/tlp-2.0).
"""

import datetime as dt

import stix2
from stix2.properties import (
    BooleanProperty,
    EnumProperty,
    FloatProperty,
    ListProperty,
    ReferenceProperty,
    StringProperty,
    TimestampProperty,
)

from catalog.choices import TLP, ClaimStatus
from catalog.models import MediaItem
from catalog.policies.access import effective_marking, highest

from .common import (
    claim_verdict,
    claimant_name,
    describe_sighting,
    item_verdict,
    linked_claims,
    load_items,
    publisher_name,
    require_loaded,
    seen_between,
    stable_uuid,
)

CONTENT_TYPE = "application/stix+json;version=2.1"

TLP2_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP2_IDS = {
    TLP.CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    TLP.GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    TLP.AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    TLP.AMBER_STRICT: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    TLP.RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
TLP_MARKINGS = {
    tlp: stix2.v21.MarkingDefinition(
        id=marking_id,
        created="2022-10-01T00:00:00.000Z",
        name=TLP(tlp).label,
        extensions={TLP2_EXTENSION_ID: {"extension_type": "property-extension", "tlp_2_0": tlp}},
    )
    for tlp, marking_id in TLP2_IDS.items()
}
TLP_BY_MARKING_ID = {marking_id: tlp for tlp, marking_id in TLP2_IDS.items()}
TLP_ORDER = list(TLP.values)

MEDIA_ITEM_EXTENSION_ID = "extension-definition--0b7ee162-7045-47af-ad68-495b2662ebcf"
DEFINED_AT = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)


@stix2.v21.CustomObject(
    "media-item",
    [
        ("name", StringProperty(required=True)),
        ("description", StringProperty()),
        ("media_kind", StringProperty(required=True)),
        ("languages", ListProperty(StringProperty)),
        ("claimed_release", TimestampProperty()),
        ("duration_seconds", FloatProperty(min=0)),
        ("is_graphic", BooleanProperty()),
        ("authenticity", StringProperty(required=True)),
        ("authenticity_state", EnumProperty(["published", "working"], required=True)),
        ("file_refs", ListProperty(ReferenceProperty(valid_types="file", spec_version="2.1"))),
    ],
    extension_name=MEDIA_ITEM_EXTENSION_ID,
)
class MediaItemObject:
    """A propaganda video, image or audio as a work, apart from the files and posts it exists as."""


# What a claim verdict means as a STIX opinion on the claim's note.
OPINIONS = {
    ClaimStatus.VERIFIED: "strongly-agree",
    ClaimStatus.FALSE: "strongly-disagree",
    ClaimStatus.MISLEADING: "disagree",
    ClaimStatus.DISPUTED: "neutral",
    ClaimStatus.INCONCLUSIVE: "neutral",
}

CATALOGUE_ID = f"identity--{stable_uuid('catalogue')}"


def catalogue_identity():
    return stix2.v21.Identity(
        id=CATALOGUE_ID, created=DEFINED_AT, modified=DEFINED_AT, name=publisher_name(), identity_class="organization",
        object_marking_refs=[TLP2_IDS[TLP.CLEAR]],
    )


def media_item_extension():
    return stix2.v21.ExtensionDefinition(
        id=MEDIA_ITEM_EXTENSION_ID, created=DEFINED_AT, modified=DEFINED_AT, created_by_ref=CATALOGUE_ID,
        name="media-item", version="1.0", extension_types=["new-sdo"],
        description="A media item catalogued for provenance: one work, whatever files and posts it exists as.",
        schema=(
            "Properties: name (title), description, media_kind (video/image/audio/document), languages (ISO 639), "
            "claimed_release (timestamp the producer claims), duration_seconds, is_graphic (shows violence or "
            "prisoners), authenticity (a schema.org MediaManipulationRatingEnumeration member, or NotAssessed), "
            "authenticity_state (published: passed four-eyes review; working: an analyst's value awaiting "
            "approval), file_refs (file SCOs of the stored evidence)."
        ),
        object_marking_refs=[TLP2_IDS[TLP.CLEAR]],
    )


def sid(stix_type, *key):
    return f"{stix_type}--{stable_uuid(stix_type, *key)}"


class BundleBuilder:
    """Collects objects by id. An object reached from several records (a producer shared by two items of a feed)
    keeps the least restrictive of their markings: every reader of the bundle may read all those records."""

    def __init__(self, caller):
        self.caller = caller
        self.objects = {}

    def add(self, obj):
        held = self.objects.get(obj.id)
        if held is None or _restriction(obj) < _restriction(held):
            self.objects[obj.id] = obj
        return obj

    def add_item(self, item):
        require_loaded(self.caller, item)
        marking = [TLP2_IDS[item.tlp]]
        common = {"created_by_ref": CATALOGUE_ID, "object_marking_refs": marking}
        verdict = item_verdict(self.caller, item)
        files = [self.add(_file(link, marking)) for link in item.files.all()]
        media_item = self.add(MediaItemObject(
            id=sid("media-item", item.pk), created=item.created_at, modified=item.updated_at,
            name=item.title, description=item.description or None, media_kind=item.kind,
            languages=item.languages or None, claimed_release=item.claimed_release_at,
            duration_seconds=item.duration.total_seconds() if item.duration else None, is_graphic=item.is_graphic,
            authenticity=verdict.value, authenticity_state=verdict.state,
            file_refs=[file.id for file in files] or None, labels=[tag.name for tag in item.tags.all()] or None,
            **common,
        ))
        if item.producer:
            producer = self.add(_organization(item.producer, marking))
            self.add(stix2.v21.Relationship(
                id=sid("relationship", "produced-by", item.pk), created=item.created_at, modified=item.updated_at,
                relationship_type="produced-by", source_ref=media_item.id, target_ref=producer.id, **common,
            ))
        for sighting in item.sightings.all():
            self._add_sighting(sighting, media_item, common)
        self._add_claims(item, media_item)
        for assertion in item.identity_assertions.all():
            self._add_person_shown(assertion, media_item, common)
        return media_item

    def _add_sighting(self, sighting, media_item, common):
        channel = self.add(_channel(sighting.channel, common["object_marking_refs"]))
        first_seen, last_seen = seen_between(sighting)
        observed_refs = None
        if sighting.url:
            url = self.add(stix2.v21.URL(value=sighting.url, object_marking_refs=common["object_marking_refs"]))
            observed = self.add(stix2.v21.ObservedData(
                id=sid("observed-data", "sighting", sighting.pk), created=sighting.created_at,
                modified=sighting.updated_at, first_observed=first_seen or sighting.created_at,
                last_observed=last_seen or sighting.created_at, number_observed=1, object_refs=[url.id], **common,
            ))
            observed_refs = [observed.id]
        self.add(stix2.v21.Sighting(
            id=sid("sighting", sighting.pk), created=sighting.created_at, modified=sighting.updated_at,
            sighting_of_ref=media_item.id, where_sighted_refs=[channel.id], first_seen=first_seen,
            last_seen=last_seen, count=1, observed_data_refs=observed_refs, description=describe_sighting(sighting),
            **common,
        ))

    def _add_claims(self, item, media_item):
        claims = {claim.pk: claim for claim in linked_claims(item)}
        links = [
            link for claim in item.claims.all() for link in [*claim.outgoing_links.all(), *claim.incoming_links.all()]
        ]
        notes = {pk: self._add_claim(claim, media_item) for pk, claim in claims.items()}
        for link in links:
            source, target = claims[link.source_id], claims[link.target_id]
            self.add(stix2.v21.Relationship(
                id=sid("relationship", "claim-link", link.pk), created=link.created_at, modified=link.created_at,
                relationship_type=link.relation, source_ref=notes[link.source_id].id,
                target_ref=notes[link.target_id].id, description=link.note or None, created_by_ref=CATALOGUE_ID,
                object_marking_refs=[TLP2_IDS[highest(effective_marking(source), effective_marking(target))]],
            ))

    def _add_claim(self, claim, media_item):
        common = {"created_by_ref": CATALOGUE_ID, "object_marking_refs": [TLP2_IDS[effective_marking(claim)]]}
        stated = f", stated {claim.stated_on.isoformat()}" if claim.stated_on else ""
        report = claim.report  # a claim the reader sees has a report it sees, if any
        references = None
        if report is not None and report.url:
            references = [{
                "source_name": report.outlet.name if report.outlet_id else "report", "url": report.url,
                "description": report.title,
            }]
        note = self.add(stix2.v21.Note(
            id=sid("note", "claim", claim.pk), created=claim.created_at, modified=claim.updated_at,
            abstract=f"{claim.get_kind_display()} claim by {claimant_name(self.caller, claim)}{stated}",
            content=claim.text, object_refs=[media_item.id], labels=[f"claim-{claim.kind}"],
            external_references=references, **common,
        ))
        verdict = claim_verdict(self.caller, claim)
        if verdict.value in OPINIONS:
            decided_at = verdict.decided_at or claim.updated_at
            self.add(stix2.v21.Opinion(
                # Working and published opinions get different ids: they are different statements, not versions.
                id=sid("opinion", "claim", claim.pk, verdict.state), created=claim.created_at,
                modified=max(decided_at, claim.created_at), opinion=OPINIONS[verdict.value],
                explanation=f"Catalogue verdict on this claim: {ClaimStatus(verdict.value).label} ({verdict.state}).",
                labels=[f"{verdict.state}-verdict", f"claim-status-{verdict.value}"], object_refs=[note.id],
                **common,
            ))
        return note

    def _add_person_shown(self, assertion, media_item, common):
        stated = [assertion.get_mode_display()]
        if assertion.birth_year_as_stated:
            stated.append(f"stated birth year {assertion.birth_year_as_stated}")
        if assertion.birthplace_as_stated:
            stated.append(f"stated birthplace {assertion.birthplace_as_stated}")
        if assertion.affiliation_as_stated:
            stated.append(f"stated affiliation {assertion.affiliation_as_stated}")
        if assertion.timecode is not None:
            stated.append(f"at {assertion.timecode} into the media")
        person = self.add(stix2.v21.Identity(
            id=sid("identity", "assertion", assertion.pk), created=assertion.created_at,
            modified=assertion.created_at, name=assertion.name_as_stated, identity_class="individual",
            description="As stated in the media, not a resolved identity: " + "; ".join(stated) + ".", **common,
        ))
        self.add(stix2.v21.Relationship(
            id=sid("relationship", "depicts", assertion.pk), created=assertion.created_at,
            modified=assertion.created_at, relationship_type="depicts", source_ref=media_item.id,
            target_ref=person.id, **common,
        ))

    def bundle(self):
        used = {ref for obj in self.objects.values() for ref in obj.get("object_marking_refs", [])}
        used.add(TLP2_IDS[TLP.CLEAR])  # the catalogue's identity and the extension definition are public
        markings = [TLP_MARKINGS[tlp] for tlp in TLP_ORDER if TLP2_IDS[tlp] in used]
        return stix2.v21.Bundle(
            *markings, catalogue_identity(), media_item_extension(), *self.objects.values(), allow_custom=True
        )


def _file(link, marking):
    # The name is the item's label for the file; the stored file's own original name is internal to the desk.
    media_file = link.media_file
    hashes = {"SHA-256": media_file.sha256}
    if media_file.md5:
        hashes["MD5"] = media_file.md5
    return stix2.v21.File(
        hashes=hashes, size=media_file.size, name=link.original_filename or None,
        mime_type=media_file.mime_type or None, object_marking_refs=marking,
    )


def _organization(organization, marking):
    return stix2.v21.Identity(
        id=sid("identity", "organization", organization.pk), created=organization.created_at,
        modified=organization.updated_at, name=organization.name, identity_class="organization",
        roles=[organization.kind], created_by_ref=CATALOGUE_ID, object_marking_refs=marking,
    )


def _channel(channel, marking):
    return stix2.v21.Identity(
        id=sid("identity", "channel", channel.pk), created=channel.created_at, modified=channel.updated_at,
        name=str(channel), identity_class="system", roles=[f"{channel.platform}-channel"],
        contact_information=channel.url or None, created_by_ref=CATALOGUE_ID, object_marking_refs=marking,
    )


def _restriction(obj):
    refs = obj.get("object_marking_refs", [])
    return max((TLP_ORDER.index(TLP_BY_MARKING_ID[ref]) for ref in refs if ref in TLP_BY_MARKING_ID), default=0)


def render_bundle(items, caller):
    """One bundle for items loaded by common.load_items for `caller` (any other item: NotVisible)."""
    builder = BundleBuilder(caller)
    for item in items:
        builder.add_item(item)
    return builder.bundle()


def render_item(item, caller):
    """The bundle of one item (NotVisible when `caller` may not see it)."""
    return render_bundle(load_items(caller, MediaItem.objects.filter(pk=item.pk)) or [item], caller).serialize(
        pretty=True
    )


def render_feed(items, caller):
    """A bundle of every item in the queryset the reader may see (those above their clearance are left out).

    For the partner feed: pass the page of items to publish; queries stay constant in the number of items.
    """
    return render_bundle(load_items(caller, items), caller).serialize(pretty=True)
