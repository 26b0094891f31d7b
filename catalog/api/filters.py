"""Filter backends of the API: django-filter's FilterSets (catalog.filtersets) and ordering, both for the caller.

Ordering by a verdict orders partners by its published value (catalog.policies.access.published_source)."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import OrderingFilter

from catalog.policies import access


class CallerOrderingFilter(OrderingFilter):
    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        caller = access.caller_of(request)
        if not ordering or caller.is_analyst:
            return ordering
        terms = []
        for term in ordering:
            name = term.lstrip("-")
            terms.append(term[: len(term) - len(name)] + access.published_source(caller, queryset.model, name))
        return terms


FILTER_BACKENDS = [DjangoFilterBackend, CallerOrderingFilter]
