"""Evidence endpoints: read-only; files arrive through a media item's upload action.

Who may read them is the registered access policy's decision (provenance.api.access): partners read the stored
files of the items they may see; enrichment jobs are the desk's own.

Pictures of a file (its thumbnail and keyframes, ``provenance.DerivedFile``):

* ``GET media-files/{id}/thumbnail/``: the thumbnail's bytes (image/jpeg);
* ``GET media-files/{id}/keyframes/``: the keyframes in time order, each with the URL of its bytes;
* ``GET media-files/{id}/derived/{derived_id}/``: one picture's bytes.

A file is graphic when any item linking it is (the policy decides). The pictures of a graphic file are served
blurred, whichever picture was asked for; ``?unblurred=1`` serves the unblurred one to a caller the policy lets
see graphic media (analysts; partners with ``may_see_graphic``), and each such response is logged
(``access.log_unblurred``). Others asking for it get the blurred one. A graphic picture without a blurred
variant is not served at all (404), never its unblurred one. A file the caller may not see answers 404.

The original (``GET media-files/{id}/original/``): the stored evidence bytes, as a download named by their SHA-256
with an RFC 9530 ``Repr-Digest`` to check them by (see ``MediaFileViewSet.original``).
"""

import base64
import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response

from provenance import filtersets
from provenance.api import access, filters, serializers
from provenance.api.access import AccessPolicyMixin
from provenance.api.pagination import ListPagination
from provenance.api.renderers import JSONRenderer
from provenance.api.schema import DocumentedErrorsAutoSchema, ErrorSerializer
from provenance.choices import DerivedKind
from provenance.models import EnrichmentJob, MediaFile

BLURRED_OF = {DerivedKind.KEYFRAME: DerivedKind.BLURRED_KEYFRAME, DerivedKind.THUMBNAIL: DerivedKind.BLURRED_THUMBNAIL}
UNBLURRED_OF = {blurred: plain for plain, blurred in BLURRED_OF.items()}
PICTURE_KINDS = set(BLURRED_OF) | set(UNBLURRED_OF)

UNBLURRED_PARAMETER = OpenApiParameter(
    "unblurred", OpenApiTypes.BOOL, required=False,
    description="For graphic media: the unblurred picture, if the caller may see graphic media (logged). "
    "Others receive the blurred one.",
)
JPEG_RESPONSES = {
    (200, "image/jpeg"): OpenApiResponse(OpenApiTypes.BINARY, description="The picture (blurred for graphic media)."),
    404: OpenApiResponse(description="No such file or picture, or one the caller may not see."),
}

GRAPHIC_ORIGINAL_REFUSED = "This file is graphic; fetching it needs graphic-media clearance."
MISSING_BYTES = "The stored bytes of this file are missing; the fixity check reports it."
# The standard library's own table only (not the machine's /etc/mime.types): the same name on every server.
_EXTENSIONS = mimetypes.MimeTypes()
ORIGINAL_RESPONSES = {
    (200, "application/octet-stream"): OpenApiResponse(
        OpenApiTypes.BINARY,
        description="The original bytes, as an attachment named `<sha256>.<ext>`; Content-Type is the type detected "
        "from the bytes (application/octet-stream when none was). Repr-Digest carries their SHA-256.",
    ),
    403: OpenApiResponse(
        ErrorSerializer, description="These credentials may not do this, or the file is graphic and the caller lacks "
        "graphic-media clearance.",
    ),
    404: OpenApiResponse(
        ErrorSerializer, description="No such file, one the caller may not see, or one whose stored bytes are missing.",
    ),
}
ORIGINAL_HEADERS = [
    OpenApiParameter(
        "Repr-Digest", str, OpenApiParameter.HEADER, response=[200],
        description="RFC 9530: `sha-256=:<base64 of the SHA-256 digest>:`, the digest recorded on receipt.",
    ),
    OpenApiParameter(
        "Content-Disposition", str, OpenApiParameter.HEADER, response=[200],
        description='`attachment; filename="<sha256>.<ext>"` (never the name the file arrived with).',
    ),
]


class BytesNegotiation(BaseContentNegotiation):
    """Pictures and originals answer bytes (a FileResponse, not rendered) or a JSON error, whatever the Accept
    header asks (a browser's ``Accept: image/*`` must not turn an error into a 406)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _wants_unblurred(request):
    return request.query_params.get("unblurred", "").lower() in {"1", "true", "yes"}


def _picture_response(derived):
    response = FileResponse(default_storage.open(derived.file.name, "rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store" if derived.kind in BLURRED_OF else "private, max-age=3600"
    return response


def _original_response(media_file, stored):
    content_type = media_file.mime_type or "application/octet-stream"
    extension = (_EXTENSIONS.guess_extension(content_type) or ".bin").lstrip(".")
    response = FileResponse(
        stored, content_type=content_type, as_attachment=True, filename=f"{media_file.sha256}.{extension}"
    )
    response["Content-Length"] = str(media_file.size)
    response["Repr-Digest"] = f"sha-256=:{base64.b64encode(bytes.fromhex(media_file.sha256)).decode()}:"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


class MediaFileViewSet(AccessPolicyMixin, viewsets.ReadOnlyModelViewSet):
    queryset = MediaFile.objects.prefetch_related("jobs")
    serializer_class = serializers.MediaFileSerializer
    filterset_class = filters.MediaFileFilterSet
    ordering_fields = ["received_at", "size"]
    partner_readable = True
    pagination_class = ListPagination
    schema = DocumentedErrorsAutoSchema()

    # Pictures ---------------------------------------------------------------------------------------------------

    def _pictures(self):
        """(file, graphic, {(kind, position): DerivedFile}) of the file in the URL, 404 when the caller may not see it."""
        media_file = self.get_object()
        pictures = {(d.kind, d.position_seconds): d for d in media_file.derived_files.filter(kind__in=PICTURE_KINDS)}
        return media_file, access.is_graphic(media_file), pictures

    def _serve(self, request, media_file, graphic, pictures, derived):
        """The bytes to send for `derived` (any picture of the file) to this caller; logs an unblurred graphic one."""
        plain_kind = UNBLURRED_OF.get(derived.kind, derived.kind)
        if graphic:
            if _wants_unblurred(request) and access.may_see_graphic(request):
                shown = pictures.get((plain_kind, derived.position_seconds))
                if shown is None:
                    raise Http404("No such picture.")
                access.log_unblurred(request, shown)
            else:
                shown = pictures.get((BLURRED_OF[plain_kind], derived.position_seconds))
                if shown is None:  # never fall back to the unblurred picture
                    raise Http404("No such picture.")
        else:
            shown = derived
        access.record_read(self.get_serializer_context(), media_file)
        return _picture_response(shown)

    @extend_schema(parameters=[UNBLURRED_PARAMETER], responses=JPEG_RESPONSES, filters=False)
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer],
            content_negotiation_class=BytesNegotiation, pagination_class=None,
            filter_backends=[])
    def thumbnail(self, request, pk=None, format=None):
        """The file's thumbnail (blurred for graphic media)."""
        media_file, graphic, pictures = self._pictures()
        thumbnails = sorted(
            (picture for (kind, _), picture in pictures.items()
             if kind in (DerivedKind.THUMBNAIL, DerivedKind.BLURRED_THUMBNAIL)),
            key=lambda picture: (picture.kind != DerivedKind.THUMBNAIL, picture.position_seconds),
        )
        if not thumbnails:
            raise Http404("This file has no thumbnail.")
        return self._serve(request, media_file, graphic, pictures, thumbnails[0])

    @extend_schema(parameters=[UNBLURRED_PARAMETER], responses=JPEG_RESPONSES, filters=False)
    @action(detail=True, methods=["get"], url_path=r"derived/(?P<derived_id>[0-9]+)", url_name="derived",
            renderer_classes=[JSONRenderer],
            content_negotiation_class=BytesNegotiation, pagination_class=None, filter_backends=[])
    def derived(self, request, pk=None, derived_id=None, format=None):
        """One picture of the file, by id (blurred for graphic media)."""
        media_file, graphic, pictures = self._pictures()
        derived = next((picture for picture in pictures.values() if picture.pk == int(derived_id)), None)
        if derived is None:
            raise Http404("No such picture.")
        return self._serve(request, media_file, graphic, pictures, derived)

    # Original -------------------------------------------------------------------------------------------------

    @extend_schema(
        description="The file's original bytes as stored, for download. Visible exactly when the file is; a graphic "
        "file's original only to callers with graphic-media clearance (others: 403). Partners' fetches are audited "
        "and recorded in the file's custody as exports; fetches of graphic originals are logged.",
        parameters=ORIGINAL_HEADERS, responses=ORIGINAL_RESPONSES, filters=False,
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer],
            content_negotiation_class=BytesNegotiation, pagination_class=None, filter_backends=[])
    def original(self, request, pk=None, format=None):
        """The stored original (evidence leaving the locker).

        A graphic original refused for lack of graphic clearance answers 403, not 404: the caller sees the file's
        record anyway (same queryset as its detail), so the refusal reveals nothing, and a 404 would wrongly say
        the file is not there. A file the caller may not see answers 404 like an absent one.

        Logged through the policy (``access.log_original``) before the bytes are sent, and only when they are:
        every partner fetch in the access audit and in the file's custody as an EXPORTED event (a copy handed to
        a partner is an export, so a partner's GET writes; analysts' fetches are not put in custody, which would
        then grow with every look); every fetch of a graphic original like an unblurred picture's.

        HEAD (which DRF routes here too) answers the same status and headers, Repr-Digest included, but sends no
        bytes, so it is not an export: the policy's audit logs nothing for it.
        """
        media_file = self.get_object()
        graphic = access.is_graphic(media_file)
        if graphic and not access.may_see_graphic(request):
            raise PermissionDenied(GRAPHIC_ORIGINAL_REFUSED)
        try:
            stored = default_storage.open(media_file.file.name, "rb")
        except FileNotFoundError:
            raise NotFound(MISSING_BYTES) from None
        access.log_original(request, media_file, graphic)
        return _original_response(media_file, stored)

    @extend_schema(responses={200: serializers.KeyframeSerializer(many=True)}, filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def keyframes(self, request, pk=None, format=None):
        """The file's keyframes in time order: for graphic media the blurred ones, with the URL of the unblurred
        picture when the caller may see it (fetching it is logged)."""
        media_file, graphic, pictures = self._pictures()
        may_unblur = graphic and access.may_see_graphic(request)
        frames = []
        for (kind, position), picture in sorted(pictures.items(), key=lambda entry: entry[0][1]):
            if kind != DerivedKind.KEYFRAME:
                continue
            shown = pictures.get((DerivedKind.BLURRED_KEYFRAME, position)) if graphic else picture
            if shown is None:
                continue
            url = request.build_absolute_uri(reverse("api-v1:media-files-derived", args=[media_file.pk, shown.pk]))
            frames.append({
                "id": shown.pk, "position_seconds": position, "width": shown.width, "height": shown.height,
                "blurred": graphic, "url": url, "unblurred_url": f"{url}?unblurred=1" if may_unblur else None,
            })
        access.record_read(self.get_serializer_context(), media_file)
        return Response(serializers.KeyframeSerializer(frames, many=True).data)


class EnrichmentJobViewSet(AccessPolicyMixin, viewsets.ReadOnlyModelViewSet):
    queryset = EnrichmentJob.objects.select_related("media_file")
    serializer_class = serializers.EnrichmentJobSerializer
    filterset_class = filtersets.EnrichmentJobFilterSet
    ordering_fields = ["created_at", "finished_at", "status"]
    pagination_class = ListPagination
    schema = DocumentedErrorsAutoSchema()
