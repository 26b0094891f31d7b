"""The PostgreSQL backend (config/postgresql): timestamps through psycopg's own parser, queries prepared."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import MediaItem
from config.postgresql.base import UtcTimestamptzLoader
from tests.factories import MediaItemFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("postgresql")]


def test_timestamps_load_in_utc_through_psycopgs_parser():
    moments = [
        datetime.datetime(2017, 10, 3, 14, 5, 9, 123456, tzinfo=datetime.timezone.utc),
        datetime.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.timezone.utc),
        datetime.datetime(2024, 2, 29, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=5, minutes=30))),
    ]
    items = [MediaItemFactory(claimed_release_at=moment) for moment in moments]

    loaded = [MediaItem.objects.get(pk=item.pk).claimed_release_at for item in items]

    assert loaded == moments
    assert all(value.tzinfo is datetime.timezone.utc for value in loaded)
    with connection.cursor() as cursor:
        assert isinstance(cursor.cursor.adapters.get_loader(1184, 0)(1184, cursor.cursor), UtcTimestamptzLoader)


def test_a_query_run_often_is_prepared_and_planned_once():
    item = MediaItemFactory(tlp="green")
    rows = MediaItem.objects.filter(pk=item.pk, tlp__in=["clear", "green"]).only("pk")
    with CaptureQueriesContext(connection) as captured:
        for _ in range(6):
            assert list(rows.all()) == [item]  # a new queryset each time: the same SQL

    statement = captured.captured_queries[0]["sql"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any(text.startswith('SELECT "catalog_mediaitem"."id"') and "$1" in text for text in prepared), (
        statement, prepared,
    )
