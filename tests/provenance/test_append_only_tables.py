"""PostgreSQL itself keeps the append-only tables append-only: UPDATE, DELETE and TRUNCATE are refused.

The statements are raw SQL on purpose: the ORM refuses earlier (tests/provenance/test_custody.py), and these tests
are about what the database does when something gets past the ORM.
"""

from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.core.management.commands.flush import Command as DjangoFlush
from django.db import DatabaseError, transaction
from django.utils import timezone

from catalog.choices import TLP, ChangeKind, ReviewedValue
from catalog.models import AccessAudit, ChangeFeedEntry, LivenessCheck, Partner, ReviewApproval, ReviewEvent
from provenance import services
from provenance.models import CustodyEvent
from tests.factories import AnalystFactory, MediaItemFactory, SightingFactory

pytestmark = pytest.mark.django_db


def custody_event():
    media_file = services.receive_file(ContentFile(b"append-only bytes"), "clip.mp4", actor="analyst1")
    return media_file.custody_events.first()


def review_event():
    return ReviewEvent.objects.create(
        value=ReviewedValue.ITEM_AUTHENTICITY, media_item=MediaItemFactory(), old_value="unverified",
        new_value="authentic", rationale="Matches the original upload.", analyst=AnalystFactory(),
    )


def review_approval():
    return ReviewApproval.objects.create(review_event=review_event(), approver=AnalystFactory())


def access_audit():
    partner = Partner.objects.create(name=f"Partner {timezone.now().timestamp()}")
    return AccessAudit.objects.create(partner=partner, method="GET", path="/api/v1/media-items/1/",
                                      record_type="media_item", record_id="1")


def change_feed_entry():
    return ChangeFeedEntry.objects.create(record_type="media_item", record_id="1", change=ChangeKind.CREATED,
                                          tlp=TLP.CLEAR)


def liveness_check():
    sighting = SightingFactory()
    return LivenessCheck.objects.create(sighting=sighting, url=sighting.url, is_up=True, http_status=200)


@dataclass
class Table:
    model: type
    make_row: object
    # A table this one references: TRUNCATE of it with CASCADE would empty this one too.
    referenced: str = ""
    refuses_delete: bool = True

    def __str__(self):
        return self.model._meta.db_table


TABLES = [
    Table(CustodyEvent, custody_event, "provenance_mediafile"),
    Table(ReviewEvent, review_event, "catalog_mediaitem"),
    Table(ReviewApproval, review_approval, "catalog_reviewevent"),
    Table(AccessAudit, access_audit, "catalog_partner"),
    Table(ChangeFeedEntry, change_feed_entry),
    # Checks go with their sighting or channel (CASCADE), so their DELETE is allowed; see catalog/models/desk.py.
    Table(LivenessCheck, liveness_check, "catalog_sighting", refuses_delete=False),
]


def refused(connection, sql, params=()):
    """Run `sql` in a savepoint; True when PostgreSQL refused it as a change to an append-only table."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError as error:
        assert "is append-only" in str(error), error
        return True
    return False


def pks(model):
    return set(model.objects.values_list("pk", flat=True))


def with_a_row(table, connection):
    row = table.make_row()
    before = pks(table.model)
    assert row.pk in before
    # The test's transaction holds deferred foreign-key checks of the new rows, and PostgreSQL refuses any
    # TRUNCATE while checks are pending: run them now, so what answers the statements below is the trigger.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    return table, row, before


@pytest.mark.parametrize("table", TABLES, ids=str)
def test_postgresql_refuses_to_update_a_row_of_an_append_only_table(table, postgresql):
    table, row, before = with_a_row(table, postgresql)

    assert refused(postgresql, f"UPDATE {table} SET id = id WHERE id = %s", [row.pk])
    assert pks(table.model) == before


@pytest.mark.parametrize("table", [table for table in TABLES if table.refuses_delete], ids=str)
def test_postgresql_refuses_to_delete_a_row_of_an_append_only_table(table, postgresql):
    table, row, before = with_a_row(table, postgresql)

    assert refused(postgresql, f"DELETE FROM {table} WHERE id = %s", [row.pk])
    assert pks(table.model) == before


@pytest.mark.parametrize("table", TABLES, ids=str)
def test_postgresql_refuses_to_truncate_an_append_only_table(table, postgresql):
    table, row, before = with_a_row(table, postgresql)

    # CASCADE, as a plain TRUNCATE of the review history would already fail on the approvals referencing it.
    assert refused(postgresql, f"TRUNCATE {table} CASCADE")
    assert pks(table.model) == before


@pytest.mark.parametrize("table", [table for table in TABLES if table.referenced], ids=str)
def test_postgresql_refuses_a_truncate_that_would_cascade_into_an_append_only_table(table, postgresql):
    table, row, before = with_a_row(table, postgresql)

    assert refused(postgresql, f"TRUNCATE {table.referenced} CASCADE")
    assert pks(table.model) == before


def test_liveness_checks_still_go_with_their_sighting(postgresql):
    check = liveness_check()

    check.sighting.delete()

    assert not LivenessCheck.objects.filter(pk=check.pk).exists()


def test_djangos_own_flush_cannot_empty_the_append_only_tables(postgresql):
    event = custody_event()

    with pytest.raises(CommandError, match="couldn't be flushed"):
        call_command(DjangoFlush(), interactive=False, verbosity=0)

    assert CustodyEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_only_the_test_databases_flush_empties_the_append_only_tables(postgresql):
    made = [table.make_row() for table in TABLES]

    call_command("flush", interactive=False, verbosity=0)  # tests/testdb: what pytest-django runs after each test

    assert not any(type(row).objects.exists() for row in made)
    custody_event()
    assert refused(postgresql, "TRUNCATE provenance_custodyevent")
    assert CustodyEvent.objects.exists()
