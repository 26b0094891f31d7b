"""Lookup: is this file (or hash) in the catalogue, and what is its verification status?

``GET /api/v1/lookup/?sha256=<64 hex>`` or ``?md5=<32 hex>`` matches stored files exactly;
``?pdq=<64 hex>&max_distance=31`` finds files with a frame within that PDQ distance (at most 31)
(provenance.matching.similar_frames); ``POST`` of a file (multipart ``file``) matches its bytes exactly by SHA-256
and as a near-duplicate video or image (provenance.matching.match_file), without storing it; bytes that are not
a media file the server reads are refused (400).

The answer lists the matched media items the caller may see, each with its verification status as the caller
may see it (partners: the published values) and the files that matched. A file that belongs only to items the
caller cannot see is answered as no match.

Partner tools call lookup far more than anything else, so it runs on a fast path (bench/partner_lookup): its
queries are compiled once per clearance (provenance.compiled) and it renders bare columns with the serializers'
own fields, which stay the documented shape of the answer.
"""

import hashlib

from django.conf import settings
from django.db.models import Q
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from catalog.api import examples, views
from catalog.api.serializers import CatalogSerializer
from catalog.models import Claim, ItemFile, MediaItem
from catalog.policies import access
from catalog.policies.access import highest
from provenance import matching
from provenance.compiled import CompiledQuery
from provenance.api.examples import MEDIA_FILE_SUMMARY
from provenance.api.serializers import MediaFileSummarySerializer
from provenance.jobs import JobFailed
from provenance.models import MediaFile
from provenance.services import FileTooLarge

HEX = "0-9a-fA-F"


class LookupQuerySerializer(serializers.Serializer):
    sha256 = serializers.RegexField(rf"^[{HEX}]{{64}}$", required=False, help_text="Exact SHA-256 (64 hex).")
    md5 = serializers.RegexField(rf"^[{HEX}]{{32}}$", required=False, help_text="Exact MD5 (32 hex).")
    pdq = serializers.RegexField(rf"^[{HEX}]{{64}}$", required=False, help_text="A PDQ hash of an image or frame.")
    max_distance = serializers.IntegerField(
        min_value=0, max_value=matching.MAX_RADIUS, required=False,
        help_text=f"With pdq: the largest Hamming distance, 0-{matching.MAX_RADIUS} (default 31).",
        error_messages={"max_value": (
            f"max_distance is at most {matching.MAX_RADIUS}, PDQ's match threshold: unrelated pictures lie about 128 "
            "bits apart, and past it matches are more and more chance."
        )},
    )

    def validate(self, attrs):
        given = [name for name in ("sha256", "md5", "pdq") if name in attrs]
        if len(given) != 1:
            raise serializers.ValidationError("Give exactly one of sha256, md5 or pdq.")
        if "max_distance" in attrs and "pdq" not in attrs:
            raise serializers.ValidationError({"max_distance": "max_distance goes with a pdq lookup."})
        return {name: value.lower() if isinstance(value, str) else value for name, value in attrs.items()}


class LookupUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The file to match; it is read, not stored.")


class MatchSerializer(serializers.Serializer):
    media_file = MediaFileSummarySerializer()
    method = serializers.ChoiceField(choices=["sha256", "md5", "pdq", "video"])
    distance = serializers.IntegerField(allow_null=True, help_text="PDQ distance of the nearest frame (0 exact).")
    query_match_percent = serializers.FloatField(allow_null=True, help_text="Video: share of the query's frames.")
    target_match_percent = serializers.FloatField(allow_null=True, help_text="Video: share of this file's frames.")


class ClaimStatusSerializer(CatalogSerializer):
    """A claim on the item with its verification status (published, for partners)."""

    class Meta:
        model = Claim
        fields = ["id", "text", "kind", "status", "tlp"]
        read_only_fields = fields


class LookupItemSerializer(CatalogSerializer):
    """A matched media item with its verification status (published, for partners) and the files that matched."""

    claims = ClaimStatusSerializer(many=True, read_only=True)
    matches = MatchSerializer(many=True, read_only=True)

    class Meta:
        model = MediaItem
        fields = ["id", "kind", "title", "tlp", "is_graphic", "authenticity", "claimed_release_at", "claims", "matches"]
        read_only_fields = fields


class LookupResultSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = LookupItemSerializer(many=True)


# The answer is rendered from bare columns (see find_items), field by field with these serializers' own fields.
ITEM_FIELDS = {name: field for name, field in LookupItemSerializer().fields.items() if name not in ("claims", "matches")}
CLAIM_FIELDS = ClaimStatusSerializer().fields
FILE_FIELDS = MediaFileSummarySerializer().fields


def _links(caller, files_matching, *extra_columns):
    item_columns = dict.fromkeys([*ITEM_FIELDS, *access.PUBLISHED[MediaItem].values()])
    return (
        access.visible(caller, ItemFile.objects.filter(files_matching))
        .order_by("media_item_id", "pk")
        .values(
            "media_item_id", *(f"media_item__{name}" for name in item_columns),
            *(f"media_file__{name}" for name in FILE_FIELDS), *extra_columns,
        )
    )


def _clearance(caller):
    """What the SQL of a caller's lookup depends on."""
    return caller.kind, tuple(caller.readable_tlps), caller.may_see_identities


def _compiled(build):
    return CompiledQuery(build, key=_clearance)


# Visible item files (an item file is visible exactly when its item is) by what their stored file matched.
LINKS = {
    "sha256": _compiled(lambda caller, sha256: _links(caller, Q(media_file__sha256=sha256))),
    "md5": _compiled(lambda caller, md5: _links(caller, Q(media_file__md5=md5))),
    # One row per matching frame of a file, each with the frame's id.
    "frames": _compiled(lambda caller, frame_ids: _links(
        caller, Q(media_file__frame_hashes__id__in=frame_ids), "media_file__frame_hashes__id",
    )),
    "sha256_or_files": _compiled(
        lambda caller, sha256, file_ids: _links(caller, Q(media_file__sha256=sha256) | Q(media_file_id__in=file_ids))
    ),
}
CLAIMS_OF_ITEMS = _compiled(
    lambda caller, item_ids: access.visible(caller, Claim.objects.filter(media_item_id__in=item_ids)).values(
        "media_item_id", "report__tlp", *CLAIM_FIELDS, *access.PUBLISHED[Claim].values()
    )
)


def _render(caller, model, fields, row, prefix="", withheld=()):
    """One record as its serializer renders it for `caller`: verdicts as published, withheld fields null."""
    rendered = {}
    for name, field in fields.items():
        value = None if name in withheld else row[prefix + access.published_source(caller, model, name)]
        rendered[name] = None if value is None else field.to_representation(value)
    return rendered


def find_items(caller, links, *values, match_of):
    """The rendered items the caller sees with a file that the `links` query finds for `values`, with their
    visible claims and one match per such file (`match_of(row)` gives its method, distance and percentages).

    Two queries at most, compiled once per clearance (provenance.compiled): the visible item files with their
    items and files, then the visible claims of the items found. Restricted records sent are audited."""
    items, matches = {}, {}
    for row in LINKS[links].rows(caller, *values):
        item = items.get(row["media_item_id"])
        if item is None:
            item = items[row["media_item_id"]] = _render(
                caller, MediaItem, ITEM_FIELDS, row, "media_item__", LookupItemSerializer.withheld_fields(caller)
            )
            item["claims"], item["matches"] = [], []
        found = {"distance": None, "query_match_percent": None, "target_match_percent": None, **match_of(row)}
        key = (row["media_item_id"], row["media_file__id"])
        if key not in matches:
            matches[key] = {"media_file": _render(caller, MediaFile, FILE_FIELDS, row, "media_file__"), **found}
            item["matches"].append(matches[key])
        elif (found["distance"] or 0) < (matches[key]["distance"] or 0):  # another frame of the file, nearer
            matches[key]["distance"] = found["distance"]
    if items:
        for row in CLAIMS_OF_ITEMS.rows(caller, list(items)):
            item = items[row["media_item_id"]]
            item["claims"].append(_render(caller, Claim, CLAIM_FIELDS, row, "", ClaimStatusSerializer.withheld_fields(caller)))
            if caller.access_log is not None:
                marking = highest(row["tlp"], item["tlp"], row["report__tlp"])
                people = access.claim_kind_names_people(row["kind"])
                caller.access_log.saw_marked(Claim, row["id"], marking, people=people)
    if caller.access_log is not None:
        for item in items.values():
            caller.access_log.saw_marked(MediaItem, item["id"], item["tlp"])
            for match in item["matches"]:  # a file shown through a restricted item is restricted with it
                caller.access_log.saw_marked(MediaFile, match["media_file"]["id"], item["tlp"])
    return list(items.values())


def lookup_hash(caller, query):
    if "pdq" in query:
        frames = matching.similar_frames(query["pdq"], query.get("max_distance", matching.DEFAULT_MAX_DISTANCE))
        if not frames:
            return []
        return find_items(
            caller, "frames", list(frames),
            match_of=lambda row: {"method": "pdq", "distance": frames[row["media_file__frame_hashes__id"]]},
        )
    method = "sha256" if "sha256" in query else "md5"
    return find_items(caller, method, query[method], match_of=lambda row: {"method": method, "distance": 0})


def lookup_upload(caller, upload):
    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise FileTooLarge(f"The file is larger than the limit of {settings.MAX_UPLOAD_BYTES} bytes.")
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    sha256 = digest.hexdigest()
    upload.seek(0)
    try:
        near = dict(matching.match_file(upload))
    except JobFailed as refused:  # not a media file this server can read
        raise serializers.ValidationError({"file": [str(refused)]}) from None

    def match_of(row):
        if row["media_file__sha256"] == sha256:
            return {"method": "sha256", "distance": 0}
        found = near[row["media_file__id"]]
        return {
            "method": "video", "distance": found.get("best_distance"),
            "query_match_percent": found.get("query_match_percent"),
            "target_match_percent": found.get("target_match_percent"),
        }

    if near:
        return find_items(caller, "sha256_or_files", sha256, list(near), match_of=match_of)
    return find_items(caller, "sha256", sha256, match_of=match_of)


EXAMPLE_ITEM = {
    **{name: examples.MEDIA_ITEM[name] for name in ITEM_FIELDS},
    "claims": [{**examples.VIDEO_CLAIM, "kind": "capture", "status": "disputed", "tlp": "green"}],
}
EXAMPLE_FILE = MEDIA_FILE_SUMMARY


@extend_schema(tags=["lookup"])
class LookupView(views.PartnerReadableView):
    """Match a file or a hash against the catalogue; answers the visible items it belongs to, with their status."""

    partner_methods = {"POST"}  # a lookup by upload reads; nothing is stored
    parser_classes = [MultiPartParser]
    serializer_class = LookupResultSerializer
    query_serializer_class = LookupQuerySerializer

    @extend_schema(
        parameters=[LookupQuerySerializer],
        responses={200: LookupResultSerializer},
        examples=[
            OpenApiExample("A SHA-256", value=EXAMPLE_FILE["sha256"], parameter_only=("sha256", "query")),
            OpenApiExample(
                "A known file",
                value={"count": 1, "results": [{**EXAMPLE_ITEM, "matches": [
                    {"media_file": EXAMPLE_FILE, "method": "sha256", "distance": 0,
                     "query_match_percent": None, "target_match_percent": None}]}]},
                response_only=True,
            ),
            OpenApiExample("No match (or none visible)", value={"count": 0, "results": []}, response_only=True),
        ],
    )
    def get(self, request):
        query = LookupQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return self.answer(lookup_hash(access.caller_of(request), query.validated_data))

    @extend_schema(
        request={"multipart/form-data": LookupUploadSerializer},
        responses={200: LookupResultSerializer},
        examples=[
            OpenApiExample(
                "A re-upload of a known video", response_only=True,
                value={"count": 1, "results": [{**EXAMPLE_ITEM, "matches": [
                    {"media_file": EXAMPLE_FILE, "method": "video", "distance": 6,
                     "query_match_percent": 93.8, "target_match_percent": 71.4}]}]},
            ),
        ],
    )
    def post(self, request):
        upload = LookupUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        return self.answer(lookup_upload(access.caller_of(request), upload.validated_data["file"]))

    def answer(self, items):
        # Items arrive rendered (find_items); serializer_class documents their shape.
        return Response({"count": len(items), "results": items})
