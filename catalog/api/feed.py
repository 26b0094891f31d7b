"""The changes feed: ``GET /api/v1/feed/?cursor=<opaque>&limit=100``.

Everything created, updated or withdrawn since the cursor that the caller may see, in the order it happened,
with the cursor to resume from. A mirror applies the entries in order and keeps ``next_cursor``:

* ``created`` / ``updated``: the record as it is now (as its list endpoint shows it to the caller): upsert it;
* ``withdrawn``: a tombstone ``{record_type, id, change: "withdrawn"}``: delete it. A record is withdrawn from a
  caller when it is deleted or when its marking is raised above the caller's clearance (also when a record it
  is seen through is raised, e.g. an item's sightings when the item is). A record later lowered into clearance
  comes back as an update.

Entries come from catalog.signals. A caller's cursor moves only over the entries it could read when they were
written (catalog.policies.access.feed_entries), so it tells nothing of changes above its clearance: while only
those happen, it stays where it is. It is the position of the last such entry, encrypted and bound to the caller
(access.FeedCursor): opaque, different every time it is given out, and refused from anyone else. A page may hold
fewer entries than ``limit`` where an entry's record is no longer visible (a later entry withdraws it).
Positions are assigned when an entry is written, and a transaction may commit after a later one: a gap in
positions younger than ``FEED_SETTLE_SECONDS`` (default 30) ends the page there (``has_more`` false: poll again
later), so a mirror never skips a change still committing; on PostgreSQL a rolled-back insert leaves such a gap,
which delays the entries after it by that long at most.
A partner whose clearance is lowered should mirror again from the start (no cursor).

``GET /api/v1/feed/stix/?cursor=<opaque>&limit=100`` reads the same page (same cursor, same ``limit``) and answers
it as one STIX 2.1 bundle (catalog.exports.export_feed, logged in the exported files' custody) of the media
items the page's created or updated entries touch: the items themselves and the items of changed sightings,
identity assertions, item files, claims and claim links, rendered as the caller may see them (as the item's own
export). ``feed/misp/`` answers the same items as MISP events in the shape of MISP's /events/restSearch (``{"response": [{"Event": ...}]}``), ``feed/claimreview/`` as one schema.org
``DataFeed`` of their MediaReview and ClaimReview objects; each as the item's own export renders it.
``next_cursor`` and ``has_more`` travel in the ``X-Next-Cursor`` and ``X-Has-More`` headers. Withdrawals have no
form here: a mirror that must delete reads the JSON feed.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Max
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from catalog import exports
from catalog.api import examples, views
from catalog.api import serializers as catalog_serializers
from catalog.choices import ChangeKind
from catalog.models import ChangeFeedEntry, ItemFile, MediaItem
from catalog.policies import access
from catalog.policies.access import RECORD_TYPES
from provenance.api.schema import DocumentedErrorsAutoSchema
from provenance.api.fields import DateTimeField

DEFAULT_LIMIT, MAX_LIMIT = 100, 1000
SCAN_LIMIT = 10_000  # entries of the caller's read at most for one page, however few of their records remain

# The record each entry names, loaded and shown as its list endpoint does.
SOURCES = {
    "media_item": (
        views.MediaItemViewSet.read_with_tags(views.MediaItemViewSet.queryset), catalog_serializers.MediaItemSerializer
    ),
    "sighting": (views.SightingViewSet.queryset, catalog_serializers.SightingSerializer),
    "identity_assertion": (views.IdentityAssertionViewSet.queryset, catalog_serializers.IdentityAssertionSerializer),
    "item_file": (
        ItemFile.objects.select_related("media_item", "media_file", "attached_by").prefetch_related("media_file__jobs"),
        catalog_serializers.ItemFileSerializer,
    ),
    "claim": (views.ClaimViewSet.queryset, catalog_serializers.ClaimSerializer),
    "claim_link": (views.ClaimLinkViewSet.queryset, catalog_serializers.ClaimLinkSerializer),
    "report": (views.ReportViewSet.queryset, catalog_serializers.ReportSerializer),
    "quote": (views.QuoteViewSet.queryset, catalog_serializers.QuoteSerializer),
}
assert set(SOURCES) == set(RECORD_TYPES.values())


class FeedQuerySerializer(serializers.Serializer):
    # The context carries the request: a cursor is good only for the caller it was given to.
    cursor = serializers.CharField(
        required=False, max_length=1000, help_text="next_cursor of the previous page; none to start."
    )
    limit = serializers.IntegerField(min_value=1, max_value=MAX_LIMIT, default=DEFAULT_LIMIT)

    def validate_cursor(self, value):
        position = access.FeedCursor(access.caller_of(self.context["request"])).decode(value)
        if position is None:
            raise serializers.ValidationError("Not a cursor this feed gave you.")
        return position


def read_query(request):
    query = FeedQuerySerializer(data=request.query_params, context={"request": request})
    query.is_valid(raise_exception=True)
    return query.validated_data.get("cursor", 0), query.validated_data["limit"]


class FeedEntrySerializer(serializers.Serializer):
    record_type = serializers.ChoiceField(choices=sorted(SOURCES))
    id = serializers.IntegerField()
    change = serializers.ChoiceField(choices=ChangeKind.choices)
    changed_at = DateTimeField()
    record = serializers.JSONField(
        allow_null=True,
        help_text="The record as its list endpoint shows it to the caller; null for a withdrawal.",
    )


class FeedPageSerializer(serializers.Serializer):
    results = FeedEntrySerializer(many=True)
    next_cursor = serializers.CharField(help_text="Resume from here (also when the page is empty).")
    has_more = serializers.BooleanField(
        help_text="More entries can be read now: fetch again with next_cursor at once; else poll later."
    )


def read_feed(caller, after, limit, context, shown_as=None):
    """One page of the feed for `caller` after position `after`: (entries, last position read, more to read now).

    `shown_as(entry, record)` gives what an entry whose record the caller sees is answered as; by default the
    record as its list endpoint shows it."""
    shown_as = shown_as or (lambda entry, record: _serialized(record, entry, context))
    settle = dt.timedelta(seconds=getattr(settings, "FEED_SETTLE_SECONDS", 30))
    horizon = _settled_horizon(after, timezone.now() - settle)
    entries = access.feed_entries(caller, ChangeFeedEntry.objects.filter(pk__gt=after, pk__lte=horizon))
    results, position, scanned = [], after, 0
    while len(results) < limit and scanned < SCAN_LIMIT:
        batch = list(entries.filter(pk__gt=position).order_by("pk")[:limit])
        if not batch:
            break
        records = _current_records(caller, batch)
        for entry in batch:
            shown = _show(caller, entry, records.get((entry.record_type, entry.record_id)), shown_as)
            position, scanned = entry.pk, scanned + 1
            if shown is not None:
                results.append(shown)
                if len(results) == limit:
                    break
    return results, position, entries.filter(pk__gt=position).exists()


def _settled_horizon(after, cutoff):
    """The last position a page may reach now: just before the first gap in positions that a transaction still
    committing may fill (a missing position followed by an entry younger than `cutoff`), else the newest position.

    The newest position is read first: every later query of the page runs on a newer snapshot (READ COMMITTED),
    where entries committed meanwhile above it would be read without their gaps having been looked at (found by
    tests/partners/test_feed_replicas.py). Only young entries are read, whoever asks, so the answer depends on no
    caller's clearance."""
    newest = ChangeFeedEntry.objects.aggregate(newest=Max("pk"))["newest"] or after
    young = list(
        ChangeFeedEntry.objects.filter(pk__gt=after, pk__lte=newest, created_at__gt=cutoff)
        .order_by("pk").values_list("pk", flat=True)
    )
    before_young = {pk - 1 for pk in young} - set(young)
    present = set(ChangeFeedEntry.objects.filter(pk__in=before_young).values_list("pk", flat=True)) | set(young)
    for pk in young:
        if pk - 1 > after and pk - 1 not in present:
            return pk - 1
    return newest


def _current_records(caller, batch):
    """{(record type, id): record} of the batch's records that exist and that the caller may see now."""
    wanted = {}
    for entry in batch:
        if entry.change != ChangeKind.WITHDRAWN:
            wanted.setdefault(entry.record_type, set()).add(entry.record_id)
    found = {}
    for record_type, ids in wanted.items():
        queryset, _ = SOURCES[record_type]
        for record in access.visible(caller, queryset.filter(pk__in=ids)):
            found[(record_type, str(record.pk))] = record
    return found


def _serialized(record, entry, context):
    _, serializer = SOURCES[entry.record_type]
    return serializer(record, context=context).data


def _show(caller, entry, record, shown_as):
    if record is not None:
        return _row(entry, entry.change, shown_as(entry, record))
    readable_after = access.may_read_entry(caller, entry.tlp, entry.names_people)
    readable_before = access.may_read_entry(caller, *access.entry_audience_before(entry))
    withdrawn_now = entry.change == ChangeKind.WITHDRAWN and readable_after
    raised_out = readable_before and not readable_after
    return _row(entry, ChangeKind.WITHDRAWN, None) if withdrawn_now or raised_out else None


def _row(entry, change, record):
    return {
        "record_type": entry.record_type, "id": int(entry.record_id), "change": change,
        "changed_at": entry.created_at, "record": record,
    }


@extend_schema(tags=["feed"])
class FeedView(views.PartnerReadableView):
    """Changes since a cursor, in order, for mirroring the catalogue incrementally within the caller's clearance."""

    serializer_class = FeedPageSerializer
    query_serializer_class = FeedQuerySerializer

    @extend_schema(
        parameters=[FeedQuerySerializer],
        examples=[
            OpenApiExample("A page with an update and a withdrawal", value=examples.FEED_PAGE, response_only=True),
        ],
    )
    def get(self, request):
        after, limit = read_query(request)
        caller = access.caller_of(request)
        results, position, has_more = read_feed(caller, after, limit, self.get_serializer_context())
        page = {"results": results, "next_cursor": access.FeedCursor(caller).encode(position), "has_more": has_more}
        return Response(self.get_serializer(page).data)


def items_touched(record_type, record):
    """Ids of the media items a created or updated record belongs to (whose exported form it changes)."""
    if record_type == "media_item":
        return {record.pk}
    if record_type in ("sighting", "identity_assertion", "item_file", "claim"):
        return {record.media_item_id} - {None}
    if record_type == "claim_link":
        return {record.source.media_item_id, record.target.media_item_id} - {None}
    return set()  # reports and quotes: not part of an item's bundle


# export format → (operation description, response body)
FEED_FORMS = {
    "stix": (
        "The changes feed's page as one STIX 2.1 bundle of the media items it touches, within the caller's clearance.",
        "A STIX 2.1 bundle.",
    ),
    "misp": (
        "The changes feed's page as MISP events, one per media item it touches, within the caller's clearance.",
        'MISP events as MISP\'s /events/restSearch answers them: {"response": [{"Event": ...}]}.',
    ),
    "claimreview": (
        "The changes feed's page as one schema.org DataFeed of the MediaReview and ClaimReview objects of the media "
        "items it touches, within the caller's clearance.",
        "A schema.org DataFeed in JSON-LD.",
    ),
}
PAGE_HEADERS = "Headers: X-Next-Cursor (resume from here), X-Has-More (true: fetch again at once; false: poll later)."


class FeedExportSchema(DocumentedErrorsAutoSchema):
    # One view serves every form (the URL sets export_format): each route documents its own media type and example.

    def get_description(self):
        return FEED_FORMS[self.view.export_format][0]

    def get_response_serializers(self):
        export_format = self.view.export_format
        body = FEED_FORMS[export_format][1]
        return {
            (200, exports.FORMATS[export_format][1]): OpenApiResponse(
                OpenApiTypes.OBJECT, description=f"{body} {PAGE_HEADERS}"
            ),
        }

    def get_examples(self):
        export_format = self.view.export_format
        return [
            OpenApiExample("The Amaq video updated", value=examples.FEEDS[export_format], response_only=True,
                           media_type=exports.FORMATS[export_format][1]),
        ]


@extend_schema(tags=["feed"])
class FeedExportView(views.PartnerReadableView):
    """The changes feed's page as one export (STIX, MISP or schema.org) of the media items it touches."""

    export_format = None  # a key of catalog.exports.FORMATS, set by the URL
    query_serializer_class = FeedQuerySerializer
    schema = FeedExportSchema()

    @extend_schema(parameters=[FeedQuerySerializer])
    def get(self, request):
        after, limit = read_query(request)
        caller = access.caller_of(request)
        touched = set()

        def collect(entry, record):
            touched.update(items_touched(entry.record_type, record))
            return None

        _, position, has_more = read_feed(caller, after, limit, self.get_serializer_context(), shown_as=collect)
        # The exporter reads the items and everything it renders of them through the access policy, and reports
        # each record it renders to the caller's disclosure audit.
        export = exports.export_feed(
            MediaItem.objects.filter(pk__in=touched).order_by("pk"), self.export_format, caller,
            base_url=request.build_absolute_uri("/"),
        )
        response = HttpResponse(export.content, content_type=export.content_type)
        response["X-Next-Cursor"] = access.FeedCursor(caller).encode(position)
        response["X-Has-More"] = "true" if has_more else "false"
        response["X-Content-Type-Options"] = "nosniff"
        return response
