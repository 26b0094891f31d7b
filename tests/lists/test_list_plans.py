"""The partner's list of items reads indexes at 100,000 rows, and detail and list query counts do not grow.

The rows are inserted with one INSERT ... SELECT and the table analysed, so the planner sees a catalogue's
statistics; each query the list runs for a partner is then EXPLAINed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.api.views import MediaItemViewSet
from catalog.choices import TLP, MediaAuthenticity
from catalog.filtersets import MediaItemFilterSet
from catalog.policies import access
from provenance.api.pagination import Keyset, capped_count
from tests.factories import ClaimFactory, ItemFileFactory, MediaItemFactory, SightingFactory
from tests.partners.factories import PartnerFactory

pytestmark = pytest.mark.django_db

ROWS = 100_000
TLPS = [TLP.CLEAR, TLP.GREEN, TLP.AMBER, TLP.RED]


def seed_items(rows):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO catalog_mediaitem (kind, title, description, languages, is_graphic, tlp, authenticity,
                published_authenticity, created_at, updated_at, first_seen_at, claimed_release_at, search_key)
            SELECT 'video', 'Item ' || g, '', '[]', g %% 10 = 0, (%s::text[])[1 + g %% 4], %s, %s,
                now() - g * interval '1 minute', now(), now() - g * interval '2 minute',
                CASE WHEN g %% 3 = 0 THEN NULL ELSE now() - g * interval '3 minute' END, 'item ' || g
            FROM generate_series(1, %s) AS g
            """,
            [list(TLPS), MediaAuthenticity.NOT_ASSESSED, MediaAuthenticity.NOT_ASSESSED, rows],
        )
        cursor.execute("ANALYZE catalog_mediaitem")


@pytest.fixture
def partner_items(postgresql):
    seed_items(ROWS)
    caller = access.Caller.for_partner(PartnerFactory(max_tlp=TLP.GREEN))
    return access.visible(caller, MediaItemViewSet.queryset.model.objects.all())


def list_queries(queryset, ordering):
    ordered = queryset.order_by(ordering)
    keyset = Keyset(ordered)
    # A cursor deep in the list: the seek that serves it, planned for the segment of values (nulls apart).
    middle = keyset.order(ordered)[5_000]
    segment = "value" if keyset.position_of(middle)[0] is not None else "null"
    after = keyset._after(keyset._ordered(ordered, segment), segment, *keyset.position_of(middle))
    return {
        "count": ordered.order_by("pk").values("pk")[:10_001],
        "first page": keyset.order(ordered)[:51],
        "deep page": after[:51],
    }


@pytest.mark.parametrize("ordering", ["-created_at", "-first_seen_at", "claimed_release_at", "title"])
def test_the_partner_list_of_items_reads_no_table_from_end_to_end(partner_items, ordering):
    for name, queryset in list_queries(partner_items, ordering).items():
        explained = queryset.explain()
        assert "Seq Scan on catalog_mediaitem" not in explained, f"{name}, {ordering}:\n{explained}"
    assert capped_count(partner_items) == (10_000, False)


def test_a_filtered_partner_list_reads_the_filters_index(partner_items):
    filtered = MediaItemFilterSet({"tlp": TLP.GREEN, "kind": "video"}, queryset=partner_items).qs

    for name, queryset in list_queries(filtered, "-created_at").items():
        explained = queryset.explain()
        assert "Seq Scan on catalog_mediaitem" not in explained, f"{name}:\n{explained}"


def test_the_timeline_reads_the_family_through_indexes(postgresql):
    seed_items(ROWS)
    item = MediaItemFactory()
    SightingFactory.create_batch(3, media_item=MediaItemFactory(variant_of=item))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_sighting")

    explained = item.propagation_timeline().explain()

    assert "Seq Scan on catalog_mediaitem" not in explained, explained


def detail_queries(client, item):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("api-v1:media-items-detail", args=[item.pk]))
    assert response.status_code == 200
    return len(queries), len(response.data["sightings"])


def test_the_detail_runs_as_many_queries_with_forty_sightings_as_with_one(analyst_client):
    small, large = MediaItemFactory(), MediaItemFactory()
    for item, count in ((small, 1), (large, 20)):
        SightingFactory.create_batch(count, media_item=item)
        SightingFactory.create_batch(count, media_item=MediaItemFactory(variant_of=item))
        ClaimFactory.create_batch(count, media_item=item)
        ItemFileFactory.create_batch(count, media_item=item)
    detail_queries(analyst_client, small)  # warms what is loaded once per process

    (small_queries, small_rows), (large_queries, large_rows) = detail_queries(analyst_client, small), detail_queries(
        analyst_client, large)

    assert (small_rows, large_rows) == (2, 40)
    assert small_queries == large_queries


@pytest.mark.parametrize("params", [{}, {"cursor": ""}, {"ordering": "-first_seen_at"}, {"tlp": TLP.AMBER}])
def test_the_list_runs_as_many_queries_for_forty_rows_as_for_five(analyst_client, params):
    for item in MediaItemFactory.create_batch(45):
        SightingFactory(media_item=item)
    counts = {}
    for limit in (5, 40):
        with CaptureQueriesContext(connection) as queries:
            response = analyst_client.get(reverse("api-v1:media-items-list"), {**params, "limit": limit})
        assert len(response.data["results"]) == limit
        counts[limit] = len(queries)

    assert counts[5] == counts[40], counts
