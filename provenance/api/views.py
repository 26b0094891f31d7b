"""Evidence endpoints: read-only; files arrive through a media item's upload action.

Who may read them is the registered access policy's decision (provenance.api.access): partners read the stored
files of the items they may see; enrichment jobs are the desk's own."""

from rest_framework import viewsets

from provenance import filtersets
from provenance.api import filters, serializers
from provenance.api.access import AccessPolicyMixin
from provenance.api.pagination import BoundedLimitOffsetPagination
from provenance.api.schema import DocumentedErrorsAutoSchema
from provenance.models import EnrichmentJob, MediaFile


class MediaFileViewSet(AccessPolicyMixin, viewsets.ReadOnlyModelViewSet):
    queryset = MediaFile.objects.prefetch_related("jobs")
    serializer_class = serializers.MediaFileSerializer
    filterset_class = filters.MediaFileFilterSet
    ordering_fields = ["received_at", "size"]
    partner_readable = True
    pagination_class = BoundedLimitOffsetPagination
    schema = DocumentedErrorsAutoSchema()


class EnrichmentJobViewSet(AccessPolicyMixin, viewsets.ReadOnlyModelViewSet):
    queryset = EnrichmentJob.objects.select_related("media_file")
    serializer_class = serializers.EnrichmentJobSerializer
    filterset_class = filtersets.EnrichmentJobFilterSet
    ordering_fields = ["created_at", "finished_at", "status"]
    pagination_class = BoundedLimitOffsetPagination
    schema = DocumentedErrorsAutoSchema()
