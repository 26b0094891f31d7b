"""One FilterSet per evidence list, shared by the API and (later) the analyst UI."""

import django_filters

from provenance.models import EnrichmentJob, MediaFile


class MediaFileFilterSet(django_filters.FilterSet):
    received_at = django_filters.DateFromToRangeFilter()
    media_item = django_filters.NumberFilter(field_name="item_links__media_item", distinct=True)

    class Meta:
        model = MediaFile
        fields = ["sha256", "md5"]


class EnrichmentJobFilterSet(django_filters.FilterSet):
    created_at = django_filters.DateFromToRangeFilter()

    class Meta:
        model = EnrichmentJob
        fields = ["status", "kind", "media_file"]
