"""The list of media items, filtered with the same filterset as the API."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.forms import NullBooleanSelect
from django.shortcuts import render
from django.views.decorators.http import require_GET

from catalog.filtersets import MediaItemFilterSet
from catalog.models import MediaItem, Sighting
from catalog.workspace import text
from catalog.workspace.paging import CappedPaginator
from catalog.workspace.views import lists
from catalog.workspace.views.common import analyst_required


def sightings_of_row():
    # Counted for the page's rows only: a COUNT joined over all items would group every sighting on every request.
    counted = Sighting.objects.filter(media_item=OuterRef("pk")).order_by().values("media_item").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")), 0)


@require_GET
@analyst_required
def item_list(request):
    queryset = (
        MediaItem.objects.select_related("producer").annotate(sighting_count=sightings_of_row())
        .order_by("-created_at", "-pk")
    )
    filterset = MediaItemFilterSet(request.GET or None, queryset=queryset, request=request)
    for field in filterset.form.fields.values():
        if hasattr(field, "label_from_instance"):  # choices named by scraped text (producers, channels, tags)
            field.label_from_instance = lambda record: text.visible_controls(str(record))
        for end, widget in zip(("from", "to"), getattr(field.widget, "widgets", ())):
            # A range's two boxes share one visible label, which names neither box: each gets its own name.
            widget.attrs.setdefault("aria-label", f"{field.label} {end} (YYYY-MM-DD)")
        if isinstance(field.widget, NullBooleanSelect):  # "Unknown" reads as a value; it means "any"
            field.widget.choices = [("unknown", "Any"), ("true", "Yes"), ("false", "No")]
    items = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    if filterset.is_bound and not filterset.is_valid():
        items = queryset.none()
    page = CappedPaginator(items, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    more_filters_used = any(value for name, value in request.GET.items() if name not in ("q", "page")) or bool(
        filterset.is_bound and filterset.form.errors)
    return render(request, "workspace/items.html", {
        "filterset": filterset, "page_obj": page, "query": query.urlencode(), "page": "items",
        "more_filters_used": more_filters_used, **lists.bulk_context(),
    })
