"""Random small catalogues (hypothesis) and a partner's clearance, built through the factories into a `Catalogue`.

A catalogue: items (some confirmed variants of another), reports and people; claims (some of kind identity, with
and without item or report, some by a person); claim links; identity assertions (some resolved to people);
sightings; stored files (tiny byte payloads through the evidence service), each linked to none, one or several
items; quotes. Every record at a random TLP where it has one, with random working and published verdicts.
"""

import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from hypothesis import strategies as st

from catalog.choices import AssertionMode, ClaimKind, ClaimRelation, ClaimStatus, MediaAuthenticity, SightingKind
from provenance import services as evidence
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
)
from tests.partners.oracle import LEVELS, Catalogue, Clearance

tlps = st.sampled_from(LEVELS)


@dataclass(frozen=True)
class ClaimSpec:
    tlp: str
    identity: bool
    item: int | None
    report: int | None
    claimant: int | None
    status: str
    published_status: str


@dataclass(frozen=True)
class Spec:
    items: list  # (tlp, working authenticity, published authenticity, graphic, variant of an earlier item or None)
    reports: list  # tlp
    people: int
    claims: list  # ClaimSpec
    links: list  # (source claim, target claim, relation)
    sightings: list  # (item, kind)
    assertions: list  # (item, person or None)
    files: int
    item_files: list  # (item, file)
    quotes: list  # (report, speaker person or None)


def _index(count):
    return st.integers(0, count - 1)


def _optional(count):
    return st.none() | _index(count) if count else st.none()


@st.composite
def catalogue_specs(draw):
    verdicts = st.sampled_from(MediaAuthenticity.values)
    items = []
    for index in range(draw(st.integers(0, 3))):
        items.append((draw(tlps), draw(verdicts), draw(verdicts), draw(st.booleans()), draw(_optional(index))))
    reports = draw(st.lists(tlps, max_size=2))
    people = draw(st.integers(0, 2))
    files = draw(st.integers(0, 3)) if items else 0
    claims = draw(st.lists(st.builds(
        ClaimSpec, tlp=tlps, identity=st.booleans(), item=_optional(len(items)), report=_optional(len(reports)),
        claimant=_optional(people), status=st.sampled_from(ClaimStatus.values),
        published_status=st.sampled_from(ClaimStatus.values),
    ), max_size=5))
    links = []
    if len(claims) >= 2:
        pairs = st.tuples(_index(len(claims)), _index(len(claims))).filter(lambda pair: pair[0] != pair[1])
        links = [(*pair, draw(st.sampled_from(ClaimRelation.values)))
                 for pair in draw(st.lists(pairs, max_size=3, unique=True))]
    sightings = assertions = item_files = quotes = []
    if items:
        sightings = draw(st.lists(st.tuples(_index(len(items)), st.sampled_from(SightingKind.values)), max_size=4))
        assertions = draw(st.lists(st.tuples(_index(len(items)), _optional(people)), max_size=3))
        if files:
            item_files = draw(st.lists(st.tuples(_index(len(items)), _index(files)), max_size=4, unique=True))
    if reports:
        quotes = draw(st.lists(st.tuples(_index(len(reports)), _optional(people)), max_size=2))
    return Spec(items, reports, people, claims, links, sightings, assertions, files, item_files, quotes)


clearances = st.builds(Clearance, level=st.integers(0, len(LEVELS) - 1), identities=st.booleans(),
                       graphic=st.booleans())


def build(spec):
    """Create the records of `spec` through the factories; the Catalogue of what was made."""
    catalogue = Catalogue()
    made = {}  # Record → the model instance

    def make(record_type, create, **links):
        """`create(marker)` makes the row at once (so it may close over the loop's variables)."""
        marker = catalogue.marker(record_type)
        instance = create(marker)
        record = catalogue.add(record_type, instance.pk, marker, **links)
        made[record] = instance
        return record

    def row(record):
        return made[record] if record is not None else None

    def pick(records, index):
        return records[index] if index is not None else None

    people = [make("person", lambda m: PersonFactory(canonical_name=m)) for _ in range(spec.people)]
    items = []
    for tlp, working, published, graphic, variant_of in spec.items:
        original = pick(items, variant_of)
        items.append(make("media_item", lambda m: MediaItemFactory(
            tlp=tlp, title=m, description=f"About {m}.", authenticity=working, published_authenticity=published,
            is_graphic=graphic, variant_of=row(original),
        ), tlp=tlp, variant_of=original, reviewed=published != MediaAuthenticity.NOT_ASSESSED))
    reports = [
        make("report", lambda m: ReportFactory(tlp=tlp, title=m, url=f"https://news.example/{m}"), tlp=tlp)
        for tlp in spec.reports
    ]
    claims = []
    for claim in spec.claims:
        item, report, person = pick(items, claim.item), pick(reports, claim.report), pick(people, claim.claimant)
        claimant = {"claimant_person": row(person), "claimant_organization": None} if person else {}
        claims.append(make("claim", lambda m: ClaimFactory(
            text=f"{m}: the man is a captured soldier" if claim.identity else f"{m}: they were captured",
            kind=ClaimKind.IDENTITY if claim.identity else ClaimKind.CAPTURE, tlp=claim.tlp, media_item=row(item),
            report=row(report), status=claim.status, published_status=claim.published_status, **claimant,
        ), tlp=claim.tlp, item=item, report=report, person=person, identity=claim.identity,
            reviewed=claim.published_status not in (ClaimStatus.UNSTARTED, ClaimStatus.IN_PROGRESS)))
    for source, target, relation in spec.links:
        source, target = claims[source], claims[target]
        make("claim_link", lambda m: ClaimLinkFactory(
            source=row(source), target=row(target), relation=relation, note=m,
        ), source=source, target=target)
    for item, kind in spec.sightings:
        item = items[item]
        make("sighting", lambda m: SightingFactory(media_item=row(item), kind=kind, url=f"https://channel.example/{m}"),
             item=item)
    for item, person in spec.assertions:
        item, person = items[item], pick(people, person)
        make("identity_assertion", lambda m: IdentityAssertionFactory(
            media_item=row(item), name_as_stated=m, mode=AssertionMode.SELF_IDENTIFIED, person=row(person),
            resolution_confidence=0.9 if person else None,
        ), item=item, person=person)
    stored = []
    for _ in range(spec.files):  # bytes unlike any earlier example's: stored files outlive the rolled-back rows
        media_file = evidence.receive_file(ContentFile(f"evidence payload {uuid.uuid4()}".encode()), "upload.mp4")
        stored.append(catalogue.add("media_file", media_file.pk, media_file.sha256))
        made[stored[-1]] = media_file
    for item, index in spec.item_files:
        item, media_file = items[item], stored[index]
        media_file.items.append(item)
        make("item_file", lambda m: ItemFileFactory(
            media_item=row(item), media_file=row(media_file), original_filename=f"{m}.mp4",
        ), item=item, media_file=media_file)
    for report, person in spec.quotes:
        report, person = reports[report], pick(people, person)
        make("quote", lambda m: QuoteFactory(report=row(report), text=m, speaker_person=row(person)),
             report=report, person=person)
    return catalogue
