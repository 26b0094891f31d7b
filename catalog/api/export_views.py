"""Analyst exports of one media item: STIX 2.1 bundle, MISP event, schema.org ClaimReview/MediaReview JSON-LD.

Analysts see everything, working verdicts included (each export says which verdict it carries). Every export is
logged in the custody of the item's evidence files with the analyst's username. Partner exports go through the
partner API, which maps its caller onto a catalog.exports.Visibility.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.views import APIView

from catalog import exports
from catalog.api import examples
from catalog.models import MediaItem
from provenance.api.schema import DocumentedErrorsAutoSchema


class ExportSchema(DocumentedErrorsAutoSchema):
    # One view serves every format (the URL sets export_format): each route shows an example of its own format.

    def get_examples(self):
        export_format = self.view.export_format
        label = exports.FORMATS[export_format][0]
        return [OpenApiExample(f"The Amaq video as {label}", value=examples.EXPORTS[export_format])]


class MediaItemExportView(APIView):
    export_format = None  # a key of catalog.exports.FORMATS, set by the URL
    schema = ExportSchema()

    @extend_schema(
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="The item in the requested format.")},
    )
    def get(self, request, pk):
        item = get_object_or_404(MediaItem, pk=pk)
        export = exports.export_item(
            item, self.export_format, exports.ANALYST, actor=request.user.get_username(),
            base_url=request.build_absolute_uri("/"),
        )
        response = HttpResponse(export.content, content_type=export.content_type)
        response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
        return response
