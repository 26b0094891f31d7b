"""Search keys: each searchable record keeps its text as loose Latin words, so that a query in any script meets it.

A record's ``search_key`` holds, for every word of its searchable text, the word normalised
(catalog.resolution.names.normalise) and its loose Latin keys (``latin_keys``): "Заболотный", "Zabolotnyy" and
"Zabolotny" all give "zabolotni", "محمد" gives the consonants "mhmd" that "Muhammad" also gives. A query is
turned into the same words (:func:`query_words`), one set of spellings per word.

The key is written whenever a record is saved (pre_save) or bulk-created (:class:`SearchKeyQuerySet`), and a
person's or organisation's key also holds its aliases (refreshed when an alias changes). ``manage.py
rebuild_search_keys`` writes every key again, for rows changed by a raw UPDATE or loaded from a dump.
"""

from django.db.models import QuerySet
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
}
# The alias model's related name on its owner, by owner.
ALIASES = {"person": "name_variants", "organization": "aliases"}
MAX_KEY_CHARS = 200_000  # a report body of a book's length keeps its first words searchable, not the whole


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
    """The words of a query, each as (spellings, skeletons): a record matches when, for every word, one of its
    words begins with one of the spellings or equals one of the skeletons."""
    return [word_keys(word) for word in dict.fromkeys(normalise(query).split())]


def key_for(instance):
    texts = [getattr(instance, name) for name in FIELDS[instance._meta.model_name]]
    related = ALIASES.get(instance._meta.model_name)
    if related and instance.pk:
        texts += list(getattr(instance, related).values_list("name", flat=True))
    return key_of(*texts)


def fill(instance):
    instance.search_key = key_for(instance)


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


_ALIAS_OWNERS = {"personnamevariant": "person", "organizationalias": "organization"}


def connect():
    """Called once by the app config: keys follow every save of a searchable record or an alias."""
    from django.apps import apps

    for model_name in FIELDS:
        model = apps.get_model("catalog", model_name)
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"catalog.search_key.{model_name}")
        post_save.connect(_after_partial_save, sender=model, dispatch_uid=f"catalog.search_key.{model_name}.partial")
    for model_name in _ALIAS_OWNERS:
        model = apps.get_model("catalog", model_name)
        post_save.connect(_alias_changed, sender=model, dispatch_uid=f"catalog.search_key.{model_name}.save")
        post_delete.connect(_alias_changed, sender=model, dispatch_uid=f"catalog.search_key.{model_name}.delete")


# PostgreSQL indexes on each key: full text (word starts and whole skeletons) and trigrams (typing errors). Built
# by the migration on PostgreSQL only (SQLite searches the keys with LIKE), so they are not in the models' state.
def postgres_indexes(model_name):
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    return [
        GinIndex(SearchVector("search_key", config=TEXT_SEARCH_CONFIG), name=f"{model_name}_search_fts"),
        GinIndex(fields=["search_key"], opclasses=["gin_trgm_ops"], name=f"{model_name}_search_trgm"),
    ]


TEXT_SEARCH_CONFIG = "simple"  # the keys are spellings, not words of a language: no stemming, no stop words


def build_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in FIELDS:
        model = apps.get_model("catalog", model_name)
        for index in postgres_indexes(model_name):
            schema_editor.add_index(model, index)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in FIELDS:
        model = apps.get_model("catalog", model_name)
        for index in postgres_indexes(model_name):
            schema_editor.remove_index(model, index)


def fill_all(apps=None, batch_size=500):
    """Write every key again (the migration, and `manage.py rebuild_search_keys`): {model name: rows}."""
    from django.apps import apps as live_apps

    apps = apps or live_apps
    written = {}
    for model_name in FIELDS:
        model = apps.get_model("catalog", model_name)
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
