"""The desk's page numbers over lists that may hold a million rows: counted up to a cap, never in full."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from provenance.api.pagination import capped_count


class CappedPaginator(Paginator):
    """A Paginator whose count stops at the API's cap (provenance.api.pagination.COUNT_CAP); `count_is_exact`
    says whether it did. Pages past the cap are not offered: the filters narrow a list that long."""

    @cached_property
    def _capped(self):
        return capped_count(self.object_list)

    @cached_property
    def count(self):
        return self._capped[0]

    @property
    def count_is_exact(self):
        return self._capped[1]
