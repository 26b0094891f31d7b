"""Evidence files and their enrichment jobs are read through the API, never written: bytes arrive by upload."""

from rest_framework import serializers

from provenance.models import EnrichmentJob, MediaFile


class EnrichmentJobSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = EnrichmentJob
        fields = ["id", "kind", "status", "error", "finished_at"]
        read_only_fields = fields


class MediaFileSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = MediaFile
        fields = ["id", "sha256", "md5", "size"]
        read_only_fields = fields


class MediaFileSerializer(serializers.ModelSerializer):
    jobs = EnrichmentJobSummarySerializer(many=True, read_only=True)

    class Meta:
        model = MediaFile
        fields = ["id", "sha256", "md5", "size", "original_filename", "received_at", "jobs"]
        read_only_fields = fields


class EnrichmentJobSerializer(serializers.ModelSerializer):
    media_file = MediaFileSummarySerializer(read_only=True)

    class Meta:
        model = EnrichmentJob
        fields = [
            "id", "media_file", "kind", "status", "attempts", "error", "result",
            "created_at", "enqueued_at", "started_at", "finished_at",
        ]
        read_only_fields = fields
