"""A list's `q` at 100,000 items reads the search keys' word-start indexes for a rare word and walks the list's
order for a common one, never the whole items table.

The items are seeded once for the module as tests/lists/seeds.py seeds them (one INSERT ... SELECT, then ANALYZE),
with a file and a line of text on its frames for every fifth item; every query the item list runs for `?q=` is then
EXPLAINed as the database received it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog import filtersets, search_keys
from catalog.choices import TLP
from tests.lists.seeds import ROWS, seed_items, seeded_for_a_module, settle

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/media-items/"
RARE = "4242"  # begins the numbers of 11 items' titles (4242, 42420-42429) and of 2 frames' lines
COMMON = "1"  # begins the numbers of 11,111 items' titles, and of frames' lines


def seed_frame_texts():
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO provenance_mediafile (sha256, md5, size, original_filename, file, received_at, c2pa_report,
                c2pa_state, media_metadata, mime_type)
            SELECT encode(sha256(('plan' || i.id)::bytea), 'hex'), md5('plan' || i.id), 1000 + i.id, '',
                'plan/' || i.id, now(), '{}', 'not_checked', '{}', 'video/mp4'
            FROM catalog_mediaitem i WHERE i.id % 5 = 0
            """
        )
        cursor.execute(
            """
            INSERT INTO catalog_itemfile (original_filename, attached_at, media_file_id, media_item_id)
            SELECT '', now(), f.id, substr(f.file, 6)::bigint FROM provenance_mediafile f WHERE f.file LIKE 'plan/%'
            """
        )
        cursor.execute(
            """
            INSERT INTO provenance_frametext (media_file_id, frame_number, timestamp, text, language, confidence,
                "left", top, width, height, search_key)
            SELECT f.media_file_id, 0, 1.0, 'Caption ' || i.title, 'eng', 90, 0, 0, 10, 10, ' caption ' || i.search_key || ' '
            FROM catalog_itemfile f JOIN catalog_mediaitem i ON i.id = f.media_item_id
            """
        )
    search_keys.refresh_frame_text_keys()  # written in SQL: the items' copies of their frames' keys too
    with connection.cursor() as cursor:
        for table in ("catalog_mediaitem", "provenance_mediafile", "catalog_itemfile", "provenance_frametext"):
            settle(cursor, table)


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    """The module's tests share one catalogue, committed once."""
    with seeded_for_a_module(django_db_blocker):
        seed_items(ROWS)
        seed_frame_texts()
        yield


def plans_of_the_list(client, params):
    """The plan of every query that reads the items table while the list answers `params`."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL, params)
    assert response.status_code == 200, response.data
    assert response.data["results"], "the query should find items"
    plans = []
    for query in queries.captured_queries:
        if query["sql"].startswith("SELECT") and 'FROM "catalog_mediaitem"' in query["sql"]:
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN {query['sql']}")
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


@pytest.mark.parametrize("params", [{"q": RARE}, {"q": RARE, "cursor": ""}, {"q": f"item {RARE}", "cursor": ""}])
def test_an_analysts_q_reads_the_items_own_text_and_their_frames_text_through_their_indexes(catalogue, analyst_client, params):
    plans = plans_of_the_list(analyst_client, params)

    assert any("mediaitem_search_prefixes" in plan and "mediaitem_frame_text_prefixes" in plan for plan in plans), plans
    for plan in plans:
        assert "Seq Scan on catalog_mediaitem" not in plan, plan
        assert "provenance_frametext" not in plan, plan  # the frames' text is read off the item's own row


@pytest.mark.parametrize("params", [{"q": RARE}, {"q": RARE, "cursor": ""}])
def test_a_partners_q_reads_the_items_index_and_never_the_frames_text(catalogue, partner_client_for, params):
    partner = partner_client_for(max_tlp=TLP.GREEN)

    plans = plans_of_the_list(partner, params)

    assert any("mediaitem_search_prefixes" in plan for plan in plans), plans
    for plan in plans:
        assert "Seq Scan on catalog_mediaitem" not in plan, plan
        assert "provenance_frametext" not in plan, plan
        # The partner's markings are checked on the few rows the search index found, not read as an index bitmap
        # of half the table.
        assert "mi_tlp_ix" not in plan, plan


@pytest.mark.parametrize("role", ["analyst", "partner"])
def test_a_common_word_walks_the_lists_order_and_checks_each_row_it_reads(catalogue, analyst_client, partner_client_for, role):
    client = analyst_client if role == "analyst" else partner_client_for(max_tlp=TLP.GREEN)

    [plan] = plans_of_the_list(client, {"q": COMMON, "cursor": ""})

    assert "Index Scan Backward using mi_created_at_key on catalog_mediaitem" in plan, plan
    assert "search_prefixes @@" in plan, plan  # checked on the rows walked, not read through the index
    assert "Bitmap Index Scan on mediaitem_search_prefixes" not in plan, plan


def test_every_lists_q_has_a_word_start_index_on_its_key(postgresql):
    text_filtered = {
        filterset._meta.model._meta.model_name
        for filterset in vars(filtersets).values()
        if isinstance(filterset, type) and issubclass(filterset, filtersets.CallerFilterSet)
        and isinstance(filterset.base_filters.get("q"), filtersets.TextSearchFilter)
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%_search_prefixes'")
        indexed = {name.removesuffix("_search_prefixes") for (name,) in cursor.fetchall()}

    assert len(text_filtered) == 11
    assert text_filtered <= set(search_keys.FIELDS)
    assert text_filtered | {"frametext"} <= indexed
