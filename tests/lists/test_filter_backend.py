"""The API's filter backend builds only the filters a request gives parameters of (catalog.api.filters), and that
filters the list exactly as the whole FilterSet would."""

import inspect

import django_filters
from django.core.exceptions import EmptyResultSet
import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIRequestFactory

from catalog import filtersets
from catalog.api.filters import filters_given
from catalog.policies import access
from tests.factories import MediaItemFactory
from tests.partners.factories import PartnerFactory

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


def sql_of(rows):
    try:
        return str(rows.query)
    except EmptyResultSet:  # a list the caller can see nothing of (a partner's identity assertions)
        return None


@pytest.fixture
def partner_request():
    """A request of a partner cleared for TLP:GREEN: its FilterSets offer only the records it may see."""
    request = APIRequestFactory().get("/")
    request.caller = access.Caller.for_partner(PartnerFactory(max_tlp="green"))
    return request


VALUES = ["", "1", "true", "2017-10-03", "green", "identity", "telegram", "x"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), filterset_class=st.sampled_from(FILTERSETS))
def test_the_filters_given_filter_as_the_whole_filterset_does(data, filterset_class, partner_request):
    names = st.sampled_from(parameters_read(filterset_class) + OTHER_PARAMETERS)
    query = QueryDict(mutable=True)
    for name, value in data.draw(st.lists(st.tuples(names, st.sampled_from(VALUES)), max_size=4)):
        query.appendlist(name, value)
    rows = filterset_class._meta.model.objects.all()
    whole = filterset_class(query, queryset=rows, request=partner_request)

    given = filters_given(filterset_class, query)
    if not given:
        assert whole.is_valid() and sql_of(whole.qs) == sql_of(rows)
        return
    built = filterset_class(query, queryset=rows, request=partner_request, only=given)
    assert set(built.filters) == given
    assert built.is_valid() == whole.is_valid()
    assert built.errors == whole.errors
    if whole.is_valid():
        assert sql_of(built.qs) == sql_of(whole.qs)


@pytest.mark.parametrize("filterset_class", FILTERSETS, ids=lambda cls: cls.__name__)
def test_every_parameter_a_filterset_reads_counts_as_given(filterset_class):
    read = parameters_read(filterset_class)

    assert read, "no parameter found"
    for name in read:
        assert filters_given(filterset_class, QueryDict(f"{name}=")), name


def test_a_date_range_given_by_its_after_parameter_still_filters_the_list(analyst_client):
    MediaItemFactory()

    response = analyst_client.get("/api/v1/media-items/", {"created_at_after": "2999-01-01"})

    assert response.status_code == 200
    assert response.data["results"] == []
