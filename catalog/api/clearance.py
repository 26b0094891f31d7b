"""Who is calling, and what they may see. Every endpoint's queryset passes through `visible`.

The caller
    ``caller_of(request)`` gives a :class:`Caller`: an analyst (staff or the analysts group, by session or token),
    a partner (by API key: ``Authorization: Api-Key <key>``), or nobody. Code without a request (exports,
    webhooks) builds one with ``Caller.for_partner(partner)``.

Visibility (``visible(caller, queryset)``, or the named helpers below)
    Analysts see everything; nobody sees nothing. A partner cleared up to ``max_tlp`` sees:

    * media items and reports whose TLP it may read;
    * claims whose TLP it may read and whose item and report (when they have one) it sees;
    * sightings, identity assertions and item files of items it sees; stored files of items it sees;
    * quotes of reports it sees; claim links whose two claims it sees;
    * people only with identity clearance, and only those an identity assertion it sees is resolved to;
    * organisations, channels, places and tags (reference data): all;
    * review events, enrichment jobs, URL captures and the desk's own records: none.

    A record it may not see is answered exactly like one that does not exist (404, absent from lists).
    catalog.services.partners.effective_marking states the same rules record by record; a test keeps them equal.

What a partner is shown of a visible record (catalog.api.serializers)
    * verdicts as published: an item's ``authenticity`` is its ``published_authenticity``, a claim's ``status``
      its ``published_status`` (a verdict reaches partners after four-eyes approval); filters and ordering on
      these fields use the published values too;
    * identity details only with identity clearance: otherwise the fields in ``IDENTITY_FIELDS`` are null,
      everywhere they appear (nested too), and filtering or ordering by them is refused;
    * links to a record it cannot see (a sighting's ``derived_from``, an assertion's ``named_by``, a claim's
      ``claimant_person``, a quote's ``speaker_person``) are null;
    * the desk's internal fields (who created or attached something, enrichment jobs, analysts' notes on a
      person, a stored file's original name) are null.

Helpers for code without a view (exports, webhooks):
``visible_media_items(caller)``, ``visible_claims(caller)``, ``visible_reports(caller)`` …, ``published(caller,
record, field)`` for a verdict as the caller may see it, and ``Caller.may_see_identities``.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, Value

from catalog.choices import TLP
from catalog.models import (
    AccessAudit,
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
from catalog.services.partners import AccessLog
from provenance.models import MediaFile, SensitiveMediaAccess
from provenance.services.custody import record_sent_to_partner

from .permissions import is_analyst


@dataclass
class Caller:
    """Who is asking: `kind` is "analyst", "partner" or "nobody"."""

    kind: str
    user: object = None
    partner: Partner | None = None
    api_key: PartnerAPIKey | None = None
    access_log: AccessLog | None = field(default=None, repr=False)

    @classmethod
    def analyst(cls, user):
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
        return self.partner.readable_tlps if self.is_partner else []

    @property
    def may_see_identities(self):
        return self.is_analyst or (self.is_partner and self.partner.may_see_identities)

    @property
    def may_see_graphic(self):
        return self.is_analyst or (self.is_partner and self.partner.may_see_graphic)

    @property
    def key_prefix(self):
        return self.api_key.prefix if self.api_key else ""

    def start_access_log(self, request):
        """Partners' reads of restricted records are audited; analysts' are not."""
        if self.is_partner and self.access_log is None:
            self.access_log = AccessLog(self.partner, self.key_prefix, request.method, request.get_full_path())
        return self.access_log


def caller_of(request):
    """The Caller of a DRF request (authenticating it if that has not happened yet); kept on the request."""
    caller = getattr(request, "caller", None)
    if caller is None:
        if isinstance(request.auth, PartnerAPIKey):
            caller = Caller.for_partner(request.auth.partner, request.auth)
            caller.start_access_log(request)
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


UNBLURRED_RECORD_TYPE = "unblurred_picture"  # AccessAudit.record_type of a partner's unblurred fetch
UNBLURRED_REASON = "API: unblurred picture fetched"  # SensitiveMediaAccess.reason of an analyst's
# AccessAudit.record_type of a partner's fetch of an original, plain or graphic (graphic ones apart, like pictures).
ORIGINAL_RECORD_TYPE = "original_file"
GRAPHIC_ORIGINAL_RECORD_TYPE = "graphic_original_file"
GRAPHIC_ORIGINAL_REASON = "API: graphic original fetched"  # SensitiveMediaAccess.reason of an analyst's


# Visibility rules, as Q objects over a path prefix so a rule can be applied through a relation.


def _item(tlps, path=""):
    return Q(**{f"{path}tlp__in": tlps})


def _report(tlps, path=""):
    return Q(**{f"{path}tlp__in": tlps})


def _claim(tlps, path=""):
    return (
        Q(**{f"{path}tlp__in": tlps})
        & (Q(**{f"{path}media_item__isnull": True}) | _item(tlps, f"{path}media_item__"))
        & (Q(**{f"{path}report__isnull": True}) | _report(tlps, f"{path}report__"))
    )


def _person(caller, tlps):
    if not caller.may_see_identities:
        return None
    return Exists(IdentityAssertion.objects.filter(_item(tlps, "media_item__"), person=OuterRef("pk")))


def _media_file(caller, tlps):
    return Exists(ItemFile.objects.filter(_item(tlps, "media_item__"), media_file=OuterRef("pk")))


RULES = {
    MediaItem: lambda caller, tlps: _item(tlps),
    Report: lambda caller, tlps: _report(tlps),
    Claim: lambda caller, tlps: _claim(tlps),
    Sighting: lambda caller, tlps: _item(tlps, "media_item__"),
    IdentityAssertion: lambda caller, tlps: _item(tlps, "media_item__"),
    ItemFile: lambda caller, tlps: _item(tlps, "media_item__"),
    Quote: lambda caller, tlps: _report(tlps, "report__"),
    ClaimLink: lambda caller, tlps: _claim(tlps, "source__") & _claim(tlps, "target__"),
    Person: _person,
    MediaFile: _media_file,
    # Reference data: every partner reads all of it.
    Organization: lambda caller, tlps: Q(),
    Channel: lambda caller, tlps: Q(),
    Place: lambda caller, tlps: Q(),
    Tag: lambda caller, tlps: Q(),
}

# Links from a visible record to one that may not be visible; partners get them annotated `<link>_cleared`.
CLEARED_LINKS = {
    Sighting: {"derived_from": Sighting},
    IdentityAssertion: {"named_by": IdentityAssertion},
    Claim: {"claimant_person": Person},
    Quote: {"speaker_person": Person},
}

# Verdicts partners read as published.
PUBLISHED = {MediaItem: {"authenticity": "published_authenticity"}, Claim: {"status": "published_status"}}

# Identity details: null for callers without identity clearance (a Person is visible only with it).
IDENTITY_FIELDS = {
    IdentityAssertion: (
        "name_as_stated", "script", "birth_year_as_stated", "birthplace_as_stated", "birthplace",
        "affiliation_as_stated", "named_by", "person", "resolution_confidence", "resolved_at",
    ),
}


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
        below_amber = ItemFile.objects.filter(_item(TLP.at_or_below(TLP.GREEN), "media_item__"))
        queryset = queryset.annotate(shared_below_amber=Exists(below_amber.filter(media_file=OuterRef("pk"))))
    return queryset


def _filtered(caller, queryset):
    rule = RULES.get(queryset.model)
    condition = rule(caller, caller.readable_tlps) if caller.is_partner and rule is not None else None
    return queryset.none() if condition is None else queryset.filter(condition)


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
    source = field_name if caller.is_analyst else PUBLISHED.get(type(record), {}).get(field_name, field_name)
    return getattr(record, source)


def published_source(caller, model, field_name):
    """The field a filter or an ordering on `field_name` uses for `caller`."""
    return field_name if caller.is_analyst else PUBLISHED.get(model, {}).get(field_name, field_name)


def hides_identity_field(caller, model, field_name):
    return not caller.may_see_identities and field_name in IDENTITY_FIELDS.get(model, ())


def visible_media_items(caller):
    return visible(caller, MediaItem.objects.all())


def visible_claims(caller):
    return visible(caller, Claim.objects.all())


def visible_reports(caller):
    return visible(caller, Report.objects.all())


def visible_sightings(caller):
    return visible(caller, Sighting.objects.all())


def visible_identity_assertions(caller):
    return visible(caller, IdentityAssertion.objects.all())


def visible_item_files(caller):
    return visible(caller, ItemFile.objects.all())


def visible_media_files(caller):
    return visible(caller, MediaFile.objects.all())


def visible_people(caller):
    return visible(caller, Person.objects.all())


class EvidencePolicy:
    """The access policy the evidence API (provenance.api.access) applies, decided here."""

    @property
    def authentication_classes(self):
        from .authentication import CALLER_AUTHENTICATION

        return CALLER_AUTHENTICATION

    @property
    def permission_classes(self):
        from .permissions import CatalogAccess

        return [CatalogAccess]

    @property
    def throttle_classes(self):
        from .throttling import PARTNER_THROTTLES

        return PARTNER_THROTTLES

    def visible(self, request, queryset):
        return visible(caller_of(request), queryset)

    def shows_internals(self, context):
        return caller_in(context).is_analyst

    def record_read(self, context, instance):
        caller = caller_in(context)
        if caller.access_log is not None:
            if isinstance(instance, MediaFile):
                caller.access_log.saw_file(instance)
            else:
                caller.access_log.saw(instance, shows_identity=caller.may_see_identities)

    # Graphic media and originals (provenance.api.views.MediaFileViewSet's picture and original endpoints).

    def is_graphic(self, media_file):
        """A file is graphic when any item linking it is, whether or not the caller sees that item (blur more)."""
        return ItemFile.objects.filter(media_file=media_file.pk, media_item__is_graphic=True).exists()

    def may_see_graphic(self, request):
        return caller_of(request).may_see_graphic

    def log_unblurred(self, request, derived_file):
        """An unblurred picture of a graphic file was sent: analysts in SensitiveMediaAccess (its user is a user);
        partners, who have no user, in AccessAudit as record type ``unblurred_picture`` (written at once, whatever
        the rest of the request does: the bytes are about to leave)."""
        caller = caller_of(request)
        if caller.is_partner:
            AccessAudit.objects.create(
                partner=caller.partner, api_key_prefix=caller.key_prefix, method=request.method,
                path=request.get_full_path()[:500], record_type=UNBLURRED_RECORD_TYPE, record_id=str(derived_file.pk),
            )
        else:
            SensitiveMediaAccess.objects.create(derived_file=derived_file, user=request.user, reason=UNBLURRED_REASON)

    def log_original(self, request, media_file, graphic):
        """A file's original is about to be sent (provenance.api.views.MediaFileViewSet.original).

        A partner's fetch, restricted or not (the evidence itself leaves the locker): an AccessAudit row, written at
        once like an unblurred picture's, and an EXPORTED event in the file's custody naming the partner. An
        analyst's fetch of a graphic original: SensitiveMediaAccess, like an unblurred picture. An analyst's other
        fetches are not logged (analysts read everything; their reads are not audited)."""
        caller = caller_of(request)
        if caller.is_partner:
            AccessAudit.objects.create(
                partner=caller.partner, api_key_prefix=caller.key_prefix, method=request.method,
                path=request.get_full_path()[:500], record_id=str(media_file.pk),
                record_type=GRAPHIC_ORIGINAL_RECORD_TYPE if graphic else ORIGINAL_RECORD_TYPE,
            )
            record_sent_to_partner(media_file, caller.partner.name)
        elif graphic:
            SensitiveMediaAccess.objects.create(
                media_file=media_file, user=request.user, reason=GRAPHIC_ORIGINAL_REASON
            )

    def request_finished(self, request, response):
        caller = getattr(request, "caller", None)
        if caller is not None and caller.access_log is not None and 200 <= response.status_code < 300:
            caller.access_log.save()
