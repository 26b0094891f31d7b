"""The rules as queries: the rows a caller may see, the links it may follow and the verdicts it reads."""

import re

from django.core.exceptions import EmptyResultSet
from django.db.models import BooleanField, Case, Exists, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import In

from catalog.choices import TLP, ClaimKind
from catalog.models import (
    Channel,
    Claim,
    ClaimLink,
    IdentityAssertion,
    ItemFile,
    MediaItem,
    Organization,
    Person,
    Place,
    Quote,
    Report,
    Sighting,
    Tag,
)
from provenance.models import MediaFile


class InVocabulary(In):
    """`IN` over values of the field's own choices (markings, claim kinds), written into the SQL as constants.

    Bound as parameters, they leave the planner of a prepared statement's generic plan guessing how many rows a
    marking holds (config/settings: prepared after five runs); it guessed one row in half a million claims and
    sorted them all. As constants, each clearance has its own statement, planned knowing them. Only a value among
    the field's choices, of lowercase letters, "_" and "+", is written: a closed vocabulary, nothing from a request."""

    lookup_name = "in_vocabulary"

    def process_rhs(self, compiler, connection):
        values = list(dict.fromkeys(self.rhs))
        if not values:
            raise EmptyResultSet
        allowed = {value for value, _ in self.lhs.output_field.flatchoices}
        for value in values:
            if value not in allowed or not _PLAIN.fullmatch(value):
                raise ValueError(f"{value!r} is not one of the field's choices")
        return "(" + ", ".join(f"'{value}'" for value in values) + ")", ()


_PLAIN = re.compile(r"[a-z_+]+")  # "amber+strict"; never a quote
for _model, _name in ((MediaItem, "tlp"), (Report, "tlp"), (Claim, "tlp"), (Claim, "kind")):
    _model._meta.get_field(_name).register_lookup(InVocabulary)


# As queries: each rule a Q over a path prefix, so that it applies through a relation.


def _item(caller, path=""):
    return Q(**{f"{path}tlp__in_vocabulary": caller.readable_tlps})


def _report(caller, path=""):
    return Q(**{f"{path}tlp__in_vocabulary": caller.readable_tlps})


def _claim(caller, path=""):
    rule = (
        Q(**{f"{path}tlp__in_vocabulary": caller.readable_tlps})
        & (Q(**{f"{path}media_item__isnull": True}) | _item(caller, f"{path}media_item__"))
        & (Q(**{f"{path}report__isnull": True}) | _report(caller, f"{path}report__"))
    )
    return rule if caller.may_see_identities else rule & ~Q(**{f"{path}kind__in_vocabulary": [ClaimKind.IDENTITY]})


def _identity_assertion(caller, path=""):
    return _item(caller, f"{path}media_item__") if caller.may_see_identities else None


def _person(caller):
    assertions = _identity_assertion(caller)
    return None if assertions is None else Exists(IdentityAssertion.objects.filter(assertions, person=OuterRef("pk")))


def _media_file(caller):
    return Exists(ItemFile.objects.filter(_item(caller, "media_item__"), media_file=OuterRef("pk")))


def _everything(caller):
    return Q()


# The rules that are conditions on columns, over a path prefix: a partner's link to such a record is checked on the
# row the link joins (_link_flag); a rule that needs a query of its own (a person's, through the assertions that
# name them) is checked by a subquery.
ROW_RULES = {
    MediaItem: _item,
    Report: _report,
    Claim: _claim,
    Sighting: lambda caller, path="": _item(caller, f"{path}media_item__"),
    IdentityAssertion: _identity_assertion,
    ItemFile: lambda caller, path="": _item(caller, f"{path}media_item__"),
    Quote: lambda caller, path="": _report(caller, f"{path}report__"),
    ClaimLink: lambda caller, path="": _claim(caller, f"{path}source__") & _claim(caller, f"{path}target__"),
}
RULES = {
    **ROW_RULES,
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
    model = queryset.model
    flags = {"cleared_for_partner": Value(True)}
    for link, target in CLEARED_LINKS.get(model, {}).items():
        flags[f"{link}_cleared"] = _link_flag(caller, link, target)
    if model is MediaFile:
        # For the audit (catalog.policies.audit): a file some item below TLP:AMBER holds is not restricted.
        flags["shared_below_amber"] = _row_flag(files_shared_below_amber().filter(media_file=OuterRef("pk")))
    return _filtered(caller, queryset).annotate(**flags)


def _link_flag(caller, link, target):
    """Whether `caller` may see the record the row's `link` points to (False where there is none)."""
    if target in ROW_RULES:
        # Read off the joined row (a list selecting the link's record joins it anyway): no query per row, and a
        # cheaper statement to build than a subquery.
        condition = _joined_condition(caller, target, f"{link}__")
        if condition is None:
            return Value(False)
        return Case(When(Q(**{f"{link}__isnull": False}) & condition, then=Value(True)), default=Value(False))
    condition = _condition(caller, target)
    if condition is None:  # a record of a kind the caller sees none of
        return Value(False)
    return _row_flag(target.objects.filter(condition, pk=OuterRef(link)))


def _row_flag(rows):
    """Whether `rows` (correlated to the outer row) has any, looked up for each row a page returns.

    Not Exists: in a SELECT list PostgreSQL may run an EXISTS as a hashed subplan, reading every row of `rows`'
    tables before the page's LIMIT. A scalar subquery is never hashed: an index lookup per row returned, and under
    a LIMIT it is evaluated after any sort."""
    first = rows.order_by().values(found=Value(True))[:1]
    return Coalesce(Subquery(first, output_field=BooleanField()), False)


def files_shared_below_amber():
    """The item files that share their stored file below TLP:AMBER, where anyone cleared may see it."""
    return ItemFile.objects.filter(media_item__tlp__in_vocabulary=TLP.at_or_below(TLP.GREEN))


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


def _condition(caller, model):
    """The condition `caller` may see `model`'s rows under, or None when it may see none: the rules are a
    partner's; other callers who are not analysts see nothing."""
    rule = RULES.get(model)
    return rule(caller) if caller.is_partner and rule is not None else None


def _joined_condition(caller, model, path):
    """As _condition, for `model`'s rows reached through `path` from another (only the ROW_RULES read a path)."""
    rule = ROW_RULES.get(model)
    return rule(caller, path) if caller.is_partner and rule is not None else None


def _filtered(caller, queryset):
    condition = _condition(caller, queryset.model)
    return queryset.none() if condition is None else queryset.filter(condition)


def sees_every_row(caller, model):
    """Whether `caller` may see every row of `model`: then a copy of those rows' data kept on other rows (an item's
    copy of its frames' text keys) may be read in their place."""
    return caller.is_analyst or _condition(caller, model) == Q()


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
