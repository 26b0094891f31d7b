"""Exports of one media item: STIX 2.1 bundle, MISP event, schema.org ClaimReview/MediaReview JSON-LD.

Analysts and partners alike, each as the access policy lets them see the item (a partner: within its clearance,
published verdicts only; an item above it answers 404). Every export is logged in the custody of the item's
evidence files with the caller's name, and a partner's restricted records in the disclosure audit.
"""

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema

from catalog import exports
from catalog.api import examples, views
from catalog.models import MediaItem
from catalog.policies import access
from provenance.api.schema import DocumentedErrorsAutoSchema


class ExportSchema(DocumentedErrorsAutoSchema):
    # One view serves every format (the URL sets export_format): each route shows an example of its own format.

    def get_examples(self):
        export_format = self.view.export_format
        label = exports.FORMATS[export_format][0]
        return [OpenApiExample(f"The Amaq video as {label}", value=examples.EXPORTS[export_format])]


class MediaItemExportView(views.PartnerReadableView):
    export_format = None  # a key of catalog.exports.FORMATS, set by the URL
    schema = ExportSchema()

    @extend_schema(
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="The item in the requested format.")},
    )
    def get(self, request, pk):
        caller = access.caller_of(request)
        item = access.visible(caller, MediaItem.objects.filter(pk=pk)).first()
        if item is None:
            raise Http404("No MediaItem matches the given query.")
        export = exports.export_item(item, self.export_format, caller, base_url=request.build_absolute_uri("/"))
        response = HttpResponse(export.content, content_type=export.content_type)
        response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
        return response
