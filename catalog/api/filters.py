"""Filter backends of the API: django-filter's FilterSets (catalog.filtersets) and ordering, both for the caller.

Ordering by a verdict orders partners by its published value (catalog.policies.access.published_source)."""

from django.forms import CheckboxInput, CheckboxSelectMultiple, SelectMultiple
from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import OrderingFilter

from catalog.filtersets import CallerFilterSet
from catalog.policies import access


class CallerFilterBackend(DjangoFilterBackend):
    """django-filter's, building only the filters of a catalogue FilterSet (CallerFilterSet) that the request gives
    a parameter of, and none when it gives none.

    A filter without a value leaves a list as it is (catalog.filtersets), yet a FilterSet copies every filter and
    builds a form field for each, then a form: about a millisecond per request, a sixth of a list page beyond the
    framework's floor, mostly for filters nobody asked for. The browsable API's filter form (to_html) is whole."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or not issubclass(filterset_class, CallerFilterSet):
            return super().filter_queryset(request, queryset, view)
        given = filters_given(filterset_class, request.query_params)
        if not given:
            return queryset
        filterset = filterset_class(**self.get_filterset_kwargs(request, queryset, view), only=given)
        if not filterset.is_valid() and self.raise_exception:
            raise utils.translate_validation(filterset.errors)
        return filterset.qs


_widgets = {}  # a FilterSet class -> (filter name, parameter name, widget) of each field of its form


def filters_given(filterset_class, data):
    """The filters of `filterset_class` for which the query `data` holds a parameter (a date range's `_after` or
    `_before`, say), even an empty one, as the widgets of its form tell (they know which parameters they read)."""
    widgets = _widgets.get(filterset_class)
    if widgets is None:
        form = filterset_class(queryset=filterset_class._meta.model._default_manager.none()).form
        widgets = _widgets[filterset_class] = [
            (name, form.add_prefix(name), field.widget) for name, field in form.fields.items()
        ]
    return {name for name, parameter, widget in widgets if _given(widget, data, parameter)}


def _given(widget, data, name):
    if isinstance(widget, _READ_BY_NAME):
        # These say "not omitted" whatever the data: a POSTed form omits an unticked box or an empty choice. In a
        # query string, what they read (the parameter of their name) is there or it is not.
        return name in data
    return not widget.value_omitted_from_data(data, {}, name)


_READ_BY_NAME = (CheckboxInput, CheckboxSelectMultiple, SelectMultiple)


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


FILTER_BACKENDS = [CallerFilterBackend, CallerOrderingFilter]
