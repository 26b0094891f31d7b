"""Filter backends of the API: django-filter's FilterSets (catalog.filtersets) and ordering, both for the caller.

Ordering by a verdict orders partners by its published value; ordering by an identity detail is ignored for
callers without identity clearance, as DRF ignores any ordering field it does not offer."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import OrderingFilter

from catalog.api import clearance


class CallerOrderingFilter(OrderingFilter):
    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        caller = clearance.caller_of(request)
        if not ordering or caller.is_analyst:
            return ordering
        allowed = []
        for term in ordering:
            name = term.lstrip("-")
            if not clearance.hides_identity_field(caller, queryset.model, name):
                allowed.append(term[: len(term) - len(name)] + clearance.published_source(caller, queryset.model, name))
        return allowed or self.get_default_ordering(view)


FILTER_BACKENDS = [DjangoFilterBackend, CallerOrderingFilter]
