"""Anchors are append-only like custody: the ORM refuses changes, and on PostgreSQL so does the database."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from provenance import services
from provenance.models import AnchoredHead, CustodyAnchor

from .conftest import receive

pytestmark = pytest.mark.django_db


def test_an_anchor_and_its_heads_cannot_be_changed_or_deleted_through_the_orm(local_tsa):
    receive(b"an anchored clip")
    anchor = services.anchor_custody()

    for refused in (anchor.save, anchor.delete, anchor.heads.get().delete,
                    lambda: CustodyAnchor.objects.update(root="0" * 64), lambda: AnchoredHead.objects.all().delete()):
        with pytest.raises(PermissionDenied):
            refused()


@pytest.mark.parametrize("statement", [
    "UPDATE provenance_custodyanchor SET root = 'x'",
    "DELETE FROM provenance_custodyanchor",
    "UPDATE provenance_anchoredhead SET sequence = 1",
    "DELETE FROM provenance_anchoredhead",
    "TRUNCATE provenance_anchoredhead",
])
def test_postgresql_refuses_changing_or_removing_anchors(postgresql, local_tsa, statement):
    receive(b"an anchored clip")
    services.anchor_custody()

    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # else TRUNCATE balks at this test's pending FK checks
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)

    assert CustodyAnchor.objects.count() == AnchoredHead.objects.count() == 1
