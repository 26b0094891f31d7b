"""Filter backends of the API: django-filter's FilterSets (catalog.filtersets) and ordering, both for the caller.

Ordering by a verdict orders partners by its published value (catalog.policies.access.published_source)."""

from django.forms import CheckboxInput, CheckboxSelectMultiple, SelectMultiple
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import OrderingFilter

from catalog.policies import access


class CallerFilterBackend(DjangoFilterBackend):
    """django-filter's, passing over the FilterSet when the request gives none of its parameters.

    Every FilterSet leaves a list as it is when none of its filters has a value (catalog.filtersets), yet building
    one copies each filter, builds its form field and a form: about a millisecond, a sixth of a list page beyond
    the framework's floor. The browsable API's filter form (to_html) is built as before."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = getattr(view, "filterset_class", None)  # declared: one per list (not built per request)
        if filterset_class is not None and not _parameters_given(filterset_class, request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)


_widgets = {}  # a FilterSet class -> (parameter name, widget) of each field of its form


def _parameters_given(filterset_class, data):
    """Whether the query `data` holds a parameter a filter of `filterset_class` reads (a date range's `_after` or
    `_before`, say), even an empty one, as the widgets of its form tell (they know which parameters they read)."""
    widgets = _widgets.get(filterset_class)
    if widgets is None:
        form = filterset_class(queryset=filterset_class._meta.model._default_manager.none()).form
        widgets = _widgets[filterset_class] = [(form.add_prefix(name), field.widget) for name, field in form.fields.items()]
    return any(_given(widget, data, name) for name, widget in widgets)


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
