"""The rules record by record: a record's effective marking and whether it names people (the change feed's form,
which must carry the audience of a record after it is gone; the query form is catalog.policies.access.queries)."""

from catalog.choices import TLP, ClaimKind
from catalog.models import (
    Claim,
    ClaimLink,
    IdentityAssertion,
    ItemFile,
    MediaItem,
    Person,
    Quote,
    Report,
    Sighting,
)

# The columns of its own that effective_marking and names_people read off a record (besides its links to the
# records whose markings it takes): whoever loads part of a row for them must load these.
MARKING_COLUMNS = ("tlp", "kind")

# The records partners read, by the name the change feed and the access audit give them.
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
_RANK = {marking: rank for rank, marking in enumerate(TLP.values)}  # least restrictive first

def highest(*markings):
    """The most restrictive of the given markings (None and "" ignored)."""
    return max((marking for marking in markings if marking), key=_RANK.__getitem__, default=TLP.CLEAR)


def at_least(marking, floor):
    return _RANK[marking] >= _RANK[floor]


def effective_marking(record, replaced=None):
    """The marking that decides who may see `record` (see the module docstring).

    `replaced` maps (model, pk) to another instance to use in its place, e.g. a parent as it was before a save.
    Related rows are read through the instance, so querysets that feed this should select_related them.
    """
    record = _seen(record, replaced)
    if isinstance(record, (MediaItem, Report)):
        return record.tlp
    if isinstance(record, Claim):
        parents = [parent for parent in (record.media_item, record.report) if parent is not None]
        return highest(record.tlp, *(effective_marking(parent, replaced) for parent in parents))
    if isinstance(record, (Sighting, IdentityAssertion, ItemFile)):
        return effective_marking(record.media_item, replaced)
    if isinstance(record, Quote):
        return effective_marking(record.report, replaced)
    if isinstance(record, ClaimLink):
        return highest(effective_marking(record.source, replaced), effective_marking(record.target, replaced))
    raise TypeError(f"{type(record).__name__} has no marking")


def names_people(record, replaced=None):
    """Whether `record` names people shown in media, so that only identity-cleared callers may see it."""
    record = _seen(record, replaced)
    if isinstance(record, (IdentityAssertion, Person)):
        return True
    if isinstance(record, Claim):
        return claim_kind_names_people(record.kind)
    if isinstance(record, ClaimLink):
        return names_people(record.source, replaced) or names_people(record.target, replaced)
    return False


def claim_kind_names_people(kind):
    """A claim of kind identity ("the man is <name>") names a person shown; for claims read as bare columns too."""
    return kind == ClaimKind.IDENTITY


def _seen(instance, replaced):
    if instance is None or not replaced:
        return instance
    return replaced.get((type(instance), instance.pk), instance)
