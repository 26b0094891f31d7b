"""A list's `q` reads the search keys' full-text indexes at 100,000 items, never the whole items table.

The items are seeded as tests/lists/test_list_plans.py seeds them (one INSERT ... SELECT, then ANALYZE), with a
file and a line of text on its frames for every fifth item; every query the item list runs for `?q=` is then
EXPLAINed as the database received it: the search index finds the few matches, the list reads them by key."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog import filtersets, search_keys
from catalog.choices import TLP
from tests.lists.test_list_plans import ROWS, seed_items

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/media-items/"
RARE = "4242"  # begins the numbers of 11 items' titles (4242, 42420-42429) and of 2 frames' lines


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
        for table in ("catalog_mediaitem", "provenance_mediafile", "catalog_itemfile", "provenance_frametext"):
            cursor.execute(f"ANALYZE {table}")


@pytest.fixture
def catalogue(postgresql):
    seed_items(ROWS)
    seed_frame_texts()


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
def test_an_analysts_q_reads_the_items_the_frames_text_and_their_files_through_their_indexes(catalogue, analyst_client, params):
    plans = plans_of_the_list(analyst_client, params)

    assert any("mediaitem_search_fts" in plan and "frametext_search_fts" in plan for plan in plans), plans
    for plan in plans:
        assert "Seq Scan on catalog_mediaitem" not in plan, plan
        assert "Seq Scan on catalog_itemfile" not in plan, plan  # the frames' files lead to their items by key


@pytest.mark.parametrize("params", [{"q": RARE}, {"q": RARE, "cursor": ""}])
def test_a_partners_q_reads_the_items_index_and_never_the_frames_text(catalogue, partner_client_for, params):
    partner = partner_client_for(max_tlp=TLP.GREEN)

    plans = plans_of_the_list(partner, params)

    assert any("mediaitem_search_fts" in plan for plan in plans), plans
    for plan in plans:
        assert "Seq Scan on catalog_mediaitem" not in plan, plan
        assert "provenance_frametext" not in plan, plan
        # The partner's markings are checked on the few rows the search index found, not read as an index bitmap
        # of half the table.
        assert "mi_tlp_ix" not in plan, plan


def test_every_lists_q_has_a_full_text_index_on_its_key(postgresql):
    text_filtered = {
        filterset._meta.model._meta.model_name
        for filterset in vars(filtersets).values()
        if isinstance(filterset, type) and issubclass(filterset, filtersets.CallerFilterSet)
        and isinstance(filterset.base_filters.get("q"), filtersets.TextSearchFilter)
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%_search_fts'")
        indexed = {name.removesuffix("_search_fts") for (name,) in cursor.fetchall()}

    assert len(text_filtered) == 11
    assert text_filtered <= set(search_keys.FIELDS)
    assert text_filtered | {"frametext"} <= indexed
