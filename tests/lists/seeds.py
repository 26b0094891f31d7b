"""A catalogue of 100,000 items, seeded in SQL for the tests that read plans at a catalogue's size."""

from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction

from catalog.choices import TLP, MediaAuthenticity
from catalog.models import ChannelAppearance
from tests.conftest import require_service
from tests.factories import ChannelFactory
from tests.testdb.management.commands.flush import truncate_triggers
from tests.testdb.triggers import ignored

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
        settle(cursor, "catalog_mediaitem")


def settle(cursor, table):
    """Leave `table` as autovacuum would after a bulk load: its GIN indexes' pending entries (fast update) merged
    into the index, which the planner otherwise prices as a scan of the whole pending list, and its statistics taken."""
    cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexdef LIKE '%%USING gin%%'", [table])
    for (index,) in cursor.fetchall():
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
    cursor.execute(f"ANALYZE {table}")


def seed_catalogue(rows):
    """`rows` items (seed_items), two sightings of each (every second derived from another), a claim of every
    second item."""
    seed_items(rows)
    channel = ChannelFactory()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO catalog_sighting (created_at, updated_at, url, kind, notes, channel_id, media_item_id,
                posted_at, observed_at)
            SELECT now(), now(), '', 'repost', '', %s, i.id,
                CASE WHEN (i.id + n) %% 10 = 0 THEN NULL
                     ELSE now() - ((i.id * 13 + n * 101) %% 5256000) * interval '1 minute' END,
                now() - (i.id %% 1000) * interval '1 minute'
            FROM catalog_mediaitem i CROSS JOIN generate_series(1, 2) AS n
            """,
            [channel.pk],
        )
        cursor.execute("ANALYZE catalog_sighting")  # planned without statistics, the self-join below takes minutes
        ChannelAppearance.objects.rebuild()  # as catalog.signals keeps them for sightings saved one by one
        cursor.execute(
            "UPDATE catalog_sighting s SET derived_from_id = p.id FROM catalog_sighting p WHERE p.id = s.id - 1 AND s.id % 2 = 0"
        )
        cursor.execute(
            """
            INSERT INTO catalog_claim (created_at, updated_at, text, kind, claimant_description, status,
                source_reliability, information_credibility, tlp, published_status, media_item_id, stated_on,
                stated_on_precision, search_key)
            SELECT now(), now(), 'Claim ' || i.id, 'responsibility', '', 'unstarted', 'F', '6', i.tlp, 'unstarted',
                i.id, (now() - (i.id % 3000) * interval '1 day')::date, 'day', 'claim ' || i.id
            FROM catalog_mediaitem i WHERE i.id % 2 = 0
            """
        )
        cursor.execute("ANALYZE catalog_sighting")
        cursor.execute("ANALYZE catalog_channelappearance")
        cursor.execute("ANALYZE catalog_claim")


@contextmanager
def seeded_for_a_module(django_db_blocker):
    """Rows a module's tests share, committed once and truncated when the module is done.

    A bulk seed inside each test's transaction costs its INSERTs once per test, and its rollback leaves every row
    dead in the tables and their indexes. Nothing vacuums them in a test run (the CI machine runs without
    autovacuum), so every later test would read through them. TRUNCATE gives the tables fresh, empty files.
    Only the tables that were empty before the seed are truncated: what migrations wrote stays."""
    require_service("PostgreSQL (DATABASE_URL)", settings.DATABASES["default"]["ENGINE"].endswith("postgresql"))
    with django_db_blocker.unblock():
        empty_before = [table for table in connection.introspection.table_names() if _is_empty(table)]
        try:
            yield
        finally:
            # Every table that was empty, filled or not: TRUNCATE must take the tables that refer to a filled one
            # with it (they hold nothing to lose, since each test's rows roll back).
            # The append-only tables refuse TRUNCATE but to the test database's own flush, as here.
            with transaction.atomic(), ignored(*truncate_triggers()), connection.cursor() as cursor:
                cursor.execute("TRUNCATE " + ", ".join(connection.ops.quote_name(table) for table in empty_before))


def _is_empty(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {connection.ops.quote_name(table)})")
        return cursor.fetchone()[0]
