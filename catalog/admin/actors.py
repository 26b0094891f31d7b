"""Who and where: organisations, channels, people and places, each findable by any of its names."""

from django.contrib import admin

from catalog.models import (
    Channel,
    Organization,
    OrganizationAlias,
    Person,
    PersonNameVariant,
    Place,
    PlaceAlias,
)


class AliasInline(admin.TabularInline):
    fields = ("name", "script")
    extra = 1


class OrganizationAliasInline(AliasInline):
    model = OrganizationAlias


class PersonNameVariantInline(AliasInline):
    model = PersonNameVariant


class PlaceAliasInline(AliasInline):
    model = PlaceAlias


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "affiliation", "updated_at")
    list_filter = ("kind", "created_at")
    search_fields = ("name", "aliases__name")
    autocomplete_fields = ("affiliation",)
    list_select_related = ("affiliation",)
    inlines = [OrganizationAliasInline]


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ("__str__", "platform", "handle", "operator", "status", "first_active_at", "removed_at")
    list_filter = ("platform", "status", "operator", "first_active_at", "removed_at")
    search_fields = ("handle", "url", "operator__name", "operator__aliases__name")
    autocomplete_fields = ("operator",)
    list_select_related = ("operator",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("canonical_name", "birth_year", "birthplace")
    list_filter = ("birth_year", "created_at")
    search_fields = ("canonical_name", "name_variants__name")
    autocomplete_fields = ("birthplace",)
    list_select_related = ("birthplace",)
    inlines = [PersonNameVariantInline]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "country_code", "latitude", "longitude")
    list_filter = ("kind", "country_code")
    search_fields = ("name", "aliases__name", "country_code")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)
    inlines = [PlaceAliasInline]


# The alias rows have their own lists too, to find a name whatever it belongs to.
for alias_model, owner in ((OrganizationAlias, "organization"), (PersonNameVariant, "person"), (PlaceAlias, "place")):
    admin.site.register(
        alias_model,
        list_display=("name", "script", owner),
        list_filter=("script",),
        search_fields=("name",),
        autocomplete_fields=(owner,),
        list_select_related=(owner,),
    )
