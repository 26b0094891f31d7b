"""Court bundles over the API: a ZIP of items' evidence a third party can check with standard tools
(catalog.services.bundles). Analysts and partners alike, within the caller's clearance like the per-item exports:
an item the caller may not see answers 404 as a missing one, a graphic original goes in only with graphic clearance,
and the export is recorded in custody and the disclosure audit. A HEAD sends no bundle and records nothing."""

from django.http import FileResponse, Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from catalog.api import views
from catalog.models import MediaItem
from catalog.policies import access
from catalog.services import bundles
from provenance.api.renderers import JSONRenderer
from provenance.api.schema import ErrorSerializer, ValidationErrorSerializer
from provenance.api.views import BytesNegotiation

DESCRIPTION = (
    "A ZIP anyone can check without us: the original files (graphic ones only for callers with graphic-media "
    "clearance), their custody chains as JSON Lines, the RFC 3161 timestamp tokens anchoring them with the TSA's "
    "certificates, Merkle inclusion proofs, a standalone checker script, SHA256SUMS and a README with the exact "
    "`sha256sum -c`, `openssl ts -verify` and `python3 check_bundle.py` commands. Recorded in each file's custody as "
    "an export; a partner's restricted records in the disclosure audit."
)
ZIP_RESPONSE = OpenApiResponse(OpenApiTypes.BINARY, description="The bundle, as an attachment `court-bundle-….zip`.")
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="An item does not exist or is above the caller's clearance.")
BAD_SELECTION = OpenApiResponse(ValidationErrorSerializer, description="The selection of items is not valid.")


class BundleSelectionSerializer(serializers.Serializer):
    items = serializers.ListField(
        # Ids are bigints: a larger number is a bad request, not a database error.
        child=serializers.IntegerField(min_value=1, max_value=bundles.MAX_ID),
        min_length=1, max_length=bundles.MAX_ITEMS,
        help_text=f"The media items' ids (at most {bundles.MAX_ITEMS}).",
    )


class BundleView(views.PartnerReadableView):
    renderer_classes = [JSONRenderer]  # errors; a bundle is a FileResponse
    content_negotiation_class = BytesNegotiation
    pagination_class = None

    def bundle_response(self, request, item_ids):
        caller = access.caller_of(request)
        if request.method == "HEAD":  # the headers a GET would answer, no bundle built and nothing recorded
            visible = access.visible(caller, MediaItem.objects.filter(pk__in=item_ids))
            if max(item_ids) > bundles.MAX_ID or visible.count() != len(set(item_ids)):
                raise Http404("No media item matches the given query.")
            response = HttpResponse(content_type="application/zip")
            response["Content-Disposition"] = "attachment"
            return response
        try:
            bundle = bundles.build_bundle(item_ids, caller)
        except bundles.NotVisible as problem:
            raise Http404(str(problem)) from problem
        return FileResponse(bundle.file, as_attachment=True, filename=bundle.filename, content_type="application/zip")


class MediaItemBundleView(BundleView):
    @extend_schema(
        operation_id="media_items_bundle", tags=["media-items"], description=DESCRIPTION,
        responses={(200, "application/zip"): ZIP_RESPONSE, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        return self.bundle_response(request, [pk])


class SelectionBundleView(BundleView):
    serializer_class = BundleSelectionSerializer
    partner_methods = ("POST",)  # a selection to read, sent as a body: it writes nothing but custody and audit

    @extend_schema(
        operation_id="bundles_retrieve", tags=["bundles"], description=DESCRIPTION,
        parameters=[OpenApiParameter(
            "items", OpenApiTypes.STR, required=True, description="Comma-separated media item ids, e.g. `42,43`.",
            examples=[OpenApiExample("Two items", value="42,43")],
        )],
        responses={(200, "application/zip"): ZIP_RESPONSE, 400: BAD_SELECTION, 404: NOT_FOUND},
    )
    def get(self, request):
        raw = request.query_params.get("items", "")
        try:
            ids = [int(part) for part in raw.split(",") if part.strip()]
        except ValueError:
            raise ValidationError({"items": ["Give media item ids separated by commas, e.g. ?items=42,43."]}) from None
        return self.bundle_response(request, self._checked({"items": ids}))

    @extend_schema(
        operation_id="bundles_create", tags=["bundles"], description=DESCRIPTION, request=BundleSelectionSerializer,
        examples=[OpenApiExample("Two items", value={"items": [42, 43]}, request_only=True)],
        responses={(200, "application/zip"): ZIP_RESPONSE, 400: BAD_SELECTION, 404: NOT_FOUND},
    )
    def post(self, request):
        return self.bundle_response(request, self._checked(request.data))

    def _checked(self, data):
        selection = BundleSelectionSerializer(data=data)
        selection.is_valid(raise_exception=True)
        return selection.validated_data["items"]
