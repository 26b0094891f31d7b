"""Django's flush, for the test database: it empties the append-only tables too.

pytest-django empties the database after each transactional test by calling `flush`, one TRUNCATE of every table,
and on PostgreSQL the append-only tables refuse TRUNCATE (provenance/models/append_only.py). Only this command,
installed by the test settings alone, steps past those triggers, and only past the TRUNCATE ones and only while it
flushes: pgtrigger.ignore (tests.testdb.triggers) sets a transaction-local variable the triggers read. Everywhere else (`manage.py flush`
on a real database included) TRUNCATE of an append-only table still fails.
"""

from django.apps import apps
from django.core.management.commands import flush
from django.db import connections

from provenance.models.append_only import REFUSE_TRUNCATE
from tests.testdb.triggers import ignored


def truncate_triggers():
    return [
        f"{model._meta.label}:{REFUSE_TRUNCATE.name}"
        for model in apps.get_models()
        if REFUSE_TRUNCATE in getattr(model._meta, "triggers", ())
    ]


class Command(flush.Command):
    help = "Django's flush; on the test database it also empties the append-only tables."

    def handle(self, **options):
        database = options["database"]
        if connections[database].vendor != "postgresql":
            return super().handle(**options)
        with ignored(*truncate_triggers(), database=database):
            return super().handle(**options)
