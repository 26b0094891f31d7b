"""Evidence files and their enrichment jobs are read through the API, never written: bytes arrive by upload."""

from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from provenance.api import access, examples
from provenance.api.fields import ModelSerializer
from provenance.models import EnrichmentJob, MediaFile


class EnrichmentJobSummarySerializer(ModelSerializer):
    class Meta:
        model = EnrichmentJob
        fields = ["id", "kind", "status", "error", "finished_at"]
        read_only_fields = fields


class MediaFileSummarySerializer(ModelSerializer):
    class Meta:
        model = MediaFile
        fields = ["id", "sha256", "md5", "size"]
        read_only_fields = fields


@extend_schema_serializer(examples=[OpenApiExample("The file of the Amaq video", value=examples.MEDIA_FILE)])
class MediaFileSerializer(ModelSerializer):
    # The desk's own traces of a file (the name it arrived with, its jobs) are for analysts (access policy).
    original_filename = serializers.CharField(
        read_only=True, allow_null=True, help_text="The name it first arrived with. Analysts only: null for partners."
    )
    jobs = EnrichmentJobSummarySerializer(
        many=True, read_only=True, allow_null=True, help_text="Analysts only: null for partners."
    )

    class Meta:
        model = MediaFile
        fields = ["id", "sha256", "md5", "size", "original_filename", "received_at", "jobs"]
        read_only_fields = fields
        internal_fields = ["original_filename", "jobs"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not access.shows_internals(self.context):
            data.update(dict.fromkeys(self.Meta.internal_fields))
        access.record_read(self.context, instance)
        return data


@extend_schema_serializer(examples=[OpenApiExample("Hashes computed", value=examples.ENRICHMENT_JOB)])
class EnrichmentJobSerializer(ModelSerializer):
    media_file = MediaFileSummarySerializer(read_only=True)

    class Meta:
        model = EnrichmentJob
        fields = [
            "id", "media_file", "kind", "status", "attempts", "error", "result",
            "created_at", "enqueued_at", "started_at", "finished_at",
        ]
        read_only_fields = fields


@extend_schema_serializer(examples=[OpenApiExample("A keyframe of graphic media", value=examples.KEYFRAME)])
class KeyframeSerializer(serializers.Serializer):
    """A keyframe of a file as the caller may fetch it."""

    id = serializers.IntegerField(help_text="The picture served at `url` (the blurred one for graphic media).")
    position_seconds = serializers.FloatField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    blurred = serializers.BooleanField(help_text="The file is graphic: `url` gives the blurred picture.")
    url = serializers.URLField()
    unblurred_url = serializers.URLField(
        allow_null=True, help_text="Graphic media, for callers who may see it: the unblurred picture (logged)."
    )
