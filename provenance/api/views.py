"""Evidence endpoints: read-only; files arrive through a media item's upload action."""

from rest_framework import viewsets

from provenance import filtersets
from provenance.api import serializers
from provenance.models import EnrichmentJob, MediaFile


class MediaFileViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = MediaFile.objects.prefetch_related("jobs")
    serializer_class = serializers.MediaFileSerializer
    filterset_class = filtersets.MediaFileFilterSet
    ordering_fields = ["received_at", "size"]


class EnrichmentJobViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = EnrichmentJob.objects.select_related("media_file")
    serializer_class = serializers.EnrichmentJobSerializer
    filterset_class = filtersets.EnrichmentJobFilterSet
    ordering_fields = ["created_at", "finished_at", "status"]
