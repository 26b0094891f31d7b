"""CompiledQuery: a values() queryset compiled once per shape answers what the queryset itself would."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from provenance import services
from provenance.compiled import CompiledQuery
from provenance.models import MediaFile

pytestmark = pytest.mark.django_db


class CountingBuild:
    """A build of MediaFile rows by id and size floor, counting the shapes it was compiled for.

    A compilation builds the queryset twice, with two sets of stand-ins, of the same shape."""

    def __init__(self):
        self.builds = 0

    @property
    def calls(self):
        return self.builds // 2

    def __call__(self, context, ids, min_size):
        self.builds += 1
        return MediaFile.objects.filter(pk__in=ids, size__gte=min_size).order_by("pk").values("pk", "sha256", "received_at")


def stored(content=None):
    stored.count = getattr(stored, "count", 0) + 1
    return services.receive_file(ContentFile(content or f"file {stored.count}".encode()), "evidence.bin")


def as_queryset_answers(ids, min_size):
    return list(MediaFile.objects.filter(pk__in=ids, size__gte=min_size).order_by("pk").values("pk", "sha256", "received_at"))


def test_it_answers_the_rows_the_queryset_answers_for_each_set_of_values():
    files = [stored(b"x" * size) for size in (1, 5, 9)]
    query = CompiledQuery(CountingBuild())
    ids = [media_file.pk for media_file in files]

    for asked, min_size in ((ids, 0), (ids, 5), (ids[:1], 0), (ids[1:], 9)):
        assert query.rows(None, asked, min_size) == as_queryset_answers(asked, min_size)


def test_it_converts_columns_as_the_orm_does():
    media_file = stored()

    [row] = CompiledQuery(CountingBuild()).rows(None, [media_file.pk], 0)

    assert isinstance(row["received_at"], dt.datetime) and row["received_at"] == media_file.received_at


def test_it_compiles_once_for_lists_padded_to_the_same_length():
    files = [stored(f"four {n}".encode()) for n in range(4)]
    build = CountingBuild()
    query = CompiledQuery(build)
    ids = [media_file.pk for media_file in files]

    query.rows(None, ids[:3], 0)
    query.rows(None, ids, 0)
    query.rows(None, ids[:1], 0)

    assert build.calls == 2  # three and four values share a shape; one value has its own


def test_it_compiles_again_for_another_key():
    build = CountingBuild()
    query = CompiledQuery(build, key=lambda context: context["clearance"])
    media_file = stored()

    query.rows({"clearance": "green"}, [media_file.pk], 0)
    query.rows({"clearance": "green", "caller": 2}, [media_file.pk], 0)
    query.rows({"clearance": "red"}, [media_file.pk], 0)

    assert build.calls == 2


def test_it_refuses_a_build_that_does_not_use_every_value():
    query = CompiledQuery(lambda context, media_file_id: MediaFile.objects.values("pk"))

    with pytest.raises(ValueError, match="appears 0 times"):
        query.rows(None, 1)


def test_it_refuses_an_empty_list():
    with pytest.raises(ValueError, match="at least one value"):
        CompiledQuery(CountingBuild()).rows(None, [], 0)


def test_each_run_is_one_query_counted_like_any_other():
    media_file = stored()
    query = CompiledQuery(CountingBuild())
    query.rows(None, [media_file.pk], 0)  # the first run may also prepare the statement

    with CaptureQueriesContext(connection) as captured:
        query.rows(None, [media_file.pk], 0)

    assert len(captured.captured_queries) == 1


@pytest.mark.django_db(transaction=True)
def test_it_still_answers_after_the_database_connection_is_replaced():
    media_file = stored()
    query = CompiledQuery(CountingBuild())
    query.rows(None, [media_file.pk], 0)

    connection.close()  # a prepared statement dies with its session; the next run must prepare it again

    assert [row["pk"] for row in query.rows(None, [media_file.pk], 0)] == [media_file.pk]
