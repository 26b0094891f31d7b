"""Two processes commit frame hashes at once: the in-process matching index of a third must find both.

LiveIndex.refresh() loads FrameHash rows with a primary key above the highest it has loaded. Primary keys are
handed out when rows are inserted, not when they commit: while an analysis that took id N is still open, another
that took N+1 commits, a search loads N+1, and the cursor passes N before N exists. Once N commits, no process
that searched in between ever loads it; it matches nothing until the process restarts.
"""

import hashlib

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.db import connection

from provenance import services
from provenance.choices import HashAlgorithm
from provenance.models import FrameHash
from provenance.services.matching import LiveIndex, find_similar, frame_index, reset_index
from tests.conftest import require_service
from tests.integration import workers

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_index():
    """This process's index starts empty and is forgotten afterwards, so no other test inherits its cursor."""
    reset_index()
    yield
    reset_index()


def hash_row(media_file, seed):
    return FrameHash(
        media_file=media_file, algorithm=HashAlgorithm.ROBUST_PDQ, variant="full", frame_number=0, timestamp=0,
        hash=hashlib.sha256(seed.encode()).hexdigest(), quality=100,
    )


def insert_without_commit(other_connection, row):
    """INSERT the row on another connection, inside a transaction left open (psycopg does not autocommit)."""
    fields = [field for field in FrameHash._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(field.column for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    values = [field.get_db_prep_save(getattr(row, field.attname), connection) for field in fields]
    table = FrameHash._meta.db_table
    return other_connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) RETURNING id", values).fetchone()[0]


def test_a_frame_hash_that_commits_after_a_later_one_is_still_found():
    require_service("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")
    slow_file = services.receive_file(ContentFile(b"slow analysis"), "slow.bin")
    fast_file = services.receive_file(ContentFile(b"fast analysis"), "fast.bin")
    slow_row = hash_row(slow_file, "slow")

    with psycopg.connect(workers.test_database_url()) as slow_analysis:
        slow_id = insert_without_commit(slow_analysis, slow_row)
        fast_row = hash_row(fast_file, "fast")
        fast_row.save()
        fast_id = fast_row.pk
        frame_index()  # a search in this process now loads everything committed so far
        slow_analysis.commit()

    found = [file_id for file_id, _distance in find_similar(slow_row.hash, max_distance=0)]
    print(f"\nhash id {slow_id} committed after id {fast_id}: found by a process that searched in between: "
          f"{slow_file.pk in found}")
    assert slow_id < fast_id
    assert slow_file.pk in found


def test_an_analysis_leaves_no_gaps_where_its_other_hashes_sit_between_robust_ones():
    media_file = services.receive_file(ContentFile(b"one analysis"), "one.bin")
    algorithms = [HashAlgorithm.ROBUST_PDQ, HashAlgorithm.VPDQ, HashAlgorithm.ROBUST_PDQ, HashAlgorithm.VPDQ,
                  HashAlgorithm.ROBUST_PDQ, HashAlgorithm.ROBUST_PDQ]
    rows = [hash_row(media_file, f"frame {number}") for number in range(len(algorithms))]
    for number, (row, algorithm) in enumerate(zip(rows, algorithms, strict=True)):
        row.algorithm, row.frame_number = algorithm, number
    FrameHash.objects.bulk_create(rows)  # one insert, ids interleaved, as an analysis writes them
    deleted = rows[4].pk
    rows[4].delete()  # a robust id no committed row holds: a real gap (a rolled-back or still open insert)

    live = LiveIndex()
    live.loaded_up_to = rows[0].pk - 1  # a process that had loaded every row before this analysis
    live.refresh()

    assert [gap[:2] for gap in live.gaps] == [[deleted, deleted]]
    assert live.loaded_up_to == rows[5].pk
