"""Every filter and ordering a list offers has its index, in the state the migrations build (PostgreSQL)."""

import pytest
from django.db.migrations.loader import MigrationLoader

from catalog.api import views
from catalog.policies.access import PUBLISHED
from provenance.api import views as evidence_views

LISTS = [
    views.MediaItemViewSet, views.SightingViewSet, views.ChannelViewSet, views.OrganizationViewSet,
    views.PersonViewSet, views.IdentityAssertionViewSet, views.ClaimViewSet, views.ClaimLinkViewSet,
    views.PlaceViewSet, views.ReportViewSet, views.QuoteViewSet, views.TagViewSet, views.ReviewEventViewSet,
    evidence_views.MediaFileViewSet, evidence_views.EnrichmentJobViewSet,
]
# Filters of their own (a method): the path they filter on.
METHOD_PATHS = {("mediafile", "media_item"): "item_links__media_item"}
# Free text has full-text indexes on the search keys (catalog/search_keys.py; tests/lists/test_search_plans.py).
TEXT_FILTERS = {"q"}


@pytest.fixture(scope="module")
def migrated(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import connection

        return MigrationLoader(connection, ignore_no_migrations=True).project_state().apps


def leading_columns(model):
    """(column, second column or None) of every index on the migrated model's table."""
    found = {(model._meta.pk.column, None)}
    for field in model._meta.local_concrete_fields:
        if field.db_index or field.unique:
            found.add((field.column, None))
    for index in list(model._meta.indexes) + list(model._meta.constraints):
        names = [name.lstrip("-") for name in getattr(index, "fields", ())]
        if names:
            columns = [model._meta.get_field(name).column for name in names]
            found.add((columns[0], columns[1] if len(columns) > 1 else None))
    for fields in model._meta.unique_together:
        found.add((model._meta.get_field(fields[0]).column, None))
    return found


def has_index_on(model, column):
    return any(lead == column for lead, _ in leading_columns(model))


def hops(migrated, model, path):
    """(model, column) pairs a filter on `path` needs indexed: each join's key, then the column filtered."""
    needs = []
    for position, name in enumerate(path.split("__")):
        field = model._meta.get_field(name)
        last = position == len(path.split("__")) - 1
        if field.many_to_many:
            through = getattr(model, name).through if not field.auto_created else field.remote_field.through
            through = migrated.get_model(through._meta.app_label, through._meta.model_name)
            needs += [(through, f.column) for f in through._meta.local_concrete_fields if f.is_relation]
            model = migrated.get_model(field.related_model._meta.app_label, field.related_model._meta.model_name)
        elif field.one_to_many:  # a reverse foreign key: the other table's key
            remote = migrated.get_model(field.related_model._meta.app_label, field.related_model._meta.model_name)
            needs.append((remote, remote._meta.get_field(field.field.name).column))
            model = remote
        else:
            needs.append((model, field.column))
            if field.is_relation and not last:
                model = migrated.get_model(field.related_model._meta.app_label, field.related_model._meta.model_name)
    return needs


def migrated_model(migrated, view):
    model = view.filterset_class._meta.model
    return migrated.get_model(model._meta.app_label, model._meta.model_name), model


def published(model, name):
    return [name] + ([PUBLISHED[model][name]] if name in PUBLISHED.get(model, {}) else [])


@pytest.mark.parametrize("view", LISTS, ids=lambda view: view.__name__)
def test_every_filter_of_the_list_has_an_index_on_each_column_it_reads(postgresql, migrated, view):
    model, live = migrated_model(migrated, view)
    unindexed = []
    for name, filter_ in view.filterset_class.base_filters.items():
        if name in TEXT_FILTERS:
            continue
        path = METHOD_PATHS.get((live._meta.model_name, name), filter_.field_name)
        for variant in published(live, path):
            unindexed += [
                f"{name}: {needed._meta.db_table}.{column}"
                for needed, column in hops(migrated, model, variant) if not has_index_on(needed, column)
            ]

    assert unindexed == []


@pytest.mark.parametrize("view", LISTS, ids=lambda view: view.__name__)
def test_every_ordering_of_the_list_has_an_index_on_its_column_then_the_key(postgresql, migrated, view):
    model, live = migrated_model(migrated, view)
    default = next(term for term in live._meta.ordering if isinstance(term, str)).lstrip("-")
    unindexed = []
    for name in {*view.ordering_fields, default} - {"pk"}:
        for variant in published(live, name):
            field = model._meta.get_field(variant)
            columns = leading_columns(model)
            if not (field.primary_key or field.unique or (field.column, model._meta.pk.column) in columns):
                unindexed.append(f"{variant}: {model._meta.db_table}.{field.column}")

    assert unindexed == []
