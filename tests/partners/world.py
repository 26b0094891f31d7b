"""A small catalogue with a record of every kind at every TLP level, each carrying a marker of its level.

Markers: `MARK-<kind>-L<n>` in titles and texts (n = 0 for TLP:CLEAR … 4 for TLP:RED, the level that decides
who may see the record), `IDENT-<kind>-L<n>` in identity details, `INTERNAL-…` in the desk's internal fields.
Verdicts: every item's reviewed authenticity is SatireOrParodyContent and every claim's status is misleading,
never published; the published values are OriginalMediaContent and verified.
"""

import hashlib
import re
from dataclasses import dataclass, field

from catalog.choices import TLP, ClaimKind, ClaimStatus, MediaAuthenticity
from provenance import matching
from provenance.choices import HashAlgorithm
from provenance.models import FrameHash
from tests.partners.pictures import add_pictures
from tests.factories import (
    ClaimFactory,
    ClaimLinkFactory,
    IdentityAssertionFactory,
    ItemFileFactory,
    MediaItemFactory,
    PersonFactory,
    QuoteFactory,
    ReportFactory,
    SightingFactory,
    UserFactory,
)

LEVELS = list(TLP.values)  # index = level
MARK = re.compile(r"MARK-[a-z_]+-L(\d)")
IDENT = re.compile(r"IDENT-[a-z_]+-L(\d)")
INTERNAL = "INTERNAL-"
UNPUBLISHED_AUTHENTICITY = MediaAuthenticity.SATIRE_OR_PARODY
UNPUBLISHED_STATUS = ClaimStatus.MISLEADING
GRAPHIC_UNBLURRED = "GRAPHIC-UNBLURRED"


@dataclass
class World:
    # route basename → [(pk, level)]; people carry the level of the only assertion resolved to them.
    records: dict = field(default_factory=dict)
    files: list = field(default_factory=list)  # (MediaFile, level of the lowest item it belongs to)
    # (MediaFile, DerivedFile, level): each file's thumbnail and keyframes, plain and blurred. Items of odd
    # levels are graphic; the bytes of a graphic file's unblurred picture hold GRAPHIC_UNBLURRED.
    pictures: list = field(default_factory=list)
    # Each file has one frame hash: its level's digit, 64 times.
    # (route, pk) of records that name the people shown beyond identity assertions: claims of kind identity (and
    # the links touching them); only identity-cleared partners may see them, whatever their level.
    naming_people: set = field(default_factory=set)

    def add(self, route, record, level, names_people=False):
        self.records.setdefault(route, []).append((record.pk, level))
        if names_people:
            self.naming_people.add((route, record.pk))
        return record


def build_world():
    world = World()
    internal_user = UserFactory(username="INTERNAL-analyst")
    items, claims, sightings, assertions, reports = {}, {}, {}, {}, {}
    for level, tlp in enumerate(LEVELS):
        item = world.add("media-items", MediaItemFactory(
            tlp=tlp, title=f"MARK-item-L{level}", description=f"MARK-description-L{level}",
            authenticity=UNPUBLISHED_AUTHENTICITY, published_authenticity=MediaAuthenticity.ORIGINAL,
            created_by=internal_user, is_graphic=level % 2 == 1,
        ), level)
        items[level] = item
        first = world.add("sightings", SightingFactory(
            media_item=item, url=f"https://channel.example/MARK-sighting-L{level}", notes=f"MARK-notes-L{level}",
        ), level)
        sightings[level] = world.add("sightings", SightingFactory(
            media_item=item, derived_from=first, url=f"https://channel.example/MARK-repost-L{level}",
        ), level)
        person = world.add("people", PersonFactory(
            canonical_name=f"IDENT-person-L{level}", notes=f"INTERNAL-notes-L{level}",
        ), level)
        assertions[level] = world.add("identity-assertions", IdentityAssertionFactory(
            media_item=item, name_as_stated=f"IDENT-name-L{level}", birthplace_as_stated=f"IDENT-birthplace-L{level}",
            affiliation_as_stated=f"IDENT-affiliation-L{level}", person=person, resolution_confidence=0.9,
            resolved_by=internal_user,
        ), level)
        report = reports[level] = world.add("reports", ReportFactory(
            tlp=tlp, title=f"MARK-report-L{level}", body=f"MARK-body-L{level}",
        ), level)
        world.add("quotes", QuoteFactory(report=report, text=f"MARK-quote-L{level}", speaker_person=person), level)
        claims[level] = world.add("claims", ClaimFactory(
            media_item=item, report=report, tlp=tlp, text=f"MARK-claim-L{level}", claimant_organization=None,
            claimant_person=person, status=UNPUBLISHED_STATUS, published_status=ClaimStatus.VERIFIED,
        ), level)
        content = f"bytes of level {level}".encode()
        item_file = ItemFileFactory(
            media_item=item, original_filename=f"MARK-file-L{level}.mp4", content=content, attached_by=internal_user,
        )
        # The MD5 is recorded by the hashing job in real life.
        item_file.media_file.md5 = hashlib.md5(content).hexdigest()
        item_file.media_file.original_filename = f"INTERNAL-upload-L{level}.mp4"
        item_file.media_file.save(update_fields=["md5", "original_filename"])
        FrameHash.objects.create(
            media_file=item_file.media_file, algorithm=HashAlgorithm.ROBUST_PDQ, hash=str(level) * 64, quality=100,
        )
        world.add("media-files", item_file.media_file, level)
        graphic = item.is_graphic

        def content_of(kind, position, level=level, graphic=graphic):
            plain = graphic and not kind.startswith("blurred_")
            return f"JPEG MARK-picture-L{level} {kind} {GRAPHIC_UNBLURRED if plain else ''}".encode()

        for picture in add_pictures(item_file.media_file, content_of=content_of).values():
            world.pictures.append((item_file.media_file, picture, level))
        world.files.append((item_file.media_file, level))

    top = len(LEVELS) - 1
    for level in range(top):
        # Links up the levels: seen at the higher level only.
        world.add("claim-links", ClaimLinkFactory(
            source=claims[level], target=claims[level + 1], note=f"MARK-link-L{level + 1}",
        ), level + 1)
        # A record at a low marking seen through a higher one takes the higher level.
        world.add("claims", ClaimFactory(
            media_item=items[level + 1], report=None, tlp=TLP.CLEAR, text=f"MARK-claim_on_item-L{level + 1}",
            claimant_organization=None, status=UNPUBLISHED_STATUS, published_status=ClaimStatus.VERIFIED,
        ), level + 1)
        world.add("claims", ClaimFactory(
            media_item=items[0], report=reports[level + 1], tlp=TLP.CLEAR, text=f"MARK-claim_in_report-L{level + 1}",
            claimant_organization=None, status=UNPUBLISHED_STATUS, published_status=ClaimStatus.VERIFIED,
        ), level + 1)
        world.add("claims", ClaimFactory(
            media_item=None, report=reports[level + 1], tlp=TLP.CLEAR, text=f"MARK-claim_of_report-L{level + 1}",
            claimant_organization=None, status=UNPUBLISHED_STATUS, published_status=ClaimStatus.VERIFIED,
        ), level + 1)
    # Claims of kind identity name a person shown ("the man on the left is …"): identity clearance at every level.
    for level, item in items.items():
        identity_claim = world.add("claims", ClaimFactory(
            media_item=item, report=None, tlp=LEVELS[level], kind=ClaimKind.IDENTITY,
            text=f"IDENT-identity_claim-L{level}", claimant_organization=None, status=UNPUBLISHED_STATUS,
            published_status=ClaimStatus.VERIFIED,
        ), level, names_people=True)
        if level:
            world.add("claim-links", ClaimLinkFactory(
                source=claims[0], target=identity_claim, note=f"IDENT-identity_link-L{level}",
            ), level, names_people=True)
    # Links from a low record to a higher one are null below the higher level.
    red_repost = world.add("sightings", SightingFactory(
        media_item=items[0], derived_from=sightings[top], url="https://channel.example/MARK-low_from_red-L0",
    ), 0)
    assert red_repost.derived_from_id == sightings[top].pk
    world.add("identity-assertions", IdentityAssertionFactory(
        media_item=items[0], name_as_stated="IDENT-named-L0", birthplace_as_stated="", named_by=assertions[top],
        mode="named_by_other",
    ), 0)
    # A RED variant of the CLEAR item: its sightings must stay out of the CLEAR item's timeline.
    variant = world.add("media-items", MediaItemFactory(
        tlp=TLP.RED, variant_of=items[0], title=f"MARK-variant-L{top}",
        authenticity=UNPUBLISHED_AUTHENTICITY, published_authenticity=MediaAuthenticity.ORIGINAL,
    ), top)
    world.add("sightings", SightingFactory(media_item=variant, url=f"https://channel.example/MARK-variant-L{top}"), top)
    # The CLEAR item's file also belongs to a RED item: visible, through the CLEAR one only.
    shared = ItemFileFactory(media_item=variant, media_file=items[0].files.get().media_file,
                             original_filename=f"MARK-shared-L{top}.mp4")
    assert shared.media_file_id == world.files[0][0].pk
    # A change history for the feed: an item raised out of reach, one withdrawn, one lowered into reach.
    raised = MediaItemFactory(tlp=TLP.CLEAR, title=f"MARK-raised-L{top}")
    raised.tlp = TLP.RED
    raised.save()
    world.add("media-items", raised, top)
    MediaItemFactory(tlp=TLP.GREEN, title="MARK-withdrawn-L1").delete()
    lowered = MediaItemFactory(tlp=TLP.RED, title="MARK-lowered-L0")
    lowered.tlp = TLP.CLEAR
    lowered.save()
    world.add("media-items", lowered, 0)
    matching.reset_index()  # the next PDQ search loads this world's hashes
    return world


def levels_in(text, pattern):
    return {int(level) for level in pattern.findall(text)}
