"""Append-only tables: written once, never changed or removed, by the ORM and by PostgreSQL itself.

The ORM refuses through the model and its queryset; on PostgreSQL, triggers declared in `Meta.triggers`
(django-pgtrigger, installed by migrations) refuse UPDATE, DELETE and TRUNCATE of the table, also a TRUNCATE ...
CASCADE of a table it references. They stop mistakes and application code, not the database's owner: a role that
owns the tables can drop the triggers, and pgtrigger lets a session step past them on purpose
(`pgtrigger.ignore`). Only the test database's flush does that, for TRUNCATE (tests/testdb). Tampering by the
owner shows in the custody hash chain instead (`manage.py verify_custody`).
"""

import pgtrigger
from django.core.exceptions import PermissionDenied
from django.db import models


def _refusal(name, operation, level=pgtrigger.Row):
    return pgtrigger.Trigger(
        name=name,
        level=level,
        when=pgtrigger.Before,
        operation=operation,
        func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;",
    )


REFUSE_UPDATE = _refusal("append_only_update", pgtrigger.Update)
REFUSE_DELETE = _refusal("append_only_delete", pgtrigger.Delete)
# PostgreSQL has no row-level TRUNCATE triggers; this statement-level one also fires when a TRUNCATE of another
# table cascades here.
REFUSE_TRUNCATE = _refusal("append_only_truncate", pgtrigger.Truncate, pgtrigger.Statement)


def _refuse(model):
    raise PermissionDenied(f"{str(model._meta.verbose_name_plural).capitalize()} are append-only.")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        _refuse(self.model)

    def delete(self):
        _refuse(self.model)


class AppendOnlyModel(models.Model):
    """Rows that are written once and never changed or removed: evidence logs and review history."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True
        # Subclasses declare `class Meta(AppendOnlyModel.Meta)` to inherit these.
        triggers = [REFUSE_UPDATE, REFUSE_DELETE, REFUSE_TRUNCATE]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            _refuse(self)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse(self)


def append_only_trigger(table):
    """The hand-written trigger of the first migrations (refusing UPDATE and DELETE on `table`).

    Kept only because those migrations import it: the pgtrigger migrations drop it again
    (`drop_append_only_trigger`), and Meta.triggers are the one home of the rule now.
    """
    from django.db import migrations

    function = f"{table}_is_append_only"
    create = f"""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION '{table} is append-only';
        END;
        $$ LANGUAGE plpgsql;
        CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {function}();
    """
    drop = f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}; DROP FUNCTION IF EXISTS {function}();"

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop)

    return migrations.RunPython(forwards, backwards)


def drop_append_only_trigger(table):
    """A migration operation undoing `append_only_trigger(table)`; reversing it installs the trigger again."""
    from django.db import migrations

    installed = append_only_trigger(table)
    return migrations.RunPython(installed.reverse_code, installed.code)
