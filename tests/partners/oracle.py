"""What a partner may be sent, worked out from the records a test made, independently of the code under test.

It imports nothing of the access policy (catalog.api.clearance, catalog.exports.visibility, the markings of
catalog.services.partners): a test builds a `Catalogue` while it creates the records, and an `Oracle` answers from
that alone. The rules (the lead's, for every face: API, lookup, feed, exports):

- TLP order clear < green < amber < amber+strict < red; a partner cleared to a level reads markings at or below it;
- visible: items and reports it reads; claims whose own, item's (if any) and report's (if any) marking it reads,
  and, for an identity-kind claim, only with identity clearance; sightings, item files and media files of visible
  items; identity assertions of visible items only with identity clearance (without it, never any part of one);
  quotes of visible reports; claim links whose two claims are visible; people only with identity clearance and
  only those a visible identity assertion is resolved to;
- restricted (audited when sent): a record whose effective marking (the highest of its own and of the records it
  is seen through) is amber or above, a media file all of whose items are, any identity assertion or person, any
  identity-kind claim.

Every record carries a marker (`mk-<type>-<n>-km`, a media file its SHA-256) in the text that shows it, so a
response of any format discloses a record exactly when its marker is in it; JSON answers of the API are also
walked for records referred to by id (`references`), which finds a row even when every text of it is withheld.
"""

import re
from dataclasses import dataclass, field

LEVELS = ("clear", "green", "amber", "amber+strict", "red")
AMBER = LEVELS.index("amber")
MARKER = re.compile(r"mk-[a-z_]+-\d+-km")

# A JSON key naming a related record → the record's type (AccessAudit.record_type), for `references`.
NESTED = {
    "media_item": "media_item", "report": "report", "sightings": "sighting", "derived_from": "sighting",
    "claims": "claim", "source": "claim", "target": "claim", "identity_assertions": "identity_assertion",
    "named_by": "identity_assertion", "files": "item_file", "media_file": "media_file", "person": "person",
    "claimant_person": "person", "speaker_person": "person",
}


@dataclass(eq=False)
class Record:
    type: str  # as AccessAudit.record_type names it
    pk: int
    marker: str
    tlp: str | None = None  # own marking: items, reports, claims
    item: "Record | None" = None  # sightings, identity assertions, item files, claims
    report: "Record | None" = None  # claims, quotes
    person: "Record | None" = None  # an assertion's resolved person, a claim's claimant, a quote's speaker
    source: "Record | None" = None  # claim links
    target: "Record | None" = None
    media_file: "Record | None" = None  # item files
    variant_of: "Record | None" = None  # items: the item this one is a confirmed variant of
    items: list = field(default_factory=list)  # media files: the items they belong to
    identity: bool = False  # a claim of kind identity
    reviewed: bool = False  # an item or claim whose published verdict is a review (assessed, not in progress)

    @property
    def key(self):
        return self.type, self.pk

    def __repr__(self):
        extra = f" {self.tlp}" if self.tlp else ""
        return f"{self.type} {self.pk}{extra}{' identity' if self.identity else ''}"


class Catalogue:
    """The records a test made, each with its marker."""

    def __init__(self):
        self.records = []
        self._by_key, self._by_marker = {}, {}
        self._count = 0

    def marker(self, record_type):
        self._count += 1
        return f"mk-{record_type}-{self._count}-km"

    def add(self, record_type, pk, marker, **links):
        record = Record(record_type, pk, marker, **links)
        self.records.append(record)
        self._by_key[record.key] = record
        self._by_marker[marker] = record
        return record

    def of_type(self, record_type):
        return [record for record in self.records if record.type == record_type]

    def get(self, record_type, pk):
        return self._by_key.get((record_type, pk))

    def by_marker(self, marker):
        return self._by_marker.get(marker)

    def shown_in(self, text):
        """The records whose marker is in `text`, and the marker-like strings that name no record."""
        found, unknown = set(), set()
        for marker in MARKER.findall(text):
            record = self._by_marker.get(marker)
            if record is None:
                unknown.add(marker)
            else:
                found.add(record)
        found.update(record for record in self.of_type("media_file") if record.marker in text)
        return found, unknown

    def named(self, keys):
        """{record: how} of the (type, id) pairs of `keys` (see `references`), and the pairs that name none."""
        found, unknown = {}, set()
        for key, how in keys.items():
            record = self._by_key.get(key)
            if record is None:
                unknown.add(key)
            else:
                found[record] = how
        return found, unknown

    # Relations, for the faces' expectations.

    def children(self, record_type, item):
        return [record for record in self.of_type(record_type) if record.item is item]

    def item_files_of(self, item):
        return self.children("item_file", item)


def references(data, record_type=None):
    """{(type, id): how} of every record `data` shows as a row or a summary of a known type, or names by a bare
    id; `how` is "row" for the record `data` is (as `record_type`) and those in nested lists, else "summary"."""
    found = {}

    def note(key, how):
        if found.get(key) != "row":
            found[key] = how

    def walk(value, kind, how):
        if isinstance(value, list):
            for element in value:
                walk(element, kind, "row")
        elif isinstance(value, dict):
            if kind and isinstance(value.get("id"), int):
                note((kind, value["id"]), how)
            for key, nested in value.items():
                walk(nested, NESTED.get(key), "summary")
        elif kind and isinstance(value, int) and not isinstance(value, bool):
            note((kind, value), how)

    walk(data, record_type, "row")
    return found


@dataclass(frozen=True)
class Clearance:
    level: int  # index in LEVELS of the highest marking the partner reads
    identities: bool
    graphic: bool

    @property
    def max_tlp(self):
        return LEVELS[self.level]

    def __str__(self):
        return f"{self.max_tlp}{'+identities' if self.identities else ''}{'+graphic' if self.graphic else ''}"


class Oracle:
    def __init__(self, catalogue, clearance):
        self.catalogue, self.clearance = catalogue, clearance

    def reads(self, tlp):
        return LEVELS.index(tlp) <= self.clearance.level

    def visible(self, record):
        kind = record.type
        if kind in ("media_item", "report"):
            return self.reads(record.tlp)
        if kind == "claim":
            return (
                self.reads(record.tlp)
                and all(self.visible(parent) for parent in (record.item, record.report) if parent is not None)
                and (self.clearance.identities or not record.identity)
            )
        if kind in ("sighting", "item_file"):
            return self.visible(record.item)
        if kind == "identity_assertion":
            return self.clearance.identities and self.visible(record.item)
        if kind == "quote":
            return self.visible(record.report)
        if kind == "claim_link":
            return self.visible(record.source) and self.visible(record.target)
        if kind == "media_file":
            return any(self.visible(item) for item in record.items)
        if kind == "person":
            return self.clearance.identities and any(
                assertion.person is record and self.visible(assertion)
                for assertion in self.catalogue.of_type("identity_assertion")
            )
        raise ValueError(f"no rule for {kind}")

    def visible_of(self, record_type, records=None):
        records = self.catalogue.of_type(record_type) if records is None else records
        return {record for record in records if record.type == record_type and self.visible(record)}

    def restricted(self, record):
        if record.type in ("identity_assertion", "person") or record.identity:
            return True
        return marking(record) >= AMBER


def marking(record):
    """The effective marking's index in LEVELS; a media file is seen through the least marked of its items."""
    kind = record.type
    if kind in ("media_item", "report"):
        return LEVELS.index(record.tlp)
    if kind == "claim":
        return max([LEVELS.index(record.tlp), *(marking(parent) for parent in (record.item, record.report) if parent)])
    if kind in ("sighting", "item_file", "identity_assertion"):
        return marking(record.item)
    if kind == "quote":
        return marking(record.report)
    if kind == "claim_link":
        return max(marking(record.source), marking(record.target))
    if kind == "media_file":
        return min((marking(item) for item in record.items), default=len(LEVELS) - 1)
    raise ValueError(f"{kind} has no marking")
