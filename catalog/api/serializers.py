"""Catalogue serializers.

One pattern throughout: a relation is written as a primary key and read as a small summary of the
related row ({id, name} for an organisation). Names in other scripts are written as a list of strings
and read as [{name, script}]. Verification values are read-only here; they change through the review
actions, which call catalog.services.

Every serializer renders for a caller (catalog.policies.access): partners read published verdicts, get null for
links to records they cannot see and for the desk's internal fields, and nested lists show them only the rows
they may see. The schema marks those fields nullable.
"""

import copy
import functools
import json
from functools import cached_property
from operator import attrgetter

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import Field, Manager, OuterRef, Prefetch, QuerySet
from django.db.models.functions import JSONObject
from drf_spectacular.extensions import OpenApiSerializerExtension, OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_array_type
from drf_spectacular.utils import OpenApiExample, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import MANY_RELATION_KWARGS, PKOnlyObject, RelatedField

from catalog import services
from catalog.api import examples
from catalog.choices import TLP, ClaimStatus, MediaAuthenticity, Script
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
    UrlCapture,
    WebArchiveCapture,
)
from catalog.models.media import language_code
from catalog.policies import access, audit
from catalog.policies.access import RECORD_TYPES
from provenance import services as evidence
from provenance.api.fields import DateTimeField, ModelSerializer
from provenance.api.serializers import EnrichmentJobSummarySerializer, MediaFileSummarySerializer


def column_reader(model, field):
    """How `field`'s value is read off a row of `model`: a model's own column, or the row a link of its own points
    to, is a plain attribute (DRF's generic lookup costs a few microseconds a field and row, which a page pays
    thousands of times); else DRF's."""
    try:
        column = model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return field.get_attribute
    if column.concrete and not column.is_relation:
        return attrgetter(column.attname)
    if column.concrete and (column.many_to_one or column.one_to_one) and _reads_the_row(field):
        return _link_reader(column.name, field)
    return field.get_attribute


def _reads_the_row(field):
    # A primary key field reads the link's key alone (DRF's PKOnlyObject), which needs no related row.
    return isinstance(field, RelatedField) and not field.use_pk_only_optimization()


def _link_reader(name, field):
    def read(instance):
        try:
            return getattr(instance, name)
        except AttributeError:  # a link to no row (RelatedObjectDoesNotExist): DRF's rules for a missing value
            return field.get_attribute(instance)

    return read


class SummarySerializer(ModelSerializer):
    # Rendered for every related row of a page (two or three a row): DRF's to_representation, with each field's
    # reader worked out once per serializer, not once per row.

    def to_representation(self, instance):
        plan = self.__dict__.get("_plan")
        if plan is None:
            model = self.Meta.model
            plan = self._plan = [
                (field.field_name, column_reader(model, field), field.to_representation) for field in self._readable_fields
            ]
        data = {}
        for name, read, render in plan:
            try:
                value = read(instance)
            except SkipField:
                continue
            data[name] = None if value is None else render(value)
        return data


def summary(model_class, *field_names):
    """A read-only serializer showing just enough of a related row to recognise it."""
    meta = type("Meta", (), {"model": model_class, "fields": ["id", *field_names], "read_only_fields": field_names})
    return type(f"{model_class.__name__}Summary", (SummarySerializer,), {"Meta": meta})


SUMMARIES = {
    Organization: summary(Organization, "name"),
    Person: summary(Person, "canonical_name"),
    Place: summary(Place, "name"),
    Channel: summary(Channel, "platform", "handle", "url"),
    MediaItem: summary(MediaItem, "title"),
    Sighting: summary(Sighting, "url"),
    Claim: summary(Claim, "text"),
    Report: summary(Report, "title"),
    IdentityAssertion: summary(IdentityAssertion, "name_as_stated"),
    Tag: summary(Tag, "name"),
    get_user_model(): summary(get_user_model(), "username"),
}


def summary_columns(queryset):
    """The columns a page of `queryset` reads: every column of its own rows, and of each row it select_related
    only what that row's summary shows (SUMMARIES), the columns its marking is read from (access.MARKING_COLUMNS,
    for the audit) and its links (deeper rows join through them). For `.only()` on a read.

    The rest of a related row (an item's description and search key, a place's coordinates) would be loaded,
    parsed and set on every row of a page and never read; on a sightings page that was a third of the fetch."""
    columns = [field.name for field in queryset.model._meta.concrete_fields]

    def related(model, paths, prefix):
        for name, deeper in paths.items():
            field = model._meta.get_field(name)
            target = field.related_model
            path = f"{prefix}{name}__"
            shown = SUMMARIES[target].Meta.fields
            for column in target._meta.concrete_fields:
                if column.name in shown or column.name in access.MARKING_COLUMNS or column.is_relation:
                    columns.append(f"{path}{column.name}")
            related(target, deeper, path)

    if isinstance(queryset.query.select_related, dict):
        related(queryset.model, queryset.query.select_related, "")
    return columns


def with_summaries(queryset, relation):
    """`queryset` with each row's to-many `relation` as a plain list, which SummaryRelatedField(many=True) reads:
    on PostgreSQL in the row's own query (SummaryRows), elsewhere by a Prefetch into a list.

    Django's default prefetch builds a related manager and a filtered queryset for every row, twice with the
    serializer's read: on a 50-row page that costs more than the query itself. A Prefetch of its own is one more
    query, built and compiled for every page: about a millisecond, a fifth of an item page beyond the framework."""
    attribute = f"{relation}{PREFETCHED_SUFFIX}"
    if connections[queryset.db].vendor != "postgresql":
        return queryset.prefetch_related(Prefetch(relation, to_attr=attribute))
    return queryset.annotate(**{attribute: _summary_rows(queryset.model, relation)})


@functools.cache
def _summary_rows(model, relation):
    # Built once: a query resolves its own copy of an annotation.
    field = model._meta.get_field(relation)
    related = field.related_model._base_manager.filter(**{field.related_query_name(): OuterRef("pk")})
    if field.related_model._meta.ordering:
        related = related.order_by(*field.related_model._meta.ordering)
    shown = SummaryRows.columns_of(field.related_model)
    rows = related.values(summary=JSONObject(**{name: name for name in shown}))
    return ArraySubquery(rows, output_field=SummaryRows(field.related_model))


class SummaryRows(Field):
    # An array of one jsonb per related row, holding what its summary shows (SUMMARIES), read as instances of the
    # model with the other columns deferred (as a Prefetch would have left them, but for those). Never a column.

    def __init__(self, model, **kwargs):
        self.model = model
        self.columns = self.columns_of(model)
        super().__init__(**kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, path, args, {**kwargs, "model": self.model}

    @staticmethod
    def columns_of(model):
        shown = set(SUMMARIES[model].Meta.fields)
        return [column.attname for column in model._meta.concrete_fields if column.name in shown]

    def from_db_value(self, value, expression, connection):
        if value is None:
            return []
        return [
            self.model.from_db(connection.alias, self.columns, [row[name] for name in self.columns])
            for row in map(json.loads, value)
        ]


PREFETCHED_SUFFIX = "_prefetched"


class SummaryManyRelatedField(serializers.ManyRelatedField):
    # Reads the list `prefetched` left on the row, when the view prefetched one; else the relation.

    def get_attribute(self, instance):
        rows = getattr(instance, f"{self.source}{PREFETCHED_SUFFIX}", None) if "." not in self.source else None
        return rows if rows is not None else super().get_attribute(instance)


class SummaryRelatedField(serializers.PrimaryKeyRelatedField):
    """Written as a primary key, read as the related row's summary (so views select_related it)."""

    def __init__(self, *, summary, **kwargs):
        self.summary = summary
        super().__init__(**kwargs)

    @classmethod
    def many_init(cls, *args, **kwargs):
        # DRF's own, with the field class that reads prefetched lists.
        many_kwargs = {key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS}
        return SummaryManyRelatedField(child_relation=cls(*args, **kwargs), **many_kwargs)

    def use_pk_only_optimization(self):
        return False

    def to_representation(self, value):
        # A summary discloses the related record too (its title, its text): audited like a row.
        if type(value) in RECORD_TYPES or isinstance(value, Person):
            audit.disclosed(access.caller_in(self.context), value)
        return self._summary_serializer.to_representation(value)

    @cached_property
    def _summary_serializer(self):
        # One for every row of a page: building a ModelSerializer's fields costs more than rendering a summary.
        return self.summary(context=self.context)

    def get_choices(self, cutoff=None):
        # Browsable-API forms key their options by what a write sends, the primary key; a summary cannot be a key.
        queryset = self.get_queryset()
        if queryset is None:
            return {}
        return {item.pk: self.display_value(item) for item in queryset[:cutoff]}


class NameSerializer(serializers.Serializer):
    """One alias or name variant, with the script it is written in."""

    name = serializers.CharField(read_only=True)
    script = serializers.ChoiceField(choices=Script.choices, read_only=True)


class NamesField(serializers.ListField):
    """Aliases or name variants: written as a list of names, read as [{name, script}]."""

    child = serializers.CharField(max_length=300)

    def to_representation(self, value):
        return NameSerializer(value.all(), many=True).data


class SummaryRelatedFieldExtension(OpenApiSerializerFieldExtension):
    """Documents the two shapes: a primary key in requests, the summary in responses."""

    target_class = SummaryRelatedField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        return auto_schema.resolve_serializer(self.target.summary, direction).ref


class NamesFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamesField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        return build_array_type(auto_schema.resolve_serializer(NameSerializer, direction).ref)


# Base classes carry comments, not docstrings: the schema shows a serializer's docstring to API readers.


class VisibleListSerializer(serializers.ListSerializer):
    # Rows the caller may see: a queryset not fetched yet is filtered by catalog.policies.access; rows already
    # fetched (a page, a prefetch) are kept only if they came through access.visible (fails closed).

    def to_representation(self, data):
        rows = data.all() if isinstance(data, Manager) else data
        caller = access.caller_in(self.context)
        if not caller.is_analyst:
            if isinstance(rows, QuerySet) and rows._result_cache is None:
                rows = access.visible(caller, rows)
            rows = [row for row in rows if access.is_cleared(caller, row)]
        return [self.child.to_representation(row) for row in rows]


_WITHHELD, _LINK, _PUBLISHED = "withheld", "link", "published"  # how a field renders for a caller


class CatalogSerializer(ModelSerializer):
    # Relations read as summaries; the model's own cross-field rules (clean) answer 400, not 500.
    # Rendered for a caller: see the module docstring. Meta.internal_fields lists fields only analysts read.

    serializer_related_field = SummaryRelatedField

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        meta = getattr(cls, "Meta", None)
        if meta is not None and not hasattr(meta, "list_serializer_class"):
            meta.list_serializer_class = VisibleListSerializer

    @classmethod
    def withheld_fields(cls, caller=None):
        """Fields rendered null for `caller` (for None: every field that may be withheld from someone)."""
        model = cls.Meta.model
        internal = set(getattr(cls.Meta, "internal_fields", ()))
        links = set(access.CLEARED_LINKS.get(model, {}))
        if caller is None:
            return internal | links
        return set() if caller.is_analyst else internal

    def to_representation(self, instance):
        caller = access.caller_in(self.context)
        if not access.is_cleared(caller, instance):
            raise RuntimeError(f"{self.Meta.model.__name__} {instance.pk} did not pass catalog.policies.access.visible")
        data = {}
        for name, read, render, rule in self._rendering_plan(caller):
            if rule is _WITHHELD or (rule is _LINK and not access.link_is_cleared(caller, instance, name)):
                data[name] = None
                continue
            try:
                value = read(instance)
            except SkipField:
                continue
            present = value.pk if isinstance(value, PKOnlyObject) else value
            data[name] = None if present is None else render(value)
        if self._audited:
            audit.disclosed(caller, instance)
        return data

    def _rendering_plan(self, caller):
        # Which rule applies to each readable field depends on the caller, not the row: work it out once per
        # caller, not once per row of a page.
        cached = self.__dict__.get("_plan")
        if cached is None or cached[0] is not caller:
            model = self.Meta.model
            withheld = self.withheld_fields(caller)
            links, published = access.CLEARED_LINKS.get(model, {}), access.PUBLISHED.get(model, {})
            plan = []
            for field in self._readable_fields:
                name = field.field_name
                rule = (
                    _WITHHELD if name in withheld else _LINK if name in links else _PUBLISHED if name in published
                    else None
                )
                plan.append((name, self._reader(caller, field, rule), field.to_representation, rule))
            cached = self._plan = (caller, tuple(plan))
        return cached[1]

    def _reader(self, caller, field, rule):
        """How a field's value is read off a row (column_reader); a verdict is the caller's published value."""
        if rule is _PUBLISHED:
            return lambda instance: access.published(caller, instance, field.field_name)
        return column_reader(self.Meta.model, field)

    @cached_property
    def _audited(self):
        return self.Meta.model in RECORD_TYPES or self.Meta.model is Person

    def build_relational_field(self, field_name, relation_info):
        field_class, field_kwargs = super().build_relational_field(field_name, relation_info)
        field_kwargs["summary"] = SUMMARIES[relation_info.related_model]
        return field_class, field_kwargs

    def validate(self, attrs):
        candidate = copy.copy(self.instance) if self.instance is not None else self.Meta.model()
        concrete = {field.name for field in self.Meta.model._meta.concrete_fields}
        for name, value in attrs.items():
            if name in concrete:
                setattr(candidate, name, value)
        candidate.clean()
        return attrs


class CatalogSerializerExtension(OpenApiSerializerExtension):
    """Documents as nullable, in responses, the fields some callers get as null (see the module docstring)."""

    target_class = CatalogSerializer
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if direction != "response":
            return schema
        model = self.target.Meta.model
        for name in self.target.withheld_fields():
            prop = schema["properties"].get(name)
            if prop is None:
                continue
            why = _withheld_because(model, name, getattr(self.target.Meta, "internal_fields", ()))
            if "$ref" in prop:
                prop = {"allOf": [prop]}
            prop.update(nullable=True, description=" ".join(filter(None, [prop.get("description"), why])))
            schema["properties"][name] = prop
        return schema


def _withheld_because(model, name, internal_fields):
    if name in internal_fields:
        return "Analysts only: null for partners."
    return "Null when the linked record is not visible to the caller."


def record_examples(name, request, response):
    """Examples of a record as written (ids, no read-only fields) and as read back (summaries)."""
    return extend_schema_serializer(examples=[
        OpenApiExample(name, value=request, request_only=True),
        OpenApiExample(name, value=response, response_only=True),
    ])


class NamedSerializer(CatalogSerializer):
    # Saves its NamesField lists through catalog.services.replace_names.

    def _pop_names(self, validated_data):
        return {
            name: validated_data.pop(name)
            for name, field in self.fields.items()
            if isinstance(field, NamesField) and name in validated_data
        }

    def _replace_names(self, instance, names):
        for related_name, values in names.items():
            services.replace_names(instance, related_name, values)
        return instance

    def create(self, validated_data):
        names = self._pop_names(validated_data)
        return self._replace_names(super().create(validated_data), names)

    def update(self, instance, validated_data):
        names = self._pop_names(validated_data)
        return self._replace_names(super().update(instance, validated_data), names)


@record_examples("A tag", examples.TAG_REQUEST, examples.TAG)
class TagSerializer(CatalogSerializer):
    class Meta:
        model = Tag
        fields = ["id", "name"]


@record_examples("Amaq News Agency", examples.ORGANIZATION_REQUEST, examples.ORGANIZATION)
class OrganizationSerializer(NamedSerializer):
    aliases = NamesField(required=False)

    class Meta:
        model = Organization
        fields = ["id", "name", "kind", "affiliation", "description", "aliases", "created_at", "updated_at"]


@record_examples("Rassvet as a stated birthplace", examples.PLACE_REQUEST, examples.PLACE)
class PlaceSerializer(NamedSerializer):
    aliases = NamesField(required=False)

    class Meta:
        model = Place
        fields = [
            "id", "name", "kind", "parent", "country_code", "latitude", "longitude", "aliases",
            "created_at", "updated_at",
        ]


@record_examples("Roman Zabolotny", examples.PERSON_REQUEST, examples.PERSON)
class PersonSerializer(NamedSerializer):
    name_variants = NamesField(required=False)

    class Meta:
        model = Person
        fields = [
            "id", "canonical_name", "birth_year", "birthplace", "notes", "name_variants", "created_at", "updated_at",
        ]
        internal_fields = ["notes"]


@record_examples("Amaq on Telegram", examples.CHANNEL_REQUEST, examples.CHANNEL)
class ChannelSerializer(CatalogSerializer):
    class Meta:
        model = Channel
        fields = [
            "id", "platform", "handle", "url", "operator", "status", "status_changed_at", "first_active_at",
            "removed_at", "created_at", "updated_at",
        ]


@record_examples("Embedded in the Newsweek report", examples.SIGHTING_REQUEST, examples.SIGHTING)
class SightingSerializer(CatalogSerializer):
    class Meta:
        model = Sighting
        fields = [
            "id", "media_item", "channel", "url", "kind", "posted_at", "observed_at", "derived_from",
            "taken_down_at", "place", "notes", "created_at", "updated_at",
        ]


@record_examples("The Newsweek report", examples.REPORT_REQUEST, examples.REPORT)
class ReportSerializer(CatalogSerializer):
    class Meta:
        model = Report
        fields = [
            "id", "outlet", "url", "published_at", "title", "dateline", "body", "caption", "raw_text", "tlp",
            "created_at", "updated_at",
        ]


@record_examples("The Hmeymim spokesperson", examples.QUOTE_REQUEST, examples.QUOTE)
class QuoteSerializer(CatalogSerializer):
    class Meta:
        model = Quote
        fields = ["id", "report", "speaker", "speaker_person", "speaker_organization", "text", "position"]


@record_examples("The capture claim of the video", examples.CLAIM_REQUEST, examples.CLAIM)
class ClaimSerializer(CatalogSerializer):
    admiralty_rating = serializers.CharField(read_only=True, help_text="Source reliability and credibility, e.g. F6.")

    class Meta:
        model = Claim
        fields = [
            "id", "text", "kind", "claimant_organization", "claimant_person", "claimant_description", "stated_on",
            "stated_on_earliest", "stated_on_latest", "stated_on_precision",
            "media_item", "report", "place", "status", "source_reliability", "information_credibility",
            "admiralty_rating", "tlp", "created_at", "updated_at",
        ]
        read_only_fields = ["status"]


@record_examples("Hmeymim denies the capture", examples.CLAIM_LINK_REQUEST, examples.CLAIM_LINK)
class ClaimLinkSerializer(CatalogSerializer):
    class Meta:
        model = ClaimLink
        fields = ["id", "source", "target", "relation", "note", "created_at"]


@record_examples("Zabolotny Roman, as he named himself", examples.IDENTITY_ASSERTION_REQUEST,
                 examples.IDENTITY_ASSERTION)
class IdentityAssertionSerializer(CatalogSerializer):
    # Stated fields are model attribute names; the model lists them by column (media_item_id).
    STATED = [name.removesuffix("_id") for name in IdentityAssertion.STATED_FIELDS]

    class Meta:
        model = IdentityAssertion
        fields = [
            "id", "media_item", "name_as_stated", "script", "birth_year_as_stated", "birthplace_as_stated",
            "birthplace", "affiliation_as_stated", "mode", "named_by", "timecode", "person",
            "resolution_confidence", "resolved_by", "resolved_at", "created_at",
        ]
        read_only_fields = ["person", "resolution_confidence", "resolved_by", "resolved_at"]
        internal_fields = ["resolved_by"]

    def validate(self, attrs):
        if self.instance is not None:
            changed = [name for name in self.STATED if name in attrs and attrs[name] != getattr(self.instance, name)]
            if changed:
                raise serializers.ValidationError(
                    {name: "What was stated is kept as recorded; add a new assertion instead." for name in changed}
                )
        return super().validate(attrs)


@extend_schema_serializer(examples=[OpenApiExample("The file of the Amaq video", value=examples.ITEM_FILE)])
class ItemFileSerializer(CatalogSerializer):
    media_file = MediaFileSummarySerializer(read_only=True)
    enrichment_jobs = EnrichmentJobSummarySerializer(source="media_file.jobs", many=True, read_only=True)

    class Meta:
        model = ItemFile
        fields = ["id", "media_item", "original_filename", "media_file", "enrichment_jobs", "attached_by", "attached_at"]
        read_only_fields = fields
        internal_fields = ["enrichment_jobs", "attached_by"]


class SightingInTimelineSerializer(CatalogSerializer):
    # An id is enough: the sighting it derives from is in the same timeline.
    derived_from = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Sighting
        fields = [
            "id", "media_item", "channel", "url", "kind", "posted_at", "observed_at", "derived_from", "taken_down_at",
        ]
        read_only_fields = fields


class ClaimInItemSerializer(CatalogSerializer):
    class Meta:
        model = Claim
        fields = ["id", "text", "kind", "status", "stated_on", "claimant_organization", "claimant_person"]
        read_only_fields = fields


class IdentityAssertionInItemSerializer(CatalogSerializer):
    class Meta:
        model = IdentityAssertion
        fields = ["id", "name_as_stated", "script", "mode", "timecode", "person", "resolution_confidence"]
        read_only_fields = fields


# Lists only (the detail serializer below is the one written).
@extend_schema_serializer(examples=[OpenApiExample("The Amaq video", value=examples.MEDIA_ITEM, response_only=True)])
class MediaItemSerializer(CatalogSerializer):
    languages = serializers.ListField(child=serializers.CharField(validators=[language_code]), required=False)
    first_seen_at = DateTimeField(
        read_only=True, allow_null=True, help_text="Derived from the earliest sighting."
    )

    class Meta:
        model = MediaItem
        fields = [
            "id", "kind", "title", "description", "languages", "producer", "claimed_release_at", "duration",
            "is_graphic", "tlp", "authenticity", "tags", "first_seen_at", "created_by", "created_at", "updated_at",
        ]
        read_only_fields = ["authenticity", "created_by"]
        internal_fields = ["created_by"]


@record_examples("The Amaq video", examples.MEDIA_ITEM_REQUEST, examples.MEDIA_ITEM_DETAIL)
class MediaItemDetailSerializer(MediaItemSerializer):
    sightings = SightingInTimelineSerializer(
        source="propagation_timeline", many=True, read_only=True,
        help_text="Sightings of the item and its confirmed variants, in the order they spread.",
    )
    claims = ClaimInItemSerializer(many=True, read_only=True)
    identity_assertions = IdentityAssertionInItemSerializer(many=True, read_only=True)
    files = ItemFileSerializer(many=True, read_only=True)

    class Meta(MediaItemSerializer.Meta):
        fields = [*MediaItemSerializer.Meta.fields, "sightings", "claims", "identity_assertions", "files"]


@extend_schema_serializer(examples=[OpenApiExample("The claim of the video disputed", value=examples.REVIEW_EVENT)])
class ReviewEventSerializer(CatalogSerializer):
    class Meta:
        model = ReviewEvent
        fields = [
            "id", "value", "media_item", "claim", "identity_assertion", "old_value", "new_value", "rationale",
            "analyst", "created_at",
        ]
        read_only_fields = fields


class MediaItemReviewSerializer(serializers.Serializer):
    authenticity = serializers.ChoiceField(choices=MediaAuthenticity.choices)
    rationale = serializers.CharField()


class ClaimReviewSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ClaimStatus.choices)
    rationale = serializers.CharField()


class IdentityResolutionSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), allow_null=True, help_text="The person meant, or null to clear."
    )
    confidence = serializers.FloatField(min_value=0.0, max_value=1.0, allow_null=True, default=None)
    rationale = serializers.CharField()


class ItemFileUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    original_filename = serializers.CharField(
        required=False, trim_whitespace=False,
        help_text="The name the file arrived with, when not the uploaded name; kept only as a label.",
    )

    def validate_original_filename(self, value):
        # Django strips paths and control characters from an upload's own name, but not from this field.
        evidence.validate_original_filename(value)
        return value

    def validate(self, attrs):
        attrs.setdefault("original_filename", attrs["file"].name)
        return attrs


class UrlCaptureRequestSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=2000, help_text="A page that embeds media (yt-dlp) or a direct media file.")
    channel = serializers.PrimaryKeyRelatedField(
        queryset=Channel.objects.all(), required=False,
        help_text="The channel the URL was posted on; by default the one its address names (added if new). "
                  "The capture records a sighting of the item there.",
    )
    posted_at = DateTimeField(required=False, help_text="When it was posted there, if known.")


class UrlCaptureSerializer(ModelSerializer):
    class Meta:
        model = UrlCapture
        fields = ["id", "url", "status", "error", "attempts", "item_file", "sighting", "created_at", "finished_at"]
        read_only_fields = fields


class WebArchiveCaptureSerializer(ModelSerializer):
    class Meta:
        model = WebArchiveCapture
        fields = [
            "id", "url", "report", "sighting", "status", "error", "attempts", "media_file", "captured_at",
            "created_at", "finished_at",
        ]
        read_only_fields = fields


@extend_schema_field({"$ref": "#/components/schemas/TlpEnum"})
class TLPField(serializers.ChoiceField):
    # The records' own TLP vocabulary (one enum in the schema, named after their `tlp` fields).

    def __init__(self, **kwargs):
        super().__init__(choices=TLP.choices, **kwargs)


class PartnerSerializer(serializers.Serializer):
    name = serializers.CharField()
    max_tlp = TLPField(help_text="The highest marking it may read.")
    may_see_identities = serializers.BooleanField()
    may_see_graphic = serializers.BooleanField()


class CallerKeySerializer(serializers.Serializer):
    prefix = serializers.CharField(help_text="The key's public prefix, as logged in the access audit.")
    expiry_date = DateTimeField(allow_null=True)


class CallerSerializer(serializers.Serializer):
    """Who is calling: an analyst, or a partner with its clearance and the key it used."""

    kind = serializers.ChoiceField(choices=["analyst", "partner"])
    readable_tlps = serializers.ListField(child=TLPField())
    may_see_identities = serializers.BooleanField()
    partner = PartnerSerializer(allow_null=True)
    key = CallerKeySerializer(source="api_key", allow_null=True)
