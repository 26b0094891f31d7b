"""A list costs as many SQL queries for a page of 50 as for a page of 5, for analysts and partners alike, and an item's
detail as many with ten sightings, claims, identities and files as with one: one query per relation, never per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.choices import TLP, ReviewedValue
from catalog.models import ReviewEvent
from tests.factories import (
    ClaimFactory,
    IdentityAssertionFactory,
    ItemFileFactory,
    MediaItemFactory,
    PersonFactory,
    ReportFactory,
    SightingFactory,
)

pytestmark = pytest.mark.django_db

ROWS = 55  # more than the larger page
SMALL, LARGE = 5, 50


@pytest.fixture
def catalogue(analyst):
    """Rows of every list, each linked as lists show them: a sighting derived from another, a claim by a person
    named in an identity assertion (so the partner's cleared-link flags are computed), a file, a report."""
    for _ in range(ROWS):
        item = MediaItemFactory(tlp=TLP.GREEN)
        first = SightingFactory(media_item=item)
        SightingFactory(media_item=item, derived_from=first)
        person = PersonFactory()
        IdentityAssertionFactory(media_item=item, person=person)
        ClaimFactory(media_item=item, tlp=TLP.GREEN, claimant_organization=None, claimant_person=person,
                     report=ReportFactory(tlp=TLP.GREEN))
        ItemFileFactory(media_item=item)
        ReviewEvent.objects.create(value=ReviewedValue.ITEM_AUTHENTICITY, media_item=item, old_value="NotAssessed",
                                   new_value="Authentic", rationale="Seen in the original upload.", analyst=analyst)


def count_queries(client, path, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200, response.content[:300]
    return len(queries), response.data


LISTS = ["media-items", "sightings", "claims", "media-files", "reports", "people"]
ANALYSTS_ONLY = ["review-events"]


@pytest.fixture(params=["analyst", "partner"])
def client_of(request, analyst_client, partner_client_for):
    if request.param == "analyst":
        return analyst_client
    return partner_client_for(max_tlp=TLP.GREEN, may_see_identities=True)


@pytest.mark.parametrize("pages", [{}, {"cursor": ""}])
@pytest.mark.parametrize("route", LISTS)
def test_a_list_runs_as_many_queries_for_fifty_rows_as_for_five(catalogue, client_of, route, pages):
    path = reverse(f"api-v1:{route}-list")
    count_queries(client_of, path, {"limit": SMALL, **pages})  # warms what is loaded once per process
    (small, small_page), (large, large_page) = (count_queries(client_of, path, {"limit": limit, **pages})
                                                for limit in (SMALL, LARGE))

    assert (len(small_page["results"]), len(large_page["results"])) == (SMALL, LARGE)
    assert small == large, f"{route}: {small} queries for {SMALL} rows, {large} for {LARGE}"


@pytest.mark.parametrize("route", ANALYSTS_ONLY)
def test_an_analysts_only_list_runs_as_many_queries_for_fifty_rows_as_for_five(catalogue, analyst_client, route):
    path = reverse(f"api-v1:{route}-list")
    count_queries(analyst_client, path, {"limit": SMALL})
    (small, small_page), (large, large_page) = (count_queries(analyst_client, path, {"limit": limit})
                                                for limit in (SMALL, LARGE))

    assert (len(small_page["results"]), len(large_page["results"])) == (SMALL, LARGE)
    assert small == large, f"{route}: {small} queries for {SMALL} rows, {large} for {LARGE}"


@pytest.fixture
def changes():
    """Changes in rounds of four record types, so that a page of five holds every type a page of fifty does."""
    for _ in range(20):
        item = MediaItemFactory(tlp=TLP.GREEN)
        SightingFactory(media_item=item)
        ClaimFactory(media_item=item, tlp=TLP.GREEN, report=ReportFactory(tlp=TLP.GREEN))


def test_the_feed_runs_as_many_queries_for_fifty_entries_as_for_five(changes, client_of, settings):
    settings.FEED_SETTLE_SECONDS = 0  # the test database's positions have gaps (see tests/partners/conftest.py)
    path = reverse("api-v1:feed")
    count_queries(client_of, path, {"limit": SMALL})
    (small, small_page), (large, large_page) = (count_queries(client_of, path, {"limit": limit})
                                                for limit in (SMALL, LARGE))

    # The feed reads each record type on a page in one query: both pages must hold the same types.
    types = [{entry["record_type"] for entry in page["results"]} for page in (small_page, large_page)]
    assert types[0] == types[1] == {"media_item", "sighting", "claim", "report"}, types
    assert (len(small_page["results"]), len(large_page["results"])) == (SMALL, LARGE)
    assert small == large, f"feed: {small} queries for {SMALL} entries, {large} for {LARGE}"


def item_with(rows):
    item = MediaItemFactory(tlp=TLP.GREEN)
    for _ in range(rows):
        person = PersonFactory()
        first = SightingFactory(media_item=item)
        SightingFactory(media_item=MediaItemFactory(tlp=TLP.GREEN, variant_of=item), derived_from=first)
        ClaimFactory(media_item=item, tlp=TLP.GREEN, claimant_organization=None, claimant_person=person)
        IdentityAssertionFactory(media_item=item, person=person)
        ItemFileFactory(media_item=item)
    return item


def test_the_detail_runs_as_many_queries_with_ten_of_each_relation_as_with_one(client_of):
    one, ten = item_with(1), item_with(10)
    count_queries(client_of, reverse("api-v1:media-items-detail", args=[one.pk]), {})

    (small, small_item), (large, large_item) = (
        count_queries(client_of, reverse("api-v1:media-items-detail", args=[item.pk]), {}) for item in (one, ten))

    relations = ["sightings", "claims", "identity_assertions", "files"]
    assert [len(small_item[name]) for name in relations] == [2, 1, 1, 1]
    assert [len(large_item[name]) for name in relations] == [20, 10, 10, 10]
    assert small == large, f"detail: {small} queries with one of each, {large} with ten"
