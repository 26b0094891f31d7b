"""The API's filter backend passes over a FilterSet only when the FilterSet would leave the list as it is."""

import inspect

import django_filters
import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog import filtersets
from catalog.api.filters import _parameters_given
from tests.factories import MediaItemFactory

pytestmark = pytest.mark.django_db

FILTERSETS = sorted(
    (
        cls for _, cls in inspect.getmembers(filtersets, inspect.isclass)
        if issubclass(cls, django_filters.FilterSet) and getattr(cls._meta, "model", None) is not None
    ),
    key=lambda cls: cls.__name__,
)
# Parameters of the lists that are not filters (paging, ordering, format) and near-misses of filter names.
OTHER_PARAMETERS = ["cursor", "limit", "offset", "ordering", "format", "created_at", "created_at_0", "tlp_", "Q", "x"]


def parameters_read(filterset_class):
    """Every query parameter the FilterSet's form reads: each field's name, bare and with the suffixes of
    django-filter's range widgets, handed to the form one at a time."""
    fields = filterset_class(queryset=filterset_class._meta.model.objects.none()).form.fields
    candidates = {f"{name}{suffix}" for name in fields for suffix in ("", "_after", "_before", "_min", "_max")}
    return sorted(name for name in candidates if _read_by_the_form(filterset_class, name))


def _read_by_the_form(filterset_class, parameter):
    for value in ("1", "true"):  # a yes/no select reads "true", not "1"
        form = filterset_class(QueryDict(f"{parameter}={value}"), queryset=filterset_class._meta.model.objects.none()).form
        if any(form[name].value() not in (None, "", [], [None, None]) for name in form.fields):
            return True
    return False


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    filterset_class=st.sampled_from(FILTERSETS),
    others=st.dictionaries(st.sampled_from(OTHER_PARAMETERS), st.sampled_from(["", "1", "title", "2017-10-03"])),
)
def test_a_request_without_filter_parameters_gets_the_list_the_filterset_would_give(filterset_class, others):
    data = QueryDict(mutable=True)
    data.update(others)
    rows = filterset_class._meta.model.objects.all()

    if not _parameters_given(filterset_class, data):
        assert str(filterset_class(data, queryset=rows).qs.query) == str(rows.query)


@pytest.mark.parametrize("filterset_class", FILTERSETS, ids=lambda cls: cls.__name__)
def test_every_parameter_a_filterset_reads_counts_as_given(filterset_class):
    read = parameters_read(filterset_class)

    assert read, "no parameter found"
    for name in read:
        assert _parameters_given(filterset_class, QueryDict(f"{name}=")), name


def test_a_date_range_given_by_its_after_parameter_still_filters_the_list(analyst_client):
    MediaItemFactory()

    response = analyst_client.get("/api/v1/media-items/", {"created_at_after": "2999-01-01"})

    assert response.status_code == 200
    assert response.data["results"] == []
