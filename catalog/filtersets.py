"""One FilterSet per catalogue list, shared by the API and (later) the analyst UI.

Date ranges are given as `<field>_after` / `<field>_before` (dates, inclusive); `q` is free text.

Given a request, a FilterSet filters for its caller (catalog.policies.access): a related record the caller cannot
see is not a valid choice (400, as for one that does not exist), and a verdict filter matches the published value
for partners. (Identity details need no rule of their own: without identity clearance the records that hold them
are not visible, so filtering on them finds nothing.)
"""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q
from django_filters.fields import ModelMultipleChoiceField

from provenance.api.pagination import LARGEST_KEY
from provenance.models import FrameText

from catalog.policies import access
from catalog.choices import Platform
from catalog.models import (
    Channel,
    Claim,
    ClaimLink,
    IdentityAssertion,
    MediaItem,
    Organization,
    Person,
    Place,
    Quote,
    Report,
    ReviewEvent,
    Sighting,
    Tag,
)


class TextSearchFilter(django_filters.CharFilter):
    """The free-text `q`: a case-insensitive match on any of the named fields."""

    def __init__(self, *search_fields, **kwargs):
        self.search_fields = search_fields
        kwargs.setdefault("label", f"Text in {', '.join(search_fields)}")
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        # Matching through aliases or variants can find one row several times.
        return qs.filter(self.matches(value)).distinct()

    def matches(self, value):
        match = Q()
        for field in self.search_fields:
            match |= Q(**{f"{field}__icontains": value})
        return match


class ItemTextSearchFilter(TextSearchFilter):
    """`q` on items also matches the text read off their files' frames (OCR), as far as the caller may see it."""

    def matches(self, value):
        texts = FrameText.objects.filter(text__icontains=value)
        request = getattr(self.parent, "request", None)
        if request is not None:
            texts = access.visible(access.caller_of(request), texts)
        return super().matches(value) | Q(files__media_file__in=texts.values("media_file"))


class BoundedModelMultipleChoiceField(ModelMultipleChoiceField):
    # A key beyond a 64-bit integer is no row's key: refused like an unknown one (the database would overflow).

    def _check_values(self, value):
        for key in value:
            try:
                out_of_range = abs(int(key)) > LARGEST_KEY
            except (TypeError, ValueError):
                continue  # the parent refuses it as not a key
            if out_of_range:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": key})
        return super()._check_values(value)


class CallerFilterSet(django_filters.FilterSet):
    # See the module docstring; without a request (outside the API) it filters as written.

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        for filter_ in self.filters.values():
            if isinstance(filter_, django_filters.ModelMultipleChoiceFilter):
                filter_.field_class = BoundedModelMultipleChoiceField
        if request is None:
            return
        caller = access.caller_of(request)
        model = self._meta.model
        for filter_ in self.filters.values():
            if getattr(filter_, "queryset", None) is not None and not callable(filter_.queryset):
                filter_.queryset = access.visible(caller, filter_.queryset)
            filter_.field_name = access.published_source(caller, model, filter_.field_name)


class CreatedAtFilterSet(CallerFilterSet):
    created_at = django_filters.DateFromToRangeFilter()


class MediaItemFilterSet(CreatedAtFilterSet):
    q = ItemTextSearchFilter("title", "description", label="Text in title, description or on screen")
    tag = django_filters.ModelMultipleChoiceFilter(
        field_name="tags", queryset=Tag.objects.all(), label="Tag (repeat for any of several)"
    )
    channel = django_filters.ModelChoiceFilter(
        field_name="sightings__channel", queryset=Channel.objects.all(), distinct=True, label="Seen on channel"
    )
    claimed_release_at = django_filters.DateFromToRangeFilter()

    class Meta:
        model = MediaItem
        fields = ["kind", "tlp", "authenticity", "is_graphic", "producer"]


class SightingFilterSet(CreatedAtFilterSet):
    q = TextSearchFilter("url", "notes")
    platform = django_filters.ChoiceFilter(field_name="channel__platform", choices=Platform.choices)
    posted_at = django_filters.DateFromToRangeFilter()

    class Meta:
        model = Sighting
        fields = ["media_item", "channel", "kind", "derived_from", "place"]


class ChannelFilterSet(CreatedAtFilterSet):
    q = TextSearchFilter("handle", "url")

    class Meta:
        model = Channel
        fields = ["platform", "status", "operator"]


class OrganizationFilterSet(CreatedAtFilterSet):
    q = TextSearchFilter("name", "aliases__name")

    class Meta:
        model = Organization
        fields = ["kind", "affiliation"]


class PersonFilterSet(CreatedAtFilterSet):
    q = TextSearchFilter("canonical_name", "name_variants__name")

    class Meta:
        model = Person
        fields = ["birth_year", "birthplace"]


class PlaceFilterSet(CreatedAtFilterSet):
    q = TextSearchFilter("name", "aliases__name")

    class Meta:
        model = Place
        fields = ["kind", "parent", "country_code"]


class IdentityAssertionFilterSet(CreatedAtFilterSet):
    q = TextSearchFilter("name_as_stated", "birthplace_as_stated", "affiliation_as_stated")
    resolved = django_filters.BooleanFilter(field_name="person", lookup_expr="isnull", exclude=True)

    class Meta:
        model = IdentityAssertion
        fields = ["media_item", "mode", "script", "person"]


class ClaimFilterSet(CreatedAtFilterSet):
    q = TextSearchFilter("text", "claimant_description")
    stated_on = django_filters.DateFromToRangeFilter()

    class Meta:
        model = Claim
        fields = [
            "status", "kind", "tlp", "media_item", "report", "place", "claimant_organization", "claimant_person",
            "source_reliability", "information_credibility",
        ]


class ClaimLinkFilterSet(CreatedAtFilterSet):
    class Meta:
        model = ClaimLink
        fields = ["source", "target", "relation"]


class ReportFilterSet(CreatedAtFilterSet):
    q = TextSearchFilter("title", "body", "caption")
    published_at = django_filters.DateFromToRangeFilter()

    class Meta:
        model = Report
        fields = ["outlet", "tlp"]


class QuoteFilterSet(CallerFilterSet):
    q = TextSearchFilter("speaker", "text")

    class Meta:
        model = Quote
        fields = ["report", "speaker_person", "speaker_organization"]


class TagFilterSet(CallerFilterSet):
    q = TextSearchFilter("name")

    class Meta:
        model = Tag
        fields = []


class ReviewEventFilterSet(CreatedAtFilterSet):
    class Meta:
        model = ReviewEvent
        fields = ["value", "media_item", "claim", "identity_assertion", "analyst"]
