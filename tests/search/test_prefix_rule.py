"""On PostgreSQL a query reads the keys' generated word starts (catalog.search_indexes.PREFIXES_FUNCTION), yet finds
exactly what the rule says, the rule SQLite reads off the key with LIKE: every query word begins one of the
record's words in one of its spellings, or is one of its skeletons whole."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog import search_keys
from catalog.models import MediaItem
from tests.factories import MediaItemFactory

pytestmark = pytest.mark.django_db

# Few letters, so that words share their starts, and lengths past PREFIX_CHARS, so that long words are looked up
# by their start and checked on the key.
words = st.text(alphabet="abkt1", min_size=1, max_size=search_keys.PREFIX_CHARS + 4)
titles = st.lists(st.lists(words, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=6)
queries = st.lists(words, min_size=1, max_size=3).map(" ".join)


def ruled(key, query_words):
    return all(
        any(f" {spelling}" in key for spelling in spellings) or any(f" {skeleton} " in key for skeleton in skeletons)
        for spellings, skeletons in query_words
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(titles, st.lists(queries, min_size=1, max_size=4))
def test_the_indexed_word_starts_find_exactly_what_the_rule_finds(postgresql, titles, queries):
    MediaItem.objects.all().delete()
    items = MediaItem.objects.bulk_create(MediaItem(kind="video", title=title) for title in titles)
    keys = dict(MediaItem.objects.values_list("pk", "search_key"))

    for query in queries:
        query_words = search_keys.query_words(query)
        found = set(MediaItem.objects.filter(search_keys.matches(query_words)).values_list("pk", flat=True))

        assert found == {item.pk for item in items if ruled(keys[item.pk], query_words)}, (query, keys)


def test_a_key_of_many_long_tokens_is_saved_and_its_first_words_found(postgresql):
    tokens = " ".join(f"{n:06d}{'k' * 14}" for n in range(20_000))  # distinct 20-letter words, 420,000 characters
    item = MediaItemFactory(description=f"Zabolotnyy {tokens}")

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_column_size(search_prefixes) FROM catalog_mediaitem WHERE id = %s", [item.pk])
        (size,) = cursor.fetchone()

    assert size < 1_000_000
    assert list(MediaItem.objects.filter(search_keys.matches(search_keys.query_words("zabolot")))) == [item]
    assert list(MediaItem.objects.filter(search_keys.matches(search_keys.query_words("000001kkk")))) == [item]


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_any_query_becomes_lexemes_of_letters_and_digits_only(query):
    # PrefixesMatch writes them into the SQL: a query the rule could not turn into such lexemes would be refused.
    for spellings, skeletons in search_keys.query_words(query):
        for term in spellings | skeletons:
            assert search_keys._LEXEME.fullmatch(term[: search_keys.PREFIX_CHARS]), term
