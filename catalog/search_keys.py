"""Search keys: each searchable record keeps its text as loose Latin words, so that a query in any script meets it.

A record's ``search_key`` holds, for every word of its searchable text, the word normalised
(catalog.resolution.names.normalise) and its loose Latin keys (``latin_keys``): "Заболотный", "Zabolotnyy" and
"Zabolotny" all give "zabolotni", "محمد" gives the consonants "mhmd" that "Muhammad" also gives. A query is
turned into the same words (:func:`query_words`), one set of spellings per word, and :func:`matches` is the one rule
of what text a query finds, for the search page and every list's ``q`` alike: every word of the query begins a word
of the record's text in one of its spellings (or is one of its consonant skeletons). On PostgreSQL that is a
full-text query served by a GIN index (:func:`postgres_indexes`); elsewhere (SQLite) a LIKE on the keys.

The text read off a file's frames (provenance.FrameText) is keyed here too: evidence stores the column, the
catalogue writes it (when the analysis records the texts, in its transaction), as evidence knows no spellings.

The key is written whenever a record is saved (pre_save) or bulk-created (:class:`SearchKeyQuerySet`), and a
person's or organisation's key also holds its aliases (refreshed when an alias changes). ``manage.py
rebuild_search_keys`` writes every key again, for rows changed by a raw UPDATE or loaded from a dump (the keys
added for the lists' ``q`` default to empty in the database too, so that rows inserted in SQL need no key).
"""

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db import connection
from django.db.models import Lookup, Q, QuerySet
from django.db.models.signals import post_delete, post_save, pre_save

from catalog.resolution.names import consonant_skeleton, latin_keys, normalise

# Each model's searchable text, by field; a person's and an organisation's aliases are added (ALIASES).
FIELDS = {
    "mediaitem": ("title", "description"),
    "claim": ("text", "claimant_description"),
    "quote": ("speaker", "text"),
    "report": ("title", "dateline", "caption", "body"),
    "person": ("canonical_name",),
    "organization": ("name",),
    "channel": ("handle", "url"),
    "sighting": ("url", "notes"),
    "place": ("name",),
    "identityassertion": ("name_as_stated", "birthplace_as_stated", "affiliation_as_stated"),
    "tag": ("name",),
    "frametext": ("text",),
}
# The records the search page looks through (with a trigram index besides, for its typing errors).
SEARCH_PAGE_KEYS = ("mediaitem", "claim", "quote", "report", "person", "organization", "channel")
LIST_KEYS = ("sighting", "place", "identityassertion", "tag")  # searched by their lists' `q` only
APPS = {"frametext": "provenance"}  # every other keyed model is the catalogue's
# The alias model's related name on its owner, by owner.
ALIASES = {"person": "name_variants", "organization": "aliases", "place": "aliases"}
MAX_KEY_CHARS = 200_000  # a report body of a book's length keeps its first words searchable, not the whole
MAX_QUERY_CHARS = 200
MAX_WORDS = 8
FUZZY_FROM = 4  # letters: shorter words are matched by their start only, never by similarity
TEXT_SEARCH_CONFIG = "simple"  # the keys are spellings, not words of a language: no stemming, no stop words


def word_keys(word):
    """The spellings a single normalised word is searched and stored under, and its consonant skeletons (matched
    only whole: a skeleton is short and would otherwise begin many words)."""
    try:
        loose = latin_keys(word)
    except ValueError:  # nothing left after normalisation
        return frozenset(), frozenset()
    spellings = frozenset(part for key in {word, *loose} for part in key.split())
    # Arabic writes no short vowels: its consonants are all that a Latin spelling shares with it.
    skeletons = frozenset(
        skeleton for key in loose for part in key.split() if part.isascii() and len(part) > 3
        for skeleton in [consonant_skeleton(part)] if len(skeleton) > 2
    )
    return spellings, skeletons - spellings


def key_of(*texts):
    """The search key of a record's texts: every word's spellings and skeletons, each once, between spaces (so a
    word's start is found by a space before it)."""
    seen = {}
    for text in texts:
        for word in normalise(text or "").split():
            spellings, skeletons = word_keys(word)
            seen.update(dict.fromkeys(sorted(spellings)))
            seen.update(dict.fromkeys(sorted(skeletons)))
    return f" {' '.join(seen)[:MAX_KEY_CHARS]} "


def query_words(query):
    """The words of a query (its first MAX_WORDS), each as (spellings, skeletons): a record matches when, for every
    word, one of its words begins with one of the spellings or equals one of the skeletons. A word with no spelling
    left (nothing but marks) is no condition."""
    words = (word_keys(word) for word in dict.fromkeys(normalise((query or "")[:MAX_QUERY_CHARS]).split()))
    return [word for word in words if word[0] or word[1]][:MAX_WORDS]


def vector():
    """The full-text vector of a key: the very expression of the GIN index, so that the index serves it."""
    return SearchVector("search_key", config=TEXT_SEARCH_CONFIG)


def text_query(words):
    """The PostgreSQL full-text query of `words`: for each word, any of its spellings as a word start or any of
    its skeletons whole."""
    clauses = []
    for spellings, skeletons in words:
        # Lexemes quoted: a normalised word has letters and digits only, so a quote never occurs inside one.
        options = [f"'{spelling}':*" for spelling in sorted(spellings)] + [f"'{s}'" for s in sorted(skeletons)]
        clauses.append(f"({' | '.join(options)})")
    return SearchQuery(" & ".join(clauses), search_type="raw", config=TEXT_SEARCH_CONFIG)


def matches(words, fuzzy=False):
    """The condition on a model's search key that `words` (:func:`query_words`, at least one) express.

    `fuzzy` adds, on PostgreSQL and for a one-word query, a trigram match that forgives a typing error: the search
    page's, which ranks its results best first; a list keeps to the rule, as its order is its own."""
    if connection.vendor == "postgresql":
        condition = Q(SearchVectorExact(vector(), text_query(words)))
        if fuzzy and len(words) == 1:
            for spelling in words[0][0]:
                if len(spelling) >= FUZZY_FROM:
                    condition |= Q(search_key__trigram_word_similar=spelling)
        return condition
    condition = Q()
    for spellings, skeletons in words:
        either = Q()
        for spelling in spellings:
            either |= Q(search_key__contains=f" {spelling}")
        for skeleton in skeletons:
            either |= Q(search_key__contains=f" {skeleton} ")
        condition &= either
    return condition


class AnyOf(Lookup):
    """`field IN (subquery)` written on PostgreSQL as `field = ANY(ARRAY(subquery))`: the subquery then runs once
    and its rows are read through the field's index, also beside an OR (where an IN would be checked row by row
    over the whole table)."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)
        return f"{lhs} IN {rhs}", (*lhs_params, *rhs_params)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


def key_for(instance):
    texts = [getattr(instance, name) for name in FIELDS[instance._meta.model_name]]
    related = ALIASES.get(instance._meta.model_name)
    if related and instance.pk:
        texts += list(getattr(instance, related).values_list("name", flat=True))
    return key_of(*texts)


def fill(instance):
    instance.search_key = key_for(instance)


def _model(apps, model_name):
    return apps.get_model(APPS.get(model_name, "catalog"), model_name)


class SearchKeyQuerySet(QuerySet):
    """bulk_create passes no save signal: the keys are written here."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            fill(obj)
        return super().bulk_create(objs, *args, **kwargs)


def refresh(instances):
    """Write the keys of `instances` again (an UPDATE each; no save signals fire)."""
    for instance in instances:
        type(instance).objects.filter(pk=instance.pk).update(search_key=key_for(instance))


def _before_save(sender, instance, raw=False, **kwargs):
    if not raw:
        fill(instance)


def _after_partial_save(sender, instance, raw=False, update_fields=None, **kwargs):
    # A save of some fields only writes those: the key of changed texts is written after it.
    texts = set(FIELDS[sender._meta.model_name])
    if not raw and update_fields is not None and "search_key" not in update_fields and texts & set(update_fields):
        sender.objects.filter(pk=instance.pk).update(search_key=instance.search_key)


def _alias_changed(sender, instance, raw=False, **kwargs):
    owner = getattr(instance, _ALIAS_OWNERS[sender._meta.model_name], None)
    if not raw and owner is not None and owner.pk:
        refresh([owner])


_ALIAS_OWNERS = {"personnamevariant": "person", "organizationalias": "organization", "placealias": "place"}


def _frame_texts_recorded(sender, media_file, texts, **kwargs):
    # The analysis bulk-creates a file's texts (no save signal) and sends this inside its transaction.
    for text in texts:
        fill(text)
    sender.objects.bulk_update(texts, ["search_key"])


def connect():
    """Called once by the app config: keys follow every save of a searchable record or an alias, and every text
    the analysis reads off a file's frames."""
    from django.apps import apps

    from provenance.signals import frame_texts_recorded

    frame_texts_recorded.connect(_frame_texts_recorded, dispatch_uid="catalog.search_key.frame_texts")
    for model_name in FIELDS:
        model = _model(apps, model_name)
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"catalog.search_key.{model_name}")
        post_save.connect(_after_partial_save, sender=model, dispatch_uid=f"catalog.search_key.{model_name}.partial")
    for model_name in _ALIAS_OWNERS:
        model = apps.get_model("catalog", model_name)
        post_save.connect(_alias_changed, sender=model, dispatch_uid=f"catalog.search_key.{model_name}.save")
        post_delete.connect(_alias_changed, sender=model, dispatch_uid=f"catalog.search_key.{model_name}.delete")


# PostgreSQL indexes on each key: full text (word starts and whole skeletons) and trigrams (typing errors; only
# where the search page looks: not on frame texts). Built by the migrations on PostgreSQL only (SQLite searches the
# keys with LIKE), so they are not in the models' state.
def postgres_indexes(model_name):
    from django.contrib.postgres.indexes import GinIndex

    indexes = [GinIndex(vector(), name=f"{model_name}_search_fts")]
    if model_name in SEARCH_PAGE_KEYS:
        indexes.append(GinIndex(fields=["search_key"], opclasses=["gin_trgm_ops"], name=f"{model_name}_search_trgm"))
    return indexes


def build_indexes(apps, schema_editor, model_names=SEARCH_PAGE_KEYS):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in model_names:
        for index in postgres_indexes(model_name):
            schema_editor.add_index(_model(apps, model_name), index)


def drop_indexes(apps, schema_editor, model_names=SEARCH_PAGE_KEYS):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in model_names:
        for index in postgres_indexes(model_name):
            schema_editor.remove_index(_model(apps, model_name), index)


def fill_all(apps=None, batch_size=500, model_names=tuple(FIELDS)):
    """Write every key again (the migrations, and `manage.py rebuild_search_keys`): {model name: rows}."""
    from django.apps import apps as live_apps

    apps = apps or live_apps
    written = {}
    for model_name in model_names:
        model = _model(apps, model_name)
        rows, batch = 0, []
        for instance in model._base_manager.order_by("pk").iterator(chunk_size=batch_size):
            instance.search_key = key_for(instance)
            batch.append(instance)
            if len(batch) >= batch_size:
                model._base_manager.bulk_update(batch, ["search_key"])
                rows, batch = rows + len(batch), []
        if batch:
            model._base_manager.bulk_update(batch, ["search_key"])
        written[model_name] = rows + len(batch)
    return written
