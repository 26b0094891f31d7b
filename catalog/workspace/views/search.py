"""The desk's search: one box for every kind of record, in any script, and hashes (catalog.services.search)."""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from catalog import search_keys
from catalog.policies.access import caller_of
from catalog.services import search as catalogue_search
from catalog.workspace.views.common import analyst_required


@require_GET
@analyst_required
def search_view(request):
    query = request.GET.get("q", "")
    caller = caller_of(request)
    results = catalogue_search.search(caller, query)
    groups = [
        {"kind": group.kind, "more": group.more, "hits": [_shown(hit, caller) for hit in group.hits]}
        for group in results.groups
    ]
    return render(request, "workspace/search.html", {
        "page": "search", "query": results.query, "groups": groups, "count": results.count,
        "too_long": len(query.strip()) > search_keys.MAX_QUERY_CHARS,
    })


def _shown(hit, caller):
    record = hit.record
    item = record if hit.kind == "media_items" else getattr(record, "media_item", None)
    return {
        "hit": hit, "title": catalogue_search.title_of(hit, caller), "aliases": catalogue_search.aliases_of(hit),
        "item": item, "link": reverse("workspace:item", args=[item.pk]) if item is not None else _admin_link(record),
        "report": getattr(record, "report", None),
    }


def _admin_link(record):
    # Records without a desk page of their own are edited in the admin, which stays for data administration.
    try:
        return reverse(f"admin:catalog_{record._meta.model_name}_change", args=[record.pk])
    except NoReverseMatch:
        return None
