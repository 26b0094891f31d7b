"""On PostgreSQL the database itself refuses to update or delete review history, whatever the caller."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION catalog_review_history_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The review history is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER catalog_reviewevent_append_only
    BEFORE UPDATE OR DELETE ON catalog_reviewevent
    FOR EACH ROW EXECUTE FUNCTION catalog_review_history_is_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS catalog_reviewevent_append_only ON catalog_reviewevent;
DROP FUNCTION IF EXISTS catalog_review_history_is_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(create_trigger, drop_trigger)]
