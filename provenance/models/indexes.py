"""The indexes a list needs: every ordering it offers, every filter it takes (tests/catalog/test_list_indexes.py)."""

from django.db import models


def list_indexes(prefix, orderings=(), filters=()):
    """A B-tree on (column, id) for each ordering, which serves it both ways and lets a cursor seek (see
    provenance.api.pagination.Keyset), and one on each filtered column that no ordering index leads with."""
    indexes = [models.Index(fields=[name, "id"], name=_name(prefix, name, "ord")) for name in orderings]
    indexes += [models.Index(fields=[name], name=_name(prefix, name, "ix")) for name in filters if name not in orderings]
    return indexes


def _name(prefix, field, suffix):
    name = f"{prefix}_{field}_{suffix}"
    assert len(name) <= 30, name  # PostgreSQL's and Django's limit; shorten the prefix
    return name
