"""The access policy: who may see what. Every face asks here, and nowhere else decides it.

API querysets and nested serializers, the hash lookup, the change feed and all its formats, the per-item exports,
originals and pictures, filtersets, webhooks and the desk's "partners see" preview all read records for a caller
through :func:`visible` (or :func:`prefetch`, :func:`may_see`), and the feed through :func:`feed_entries`.

The caller
    :func:`caller_of` gives a :class:`Caller` for a request: an analyst (staff or the analysts group, by session or
    token), a partner (by API key), or nobody. Code without a request (exports, webhooks) builds one with
    ``Caller.for_partner(partner)`` or ``Caller.analyst(user)``.

What a partner cleared up to ``max_tlp`` sees (analysts see everything; nobody sees nothing)
    A record's *effective marking* is the highest TLP among its own and those of the records it is seen through
    (:func:`effective_marking`): an item's or report's own; a claim's own, its item's and its report's; a
    sighting's, identity assertion's or item file's item's; a quote's report's; a claim link's two claims'.
    A partner sees a record when it may read that marking, and, for records that name the people shown, when it
    is cleared for identities (:func:`names_people`): identity assertions, claims of kind "identity" ("the man
    is <name>"), claim links touching such a claim, and people (only those an identity assertion it sees is
    resolved to). Without identity clearance a partner never receives any of them: not in a list, a detail, a
    nested summary, a lookup, a feed entry or an export. Stored files are seen through the items they belong to.
    Reference data (organisations, channels, places, tags) is open to every partner. Review events, enrichment
    jobs, URL captures and the desk's own records are analysts' only.

    A record it may not see is answered exactly like one that does not exist (404, absent from lists).

What a partner is shown of a visible record
    * verdicts as published (:data:`PUBLISHED`): an item's ``authenticity`` is its ``published_authenticity``, a
      claim's ``status`` its ``published_status``; filters and ordering on them use the published values too;
    * links to a record it cannot see (:data:`CLEARED_LINKS`) are null;
    * the desk's internal fields (declared by each serializer) are null.

Each rule is written twice in this one module, as a query (:data:`RULES`) for querysets and record by record
(:func:`effective_marking`, :func:`names_people`) for the change feed's entries, which must carry the audience of
a record after it is gone; tests/partners/test_visibility.py holds the two forms equal.
"""

import base64
import hashlib
import json
from dataclasses import dataclass, field

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q, Value

from catalog.choices import TLP, ClaimKind
from catalog.models import (
    Channel,
    Claim,
    ClaimLink,
    IdentityAssertion,
    ItemFile,
    MediaItem,
    Organization,
    Partner,
    PartnerAPIKey,
    Person,
    Place,
    Quote,
    Report,
    Sighting,
    Tag,
)
from provenance.models import MediaFile

ANALYST_GROUP = "analysts"

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
_ORDER = list(TLP.values)


# The caller


def is_analyst(user):
    """Analysts are active staff members or members of the 'analysts' group."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.groups.filter(name=ANALYST_GROUP).exists()


def analyst_users():
    """Every user `is_analyst` lets in, as a queryset (whom an item may be assigned to)."""
    return (get_user_model().objects.filter(Q(is_staff=True) | Q(groups__name=ANALYST_GROUP), is_active=True)
            .distinct().order_by("username"))


# The custom permission (on Partner) of the analysts who administer sharing in the desk.
MANAGE_PARTNERS = "catalog.manage_partners"


def may_manage_partners(user):
    """Partners, their clearance, API keys and webhooks: analysts who hold the permission (superusers do)."""
    return is_analyst(user) and user.has_perm(MANAGE_PARTNERS)


@dataclass
class Caller:
    """Who is asking: `kind` is "analyst", "partner" or "nobody". `access_log` (catalog.policies.audit) collects
    what a partner's request disclosed."""

    kind: str
    user: object = None
    partner: Partner | None = None
    api_key: PartnerAPIKey | None = None
    access_log: object = field(default=None, repr=False)

    @classmethod
    def analyst(cls, user=None):
        return cls("analyst", user=user)

    @classmethod
    def nobody(cls, user=None):
        return cls("nobody", user=user)

    @classmethod
    def for_partner(cls, partner, api_key=None):
        return cls("partner", partner=partner, api_key=api_key)

    @property
    def is_analyst(self):
        return self.kind == "analyst"

    @property
    def is_partner(self):
        return self.kind == "partner"

    @property
    def readable_tlps(self):
        if self.is_analyst:
            return list(TLP.values)
        return TLP.at_or_below(self.partner.max_tlp) if self.is_partner else []

    @property
    def may_see_identities(self):
        return self.is_analyst or (self.is_partner and self.partner.may_see_identities)

    @property
    def may_see_graphic(self):
        return self.is_analyst or (self.is_partner and self.partner.may_see_graphic)

    @property
    def key_prefix(self):
        return self.api_key.prefix if self.api_key else ""

    @property
    def name(self):
        """Who the caller is in custody logs and audit: the partner's name or the user's username."""
        if self.is_partner:
            return self.partner.name
        return self.user.get_username() if self.user is not None else ""

    def may_read(self, marking):
        return marking in self.readable_tlps


def caller_of(request):
    """The Caller of a request (a DRF request authenticates here if it has not yet); kept on the request."""
    caller = getattr(request, "caller", None)
    if caller is None:
        if isinstance(getattr(request, "auth", None), PartnerAPIKey):
            caller = Caller.for_partner(request.auth.partner, request.auth)
        elif is_analyst(request.user):
            caller = Caller.analyst(request.user)
        else:
            caller = Caller.nobody(request.user)
        request.caller = caller
    return caller


def caller_in(context):
    """The caller a serializer renders for; without one, the most restricted (nobody)."""
    if context.get("caller") is not None:
        return context["caller"]
    request = context.get("request")
    return caller_of(request) if request is not None else Caller.nobody()


# Record by record


def highest(*markings):
    """The most restrictive of the given markings (None and "" ignored)."""
    return max((marking for marking in markings if marking), key=_ORDER.index, default=TLP.CLEAR)


def at_least(marking, floor):
    return _ORDER.index(marking) >= _ORDER.index(floor)


def effective_marking(record, replaced=None):
    """The marking that decides who may see `record` (see the module docstring).

    `replaced` maps (model, pk) to another instance to use in its place, e.g. a parent as it was before a save.
    Related rows are read through the instance, so querysets that feed this should select_related them.
    """
    record = _seen(record, replaced or {})
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
    record = _seen(record, replaced or {})
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
    return None if instance is None else replaced.get((type(instance), instance.pk), instance)


# As queries: each rule a Q over a path prefix, so that it applies through a relation.


def _item(caller, path=""):
    return Q(**{f"{path}tlp__in": caller.readable_tlps})


def _report(caller, path=""):
    return Q(**{f"{path}tlp__in": caller.readable_tlps})


def _claim(caller, path=""):
    rule = (
        Q(**{f"{path}tlp__in": caller.readable_tlps})
        & (Q(**{f"{path}media_item__isnull": True}) | _item(caller, f"{path}media_item__"))
        & (Q(**{f"{path}report__isnull": True}) | _report(caller, f"{path}report__"))
    )
    return rule if caller.may_see_identities else rule & ~Q(**{f"{path}kind": ClaimKind.IDENTITY})


def _identity_assertion(caller, path=""):
    return _item(caller, f"{path}media_item__") if caller.may_see_identities else None


def _person(caller):
    assertions = _identity_assertion(caller)
    return None if assertions is None else Exists(IdentityAssertion.objects.filter(assertions, person=OuterRef("pk")))


def _media_file(caller):
    return Exists(ItemFile.objects.filter(_item(caller, "media_item__"), media_file=OuterRef("pk")))


def _everything(caller):
    return Q()


RULES = {
    MediaItem: _item,
    Report: _report,
    Claim: _claim,
    Sighting: lambda caller: _item(caller, "media_item__"),
    IdentityAssertion: _identity_assertion,
    ItemFile: lambda caller: _item(caller, "media_item__"),
    Quote: lambda caller: _report(caller, "report__"),
    ClaimLink: lambda caller: _claim(caller, "source__") & _claim(caller, "target__"),
    Person: _person,
    MediaFile: _media_file,
    # Reference data: every partner reads all of it.
    Organization: _everything,
    Channel: _everything,
    Place: _everything,
    Tag: _everything,
}

# Links from a visible record to one that may not be visible; partners get them annotated `<link>_cleared`.
CLEARED_LINKS = {
    Sighting: {"derived_from": Sighting},
    IdentityAssertion: {"named_by": IdentityAssertion},
    Claim: {"claimant_person": Person},
    Quote: {"speaker_person": Person},
}

# Verdicts partners read as published (four-eyes approved).
PUBLISHED = {MediaItem: {"authenticity": "published_authenticity"}, Claim: {"status": "published_status"}}


def visible(caller, queryset):
    """The rows of `queryset` that `caller` may see; for partners, annotated with `<link>_cleared` flags."""
    if caller.is_analyst:
        return queryset
    queryset = _filtered(caller, queryset).annotate(cleared_for_partner=Value(True))
    model = queryset.model
    for link, target in CLEARED_LINKS.get(model, {}).items():
        linked = _filtered(caller, target.objects.filter(pk=OuterRef(link)))
        queryset = queryset.annotate(**{f"{link}_cleared": Exists(linked)})
    if model is MediaFile:
        # For the audit (catalog.policies.audit): a file some item below TLP:AMBER holds is not restricted.
        shared = files_shared_below_amber().filter(media_file=OuterRef("pk"))
        queryset = queryset.annotate(shared_below_amber=Exists(shared))
    return queryset


def files_shared_below_amber():
    """The item files that share their stored file below TLP:AMBER, where anyone cleared may see it."""
    return ItemFile.objects.filter(media_item__tlp__in=TLP.at_or_below(TLP.GREEN))


def graphic_files(media_files):
    """The pks of the graphic stored files among `media_files` (pks or a queryset): a file is graphic when any item
    holding it is, whether or not the caller sees that item (blur more, never less)."""
    graphic = ItemFile.objects.filter(media_file__in=media_files, media_item__is_graphic=True)
    return set(graphic.values_list("media_file", flat=True))


def is_graphic_file(media_file_pk):
    return bool(graphic_files([media_file_pk]))


def withheld_originals(caller, media_files):
    """The pks of the stored files among `media_files` whose original bytes `caller` may not be sent: graphic ones,
    to a caller without graphic clearance."""
    return set() if caller.may_see_graphic else graphic_files(media_files)


def _filtered(caller, queryset):
    rule = RULES.get(queryset.model)
    condition = rule(caller) if caller.is_partner and rule is not None else None
    return queryset.none() if condition is None else queryset.filter(condition)


def may_see(caller, record):
    """Whether `caller` may see one record (a query; for many records use `visible`)."""
    return caller.is_analyst or visible(caller, type(record).objects.filter(pk=record.pk)).exists()


def is_cleared(caller, instance):
    """Whether `instance` may be rendered for `caller`: analysts see all; others what came through `visible`."""
    return caller.is_analyst or bool(getattr(instance, "cleared_for_partner", False))


def link_is_cleared(caller, instance, link):
    """Whether a partner may follow `instance.<link>` (fails closed when the queryset did not annotate it)."""
    return caller.is_analyst or bool(getattr(instance, f"{link}_cleared", False))


def prefetch(caller, lookup, queryset):
    """A Prefetch of only the related rows `caller` may see."""
    return Prefetch(lookup, visible(caller, queryset))


def published(caller, record, field_name):
    """A verdict as `caller` may see it: the reviewed value for analysts, the published one for others."""
    return getattr(record, published_source(caller, type(record), field_name))


def published_source(caller, model, field_name):
    """The field a filter or an ordering on `field_name` uses for `caller`."""
    return field_name if caller.is_analyst else PUBLISHED.get(model, {}).get(field_name, field_name)


# The change feed: which entries a caller may read, and a cursor that tells nothing else.


def entry_audience_before(entry):
    return entry.previous_tlp or entry.tlp, (
        entry.names_people if entry.previously_named_people is None else entry.previously_named_people
    )


def may_read_entry(caller, marking, people):
    return caller.may_read(marking) and (caller.may_see_identities or not people)


def feed_entries(caller, queryset):
    """The feed entries `caller` could have read when they were written, after or before the change: the only
    entries whose positions a caller's cursor moves over (anything else would let it count changes it may not
    see)."""
    if caller.is_analyst:
        return queryset
    if not caller.is_partner:
        return queryset.none()
    readable = caller.readable_tlps
    after = Q(tlp__in=readable)
    before = Q(previous_tlp__in=readable) | (Q(previous_tlp="") & Q(tlp__in=readable))
    if not caller.may_see_identities:
        after &= Q(names_people=False)
        before &= Q(previously_named_people=False) | (Q(previously_named_people__isnull=True) & Q(names_people=False))
    return queryset.filter(after | before)


class FeedCursor:
    """The position after the last entry a caller read, encrypted (Fernet: AES with a random IV, authenticated)
    and bound to the caller, so it reads as noise and works only for whoever it was given to."""

    def __init__(self, caller):
        self.owner = f"partner:{caller.partner.pk}" if caller.is_partner else "analysts"

    @staticmethod
    def _fernet():
        key = hashlib.sha256(f"catalog.feed.cursor:{settings.SECRET_KEY}".encode()).digest()
        return Fernet(base64.urlsafe_b64encode(key))

    def encode(self, position):
        payload = json.dumps({"owner": self.owner, "position": position}).encode()
        return self._fernet().encrypt(payload).decode()

    def decode(self, cursor):
        """The position, or None for a cursor this feed did not give this caller."""
        try:
            payload = json.loads(self._fernet().decrypt(cursor.encode()))
        except (InvalidToken, ValueError, UnicodeError):
            return None
        if not isinstance(payload, dict) or payload.get("owner") != self.owner:
            return None
        position = payload.get("position")
        return position if isinstance(position, int) and position >= 0 else None
