# Every search key gets its word starts as a generated, indexed tsvector on PostgreSQL (catalog.search_keys): a
# query word is one lexeme, which the planner can count. They replace the keys' full-text indexes. Items keep a copy
# of their frames' text keys, with word starts of their own.

from django.db import migrations, models

from catalog import search_indexes, search_keys


def fill_frame_text_keys(apps, schema_editor):
    search_keys.refresh_frame_text_keys(apps=apps)


def replace_full_text_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in search_keys.FIELDS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {model_name}_search_fts")
    search_indexes.add_prefixes(apps, schema_editor)


def restore_full_text_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    search_indexes.drop_prefixes(apps, schema_editor)
    for model_name in search_keys.FIELDS:
        schema_editor.add_index(search_keys.keyed_model(apps, model_name), search_indexes.postgres_indexes(model_name)[0])


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0024_channel_appearances'),
        ('provenance', '0015_frame_text_search_key'),
    ]

    operations = [
        migrations.AddField(
            model_name='mediaitem',
            name='frame_text_key',
            field=models.TextField(blank=True, db_default='', default='', editable=False),
        ),
        migrations.RunPython(fill_frame_text_keys, migrations.RunPython.noop),
        migrations.RunPython(replace_full_text_indexes, restore_full_text_indexes),
    ]
