"""One FilterSet per catalogue list, shared by the API and (later) the analyst UI.

Date ranges are given as `<field>_after` / `<field>_before` (dates, inclusive); `q` is free text, matched as the
search page matches it (catalog.search_keys.matches): every word begins a word of the record's text in one of its
spellings, in any script, through the search key's index.

Given a request, a FilterSet filters for its caller (catalog.policies.access): a related record the caller cannot
see is not a valid choice (400, as for one that does not exist), and a verdict filter matches the published value
for partners. (Identity details need no rule of their own: without identity clearance the records that hold them
are not visible, so filtering on them finds nothing.)
"""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import F, Q, Subquery
from django_filters.fields import ModelMultipleChoiceField

from provenance.api.pagination import LARGEST_KEY
from provenance.models import FrameText

from catalog import search_keys
from catalog.policies import access
from catalog.choices import Platform
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
    ReviewEvent,
    Sighting,
    Tag,
)


class TextSearchFilter(django_filters.CharFilter):
    """The free-text `q` on the model's search key (catalog.search_keys.FIELDS, aliases included).

    One condition, planned by the database: on PostgreSQL a query word is one lexeme of the key's indexed word
    starts, whose frequency ANALYZE records, so the planner walks the list's order for a common word (a page of
    matches comes soon) and reads the search index for a rare one (catalog.search_keys)."""

    def filter(self, qs, value):
        if not value:
            return qs
        words = search_keys.query_words(value)
        if not words:
            return qs.none()
        return qs.filter(self.matches(words))

    def matches(self, words):
        return search_keys.matches(words)


class ItemTextSearchFilter(TextSearchFilter):
    """`q` on items also matches the text read off their files' frames (OCR), as far as the caller may see it."""

    def matches(self, words):
        own = super().matches(words)
        request = getattr(self.parent, "request", None)
        caller = None if request is None else access.caller_of(request)
        if caller is None or access.sees_every_row(caller, FrameText):
            # Every frame text may be read: the item's copy of its frames' keys, on its own row, is read like its
            # own key (an index for a rare word, a check on each row walked for a common one).
            return own | search_keys.matches(words, field="frame_text_key")
        texts = access.visible(caller, FrameText.objects.all())
        if texts.query.is_empty():  # a partner sees no frame texts: the items' own text alone
            return own
        # Some frame texts only: those the caller sees, and their items, read by key (AnyOf).
        texts = texts.filter(search_keys.matches(words)).order_by()
        holding = (
            ItemFile.objects.filter(search_keys.AnyOf(F("media_file"), Subquery(texts.values("media_file"))))
            .order_by().values("media_item")
        )
        return own | Q(search_keys.AnyOf(F("pk"), Subquery(holding)))


class SeenOnChannelFilter(django_filters.ModelChoiceFilter):
    """Items with a sighting on the channel, through their appearances (catalog.models.ChannelAppearance).

    The join matches the appearance's copy of the item's `created_at` as well as its key, so PostgreSQL knows the
    two equal and reads the channel's (channel, time, item) index in the list's default order, a page at a time.
    An appearance is one row per item and channel, so an item seen there twice is listed once with no DISTINCT."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(channel_appearances__channel=value, channel_appearances__item_created_at=F("created_at"))


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
    # See the module docstring; without a request (outside the API) it filters as written. `only` names the filters
    # to build, when the others are known to have no value (catalog.api.filters): each filter is copied and gets a
    # form field for every request, and a filter without a value leaves the list as it is.

    def __init__(self, *args, request=None, only=None, **kwargs):
        if only is not None:
            self.base_filters = {name: filter_ for name, filter_ in self.base_filters.items() if name in only}
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
    q = ItemTextSearchFilter(label="Text in title, description or on screen")
    tag = django_filters.ModelMultipleChoiceFilter(
        field_name="tags", queryset=Tag.objects.all(), label="Tag (repeat for any of several)"
    )
    channel = SeenOnChannelFilter(field_name="channel_appearances__channel", queryset=Channel.objects.all(), label="Seen on channel")
    claimed_release_at = django_filters.DateFromToRangeFilter()

    class Meta:
        model = MediaItem
        fields = ["kind", "tlp", "authenticity", "is_graphic", "producer"]


class SightingFilterSet(CreatedAtFilterSet):
    q = TextSearchFilter(label="Text in URL or notes")
    platform = django_filters.ChoiceFilter(field_name="channel__platform", choices=Platform.choices)
    posted_at = django_filters.DateFromToRangeFilter()

    class Meta:
        model = Sighting
        fields = ["media_item", "channel", "kind", "derived_from", "place"]


class ChannelFilterSet(CreatedAtFilterSet):
    q = TextSearchFilter(label="Text in handle or URL")

    class Meta:
        model = Channel
        fields = ["platform", "status", "operator"]


class OrganizationFilterSet(CreatedAtFilterSet):
    q = TextSearchFilter(label="Text in name or aliases")

    class Meta:
        model = Organization
        fields = ["kind", "affiliation"]


class PersonFilterSet(CreatedAtFilterSet):
    q = TextSearchFilter(label="Text in name or name variants")

    class Meta:
        model = Person
        fields = ["birth_year", "birthplace"]


class PlaceFilterSet(CreatedAtFilterSet):
    q = TextSearchFilter(label="Text in name or aliases")

    class Meta:
        model = Place
        fields = ["kind", "parent", "country_code"]


class IdentityAssertionFilterSet(CreatedAtFilterSet):
    q = TextSearchFilter(label="Text in stated name, birthplace or affiliation")
    resolved = django_filters.BooleanFilter(field_name="person", lookup_expr="isnull", exclude=True)

    class Meta:
        model = IdentityAssertion
        fields = ["media_item", "mode", "script", "person"]


class ClaimFilterSet(CreatedAtFilterSet):
    q = TextSearchFilter(label="Text in text or claimant description")
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
    q = TextSearchFilter(label="Text in title, dateline, caption or body")
    published_at = django_filters.DateFromToRangeFilter()

    class Meta:
        model = Report
        fields = ["outlet", "tlp"]


class QuoteFilterSet(CallerFilterSet):
    q = TextSearchFilter(label="Text in speaker or text")

    class Meta:
        model = Quote
        fields = ["report", "speaker_person", "speaker_organization"]


class TagFilterSet(CallerFilterSet):
    q = TextSearchFilter(label="Text in name")

    class Meta:
        model = Tag
        fields = []


class ReviewEventFilterSet(CreatedAtFilterSet):
    class Meta:
        model = ReviewEvent
        fields = ["value", "media_item", "claim", "identity_assertion", "analyst"]
