"""One FilterSet per evidence list, shared by the API and (later) the analyst UI."""

import django_filters

from provenance.api.pagination import LARGEST_KEY
from provenance.models import EnrichmentJob, MediaFile


class MediaFileFilterSet(django_filters.FilterSet):
    received_at = django_filters.DateFromToRangeFilter()
    # Bounded: a key beyond a 64-bit integer is no row's key, and the database would overflow on it (a 500).
    media_item = django_filters.NumberFilter(
        method="filter_media_item", label="Belongs to media item", min_value=-LARGEST_KEY, max_value=LARGEST_KEY,
        decimal_places=0,
    )

    class Meta:
        model = MediaFile
        fields = ["sha256", "md5"]

    def filter_media_item(self, queryset, name, value):
        return queryset.filter(item_links__media_item=value).distinct()


class EnrichmentJobFilterSet(django_filters.FilterSet):
    created_at = django_filters.DateFromToRangeFilter()

    class Meta:
        model = EnrichmentJob
        fields = ["status", "kind", "media_file"]
