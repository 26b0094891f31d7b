"""``GET /api/v1/search/?q=``: the desk's search for API callers (catalog.services.search), grouped by kind.

A partner finds only what its clearance lets it see; restricted records it is sent are audited like any list's.
"""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from catalog import search_keys
from catalog.api import views
from catalog.policies import access
from catalog.services import search


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=search_keys.MAX_QUERY_CHARS, trim_whitespace=True,
        help_text="Words in any script (Latin, Cyrillic, Arabic: each finds the others' spellings of a name), or a "
                  "SHA-256, MD5 or PDQ hash in hex (a PDQ hash also finds near matches).",
    )


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="record.pk")
    title = serializers.SerializerMethodField(help_text="The record in one line (an item's title, a claim's text...).")
    aliases = serializers.SerializerMethodField(help_text="People and organisations: their other names.")
    media_item = serializers.SerializerMethodField(help_text="Claims and files: the item they belong to, if any.")
    method = serializers.CharField(allow_blank=True, help_text="Files: how the hash matched (sha256, md5, pdq).")
    distance = serializers.IntegerField(allow_null=True, help_text="Files: 0 for an exact hash, else PDQ distance.")

    def get_title(self, hit) -> str:
        return search.title_of(hit, self.context["caller"])

    def get_aliases(self, hit) -> list[str]:
        return search.aliases_of(hit)

    def get_media_item(self, hit) -> int | None:
        return getattr(hit.record, "media_item_id", None)


class SearchGroupSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=search.KIND_NAMES, source="kind.name")
    label = serializers.CharField(source="kind.label")
    more = serializers.BooleanField(help_text=f"More than {search.PER_KIND} matched; refine the query.")
    results = SearchHitSerializer(many=True, source="hits")


class SearchResultSerializer(serializers.Serializer):
    query = serializers.CharField()
    count = serializers.IntegerField()
    groups = SearchGroupSerializer(many=True)


EXAMPLE = {
    "query": "Заболотный", "count": 2, "groups": [
        {"kind": "media_items", "label": "Media items", "more": False, "results": [
            {"id": 12, "title": "Interview with Grigory Zabolotny", "aliases": [], "media_item": None,
             "method": "", "distance": None}]},
        {"kind": "people", "label": "People", "more": False, "results": [
            {"id": 3, "title": "Grigory Zabolotnyy", "aliases": ["Григорий Заболотный"], "media_item": None,
             "method": "", "distance": None}]},
    ],
}


@extend_schema(tags=["search"])
class SearchView(views.PartnerReadableView):
    """Search items, claims, quotes, reports, people, organisations, channels and files by hash, in any script."""

    serializer_class = SearchResultSerializer

    @extend_schema(
        parameters=[SearchQuerySerializer], responses={200: SearchResultSerializer},
        examples=[OpenApiExample("A name in Cyrillic finds the Latin records", value=EXAMPLE, response_only=True)],
    )
    def get(self, request):
        query = SearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        caller = access.caller_of(request)
        results = search.search(caller, query.validated_data["q"])
        return Response(SearchResultSerializer(results, context={"caller": caller}).data)
