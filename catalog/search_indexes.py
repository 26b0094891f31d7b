"""The PostgreSQL side of the search keys (catalog.search_keys): their indexes and the generated word-start columns
the migrations build. SQLite searches the keys with LIKE and gets none of them."""

from catalog.search_keys import (
    FIELDS,
    PREFIX_CHARS,
    PREFIXES_BUDGET_BYTES,
    SEARCH_PAGE_KEYS,
    WHOLE_WORD_CHARS,
    keyed_model,
    keys_of,
    prefixes_column,
    vector,
)


# PostgreSQL indexes on each key, as migrations 0015 and 0021 built them: full text (word starts and whole
# skeletons) and trigrams (typing errors; only where the search page looks: not on frame texts). Built on
# PostgreSQL only (SQLite searches the keys with LIKE), so they are not in the models' state. Migration 0025
# replaced the full-text ones with the prefixes' (add_prefixes); the trigram ones stay.
def postgres_indexes(model_name):
    from django.contrib.postgres.indexes import GinIndex

    indexes = [GinIndex(vector(), name=f"{model_name}_search_fts")]
    if model_name in SEARCH_PAGE_KEYS:
        indexes.append(GinIndex(fields=["search_key"], opclasses=["gin_trgm_ops"], name=f"{model_name}_search_trgm"))
    return indexes


def build_indexes(apps, schema_editor, model_names=SEARCH_PAGE_KEYS):
    for model, index in _indexes(apps, schema_editor, model_names):
        schema_editor.add_index(model, index)


def drop_indexes(apps, schema_editor, model_names=SEARCH_PAGE_KEYS):
    for model, index in _indexes(apps, schema_editor, model_names):
        schema_editor.remove_index(model, index)


def _indexes(apps, schema_editor, model_names):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in model_names:
        for index in postgres_indexes(model_name):
            yield keyed_model(apps, model_name), index


# The lexemes of a key (see catalog.search_keys): every word's starts up to PREFIX_CHARS letters and the word whole
# with a "." (up to WHOLE_WORD_CHARS), in the order of the key's words, stopping before PREFIXES_BUDGET_BYTES (a
# tsvector entry takes the lexeme's bytes and a few more). IMMUTABLE, as a generated column's expression must be.
PREFIXES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION catalog_search_prefixes(key text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT array_to_tsvector(coalesce(array_agg(lexeme), '{{}}'))
  FROM (
    SELECT lexeme, sum(octet_length(lexeme) + 8) OVER (ORDER BY first_at, lexeme) AS used
    FROM (
      SELECT lexeme, min(position) AS first_at
      FROM (
        SELECT left(word, n) AS lexeme, position
        FROM unnest(string_to_array(key, ' ')) WITH ORDINALITY AS words(word, position),
          generate_series(1, least(length(word), {PREFIX_CHARS})) AS n
        UNION ALL
        SELECT word || '.', position
        FROM unnest(string_to_array(key, ' ')) WITH ORDINALITY AS words(word, position)
        WHERE word <> '' AND length(word) <= {WHOLE_WORD_CHARS}
      ) lexemes
      GROUP BY lexeme
    ) distinct_lexemes
  ) counted
  WHERE used <= {PREFIXES_BUDGET_BYTES}
$$
"""


def add_prefixes(apps, schema_editor, model_names=tuple(FIELDS)):
    """Give each model's key its generated ``search_prefixes`` and their GIN index (PostgreSQL only)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(PREFIXES_FUNCTION)
    for model_name in model_names:
        table = schema_editor.quote_name(keyed_model(apps, model_name)._meta.db_table)
        for key in keys_of(model_name):
            column = prefixes_column(key)
            schema_editor.execute(
                f"ALTER TABLE {table} ADD COLUMN {column} tsvector "
                f"GENERATED ALWAYS AS (catalog_search_prefixes({key})) STORED"
            )
            schema_editor.execute(f"CREATE INDEX {model_name}_{column} ON {table} USING gin ({column})")
        schema_editor.execute(f"ANALYZE {table}")


def drop_prefixes(apps, schema_editor, model_names=tuple(FIELDS)):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in model_names:
        table = schema_editor.quote_name(keyed_model(apps, model_name)._meta.db_table)
        for key in keys_of(model_name):
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN {prefixes_column(key)}")
    schema_editor.execute("DROP FUNCTION catalog_search_prefixes(text)")
