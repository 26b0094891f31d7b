"""Lookup: is this file (or hash) in the catalogue, and what is its verification status?

``GET /api/v1/lookup/?sha256=<64 hex>`` or ``?md5=<32 hex>`` matches stored files exactly;
``?pdq=<64 hex>&max_distance=31`` finds files with a frame within that PDQ distance
(provenance.matching.find_similar); ``POST`` of a file (multipart ``file``) matches its bytes exactly by SHA-256
and as a near-duplicate video or image (provenance.matching.match_file), without storing it; bytes that are not
a media file the server reads are refused (400).

The answer lists the matched media items the caller may see, each with its verification status as the caller
may see it (partners: the published values) and the files that matched. A file that belongs only to items the
caller cannot see is answered as no match.
"""

import hashlib

from django.conf import settings
from django.db.models import Q, prefetch_related_objects
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from catalog.api import clearance, views
from catalog.api.serializers import CatalogSerializer
from catalog.choices import MediaAuthenticity
from catalog.models import Claim, ItemFile, MediaItem
from provenance import matching
from provenance.api.serializers import MediaFileSummarySerializer
from provenance.jobs import JobFailed
from provenance.services import FileTooLarge

HEX = "0-9a-fA-F"


class LookupQuerySerializer(serializers.Serializer):
    sha256 = serializers.RegexField(rf"^[{HEX}]{{64}}$", required=False, help_text="Exact SHA-256 (64 hex).")
    md5 = serializers.RegexField(rf"^[{HEX}]{{32}}$", required=False, help_text="Exact MD5 (32 hex).")
    pdq = serializers.RegexField(rf"^[{HEX}]{{64}}$", required=False, help_text="A PDQ hash of an image or frame.")
    max_distance = serializers.IntegerField(
        min_value=0, max_value=64, required=False, help_text="With pdq: the largest Hamming distance (default 31)."
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


def find_items(caller, files_matching, match_of):
    """Items the caller sees with a file matching the Q `files_matching`, each with `.matches` (one per such file).

    Two queries at most: the visible item files that match, with their items and files (an item file is visible
    exactly when its item is), then the visible claims of the items found (none when nothing matched)."""
    links = clearance.visible(caller, ItemFile.objects.filter(files_matching))
    items = {}
    for link in links.select_related("media_item", "media_file").order_by("media_item_id", "pk"):
        item = items.get(link.media_item_id)
        if item is None:
            item = items[link.media_item_id] = link.media_item
            if hasattr(link, "cleared_for_partner"):
                item.cleared_for_partner = link.cleared_for_partner
            item.matches = []
        item.matches.append(match_of(link))
    items = list(items.values())
    if items:
        prefetch_related_objects(items, clearance.prefetch(caller, "claims", Claim.objects.all()))
    return items


def match(link, **details):
    return {
        "media_file": link.media_file, "distance": None, "query_match_percent": None, "target_match_percent": None,
        **details,
    }


def lookup_hash(caller, query):
    if "pdq" in query:
        hits = dict(matching.find_similar(query["pdq"], query.get("max_distance", matching.DEFAULT_MAX_DISTANCE)))
        return find_items(
            caller, Q(media_file_id__in=list(hits)),
            lambda link: match(link, method="pdq", distance=hits[link.media_file_id]),
        )
    field = "sha256" if "sha256" in query else "md5"
    return find_items(
        caller, Q(**{f"media_file__{field}": query[field]}), lambda link: match(link, method=field, distance=0)
    )


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

    def match_of(link):
        if link.media_file.sha256 == sha256:
            return match(link, method="sha256", distance=0)
        found = near[link.media_file_id]
        return match(
            link, method="video", distance=found.get("best_distance"),
            query_match_percent=found.get("query_match_percent"), target_match_percent=found.get("target_match_percent"),
        )

    return find_items(caller, Q(media_file__sha256=sha256) | Q(media_file_id__in=list(near)), match_of)


EXAMPLE_ITEM = {
    "id": 42, "kind": "video", "title": "Two men name themselves as captured Russian soldiers", "tlp": "green",
    "is_graphic": True, "authenticity": MediaAuthenticity.ORIGINAL, "claimed_release_at": "2017-10-03T12:00:00Z",
    "claims": [{"id": 7, "text": "Two Russian soldiers were captured near Deir ez-Zor.", "kind": "capture",
                "status": "disputed", "tlp": "green"}],
}
EXAMPLE_FILE = {"id": 3, "sha256": "9f2c" + "0" * 60, "md5": "5d41402abc4b2a76b9719d911017c592", "size": 18734112}


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
        return self.answer(lookup_hash(clearance.caller_of(request), query.validated_data))

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
        return self.answer(lookup_upload(clearance.caller_of(request), upload.validated_data["file"]))

    def answer(self, items):
        return Response(self.get_serializer({"count": len(items), "results": items}).data)
