"""Creating and editing an item in the desk, with its producer and channels picked from the catalogue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from catalog import services
from catalog.models import MediaItem
from catalog.services import catalogue
from catalog.workspace import text
from catalog.workspace.item_forms import ItemForm
from catalog.workspace.views.common import analyst_required, error_text, is_htmx
from catalog.workspace.views.evidence import refused_status

MIN_QUERY = 2


def _answer(request, form, item, status=200):
    template = "workspace/_item_form.html" if is_htmx(request) else "workspace/item_edit.html"
    return render(request, template, {"form": form, "item": item, "page": "items"}, status=status)


def _done(request, url, message):
    messages.success(request, message)
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def _save(request, form, item):
    if not form.is_valid():
        return None
    try:
        fields = form.item_fields()
        channels, kind = form.channels, form.cleaned_data["sighting_kind"]
        if item is None:
            return services.create_item(user=request.user, channels=channels, sighting_kind=kind, **fields)
        return services.update_item(item, channels=channels, sighting_kind=kind, **fields)
    except ValidationError as refused:
        form.add_error(None, error_text(refused))
        return None


@require_http_methods(["GET", "POST"])
@analyst_required
def item_new(request):
    form = ItemForm(request.POST or None)
    if request.method == "POST":
        item = _save(request, form, None)
        if item is not None:
            return _done(request, reverse("workspace:item-evidence", args=[item.pk]),
                         f"Item {item.pk} created. Attach its evidence: files, or the URLs where it was posted.")
        return _answer(request, form, None, status=refused_status(request))
    return _answer(request, form, None)


@require_http_methods(["GET", "POST"])
@analyst_required
def item_edit(request, pk):
    item = get_object_or_404(MediaItem.objects.select_related("producer"), pk=pk)
    form = ItemForm(request.POST or None, item=item)
    if request.method == "POST":
        if _save(request, form, item) is not None:
            return _done(request, reverse("workspace:item", args=[item.pk]), "Item saved.")
        item.refresh_from_db()
        return _answer(request, form, item, status=refused_status(request))
    return _answer(request, form, item)


def _options(request, records, label):
    # Whichever field asks: an item's producer or channel, a draft claim's claimant ("name").
    query = (request.GET.get("producer") or request.GET.get("channel") or request.GET.get("name")
             or request.GET.get("q") or "")
    query = query.strip()[:200]
    found = records(query) if len(query) >= MIN_QUERY else []
    options = [(label(record), text.visible_controls(str(record))) for record in found]
    return render(request, "workspace/_pick_options.html", {"options": options})


@require_GET
@analyst_required
def pick_organizations(request):
    """Suggestions for a producer field: <option>s for its <datalist>."""
    return _options(request, catalogue.find_organizations, lambda organization: organization.name)


@require_GET
@analyst_required
def pick_channels(request):
    return _options(request, catalogue.find_channels, str)
