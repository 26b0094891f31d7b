"""The gazetteer's table, read-only: it is reference data that `manage.py load_gazetteer` replaces as a whole, so an
edit here would be lost at the next load (hand-added places go in catalog/resolution/data/places.json, with a
source)."""

from django.contrib import admin

from catalog.models import GazetteerEntry, GazetteerName
from provenance.admin import ReadOnlyAdminMixin


class GazetteerNameInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = GazetteerName
    fields = ["alias", "key", "match"]
    extra = 0
    max_num = 0


@admin.register(GazetteerEntry)
class GazetteerEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["id", "name", "kind", "country_code", "subdivision_code", "population", "source"]
    list_filter = ["kind", "country_code"]
    search_fields = ["=id", "name"]
    show_full_result_count = False  # 240k rows: no COUNT(*) on every search
    inlines = [GazetteerNameInline]


@admin.register(GazetteerName)
class GazetteerNameAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["alias", "entry", "key", "match"]
    search_fields = ["key", "alias"]
    show_full_result_count = False
    raw_id_fields = ["entry"]
