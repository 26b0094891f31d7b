"""The partner's lists of items, sightings and claims and the item detail read indexes at 100,000 items (200,000
sightings), and detail and list query counts do not grow.

The rows are inserted with INSERT ... SELECT once for the module (tests/lists/seeds.py) and the tables analysed, so the
planner sees a catalogue's statistics; each query a list or the detail runs for a partner is then EXPLAINed. A plan that reads a big table from end to end
(a Seq Scan, e.g. under a hashed subplan computing a flag for every row before the page's LIMIT) fails."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.api.views import ClaimViewSet, MediaItemViewSet, SightingViewSet
from catalog.choices import TLP
from catalog.models import MediaItem, Sighting
from catalog.filtersets import MediaItemFilterSet
from catalog.policies import access
from provenance.api.pagination import Keyset, capped_count
from tests.factories import ChannelFactory, ClaimFactory, ItemFileFactory, MediaItemFactory, SightingFactory
from tests.lists.seeds import ROWS, seed_catalogue, seeded_for_a_module
from tests.partners.factories import PartnerFactory

pytestmark = pytest.mark.django_db

BIG_TABLES = ["catalog_mediaitem", "catalog_sighting", "catalog_claim", "catalog_channelappearance"]


def assert_reads_no_big_table_whole(explained, name):
    for table in BIG_TABLES:
        assert f"Seq Scan on {table}" not in explained, f"{name}:\n{explained}"


def partner_caller():
    return access.Caller.for_partner(PartnerFactory(max_tlp=TLP.GREEN, may_see_identities=True))


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    """The module's tests share one catalogue (seed_catalogue), committed once."""
    with seeded_for_a_module(django_db_blocker):
        seed_catalogue(ROWS)
        yield


@pytest.fixture
def partner_items(catalogue):
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


@pytest.mark.parametrize(("view", "ordering"), [
    (SightingViewSet, "posted_at"), (SightingViewSet, "-posted_at"), (SightingViewSet, "-observed_at"),
    (SightingViewSet, "-created_at"), (ClaimViewSet, "stated_on"), (ClaimViewSet, "-stated_on"),
    (ClaimViewSet, "-created_at"),
])
def test_the_partner_lists_of_sightings_and_claims_read_no_table_from_end_to_end(catalogue, view, ordering):
    partner_rows = access.visible(partner_caller(), view.queryset.all())
    pages = list_queries(partner_rows, ordering)
    # Not the offset page's capped count: it reads up to COUNT_CAP rows with their items whatever the plan, and
    # PostgreSQL may hash the items for it; the cursor pages (as the bench and clients page) must not.
    del pages["count"]

    for name, queryset in pages.items():
        assert_reads_no_big_table_whole(queryset.explain(), f"{view.__name__} {name}, {ordering}")


def test_the_partner_detail_reads_each_relation_through_indexes(catalogue, partner_client_for):
    client = partner_client_for(max_tlp=TLP.GREEN, may_see_identities=True)
    item = MediaItemFactory(tlp=TLP.GREEN)
    SightingFactory.create_batch(2, media_item=item)
    ClaimFactory(media_item=item, tlp=TLP.GREEN)
    ItemFileFactory(media_item=item)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("api-v1:media-items-detail", args=[item.pk]))

    assert response.status_code == 200
    selects = [query["sql"] for query in queries.captured_queries if query["sql"].startswith("SELECT")]
    with connection.cursor() as cursor:
        for sql in selects:
            cursor.execute(f"EXPLAIN {sql}")
            assert_reads_no_big_table_whole("\n".join(row[0] for row in cursor.fetchall()), sql[:200])


def test_the_timeline_reads_the_family_through_indexes(catalogue):
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


def test_items_seen_on_a_channel_are_read_from_the_channels_index_in_the_lists_order(catalogue, partner_client_for):
    client = partner_client_for(max_tlp=TLP.GREEN)
    busy = Sighting.objects.values_list("channel", flat=True).first()  # every seeded item was seen there
    channel = ChannelFactory()
    seen = MediaItemFactory.create_batch(3, tlp=TLP.GREEN)
    for item in seen:
        SightingFactory.create_batch(2, media_item=item, channel=channel)  # twice on the channel: listed once

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/media-items/", {"channel": channel.pk, "cursor": ""})
        busy_page = client.get("/api/v1/media-items/", {"channel": busy, "cursor": ""})

    assert response.status_code == 200
    assert sorted(row["id"] for row in response.data["results"]) == sorted(item.pk for item in seen)
    on_busy = MediaItem.objects.filter(pk__in=Sighting.objects.filter(channel=busy).values("media_item"))
    newest = on_busy.filter(tlp__in=[TLP.CLEAR, TLP.GREEN]).order_by("-created_at", "-pk")
    assert [row["id"] for row in busy_page.data["results"]] == list(newest.values_list("pk", flat=True)[:50])
    listing = [query["sql"] for query in queries.captured_queries if 'FROM "catalog_mediaitem"' in query["sql"]]
    with connection.cursor() as cursor:
        for sql in listing:
            cursor.execute(f"EXPLAIN {sql}")
            explained = "\n".join(row[0] for row in cursor.fetchall())
            assert "ca_channel_order_ix" in explained, explained
            # 100,000 items on the busy channel: read in order, a page of them, never all of them sorted (each
            # item's few tags are sorted by name, in their own subquery).
            sorted_by = re.findall(r"Sort Key: (.*)", explained)
            assert all(re.fullmatch(r"u\d+\.name", key) for key in sorted_by), explained
            assert_reads_no_big_table_whole(explained, sql[:200])


@pytest.mark.django_db(transaction=True)  # VACUUM runs outside a transaction
def test_a_partners_capped_count_reads_only_the_rows_of_its_markings_from_an_index(partner_items):
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE catalog_mediaitem")  # as autovacuum leaves it: the visibility map set

    with CaptureQueriesContext(connection) as queries:
        assert capped_count(partner_items) == (10_000, False)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {queries.captured_queries[-1]['sql']}")
        explained = "\n".join(row[0] for row in cursor.fetchall())

    assert "Index Only Scan using mi_tlp_ix" in explained, explained
    assert re.search(r"Index Cond: \(+tlp\)?(::text)? = ANY", explained), explained  # its markings: no filter
