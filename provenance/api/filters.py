"""The evidence API's filters: provenance.filtersets, with the link to an item seen through the access policy."""

from provenance import filtersets
from provenance.api import access
from provenance.models import MediaFile


class MediaFileFilterSet(filtersets.MediaFileFilterSet):
    # A file may belong to an item the caller cannot see: filtering by that item finds nothing, as for no item.

    def filter_media_item(self, queryset, name, value):
        links = MediaFile._meta.get_field("item_links").related_model.objects.filter(media_item=value)
        return queryset.filter(item_links__in=access.visible(self.request, links))
