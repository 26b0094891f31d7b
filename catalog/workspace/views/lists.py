"""Actions on the item list: a selection (checkboxes) tagged, re-marked, given a verdict or exported; or the whole
filtered list exported. The work is done by catalog.services.item_lists; exports by catalog.exports."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from catalog.choices import TLP, MediaAuthenticity
from catalog.filtersets import MediaItemFilterSet
from catalog.models import MediaItem, Tag
from catalog.policies.access import caller_of
from catalog.services import item_lists
from catalog.workspace.forms import RationaleField
from catalog.workspace.views.common import analyst_required, error_text, safe_next

ACTIONS = {"tag": "Add tag", "tlp": "Set TLP", "verdict": "Record verdict", "export": "Export"}


class BulkForm(forms.Form):
    items = forms.TypedMultipleChoiceField(coerce=int, choices=(), error_messages={
        "required": "Select at least one item.", "invalid_choice": "One of the selected items no longer exists."})
    action = forms.ChoiceField(choices=list(ACTIONS.items()))
    tag = forms.CharField(label="Tag", required=False, max_length=100, strip=True)
    tlp = forms.ChoiceField(label="TLP", required=False, choices=[("", "Choose…"), *TLP.choices])
    authenticity = forms.ChoiceField(label="Authenticity", required=False,
                                     choices=[("", "Choose…"), *MediaAuthenticity.choices])
    rationale = RationaleField(label="Rationale", required=False)
    format = forms.ChoiceField(label="Format", required=False, choices=list(item_lists.LIST_EXPORT_FORMATS.items()))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices are the submitted keys that are items; anything else is refused as "no longer exists".
        keys = [key for key in self.data.getlist("items") if key.isdigit() and len(key) <= 18] if self.data else []
        self.fields["items"].choices = [
            (pk, pk) for pk in MediaItem.objects.filter(pk__in=keys).values_list("pk", flat=True)]


def bulk_context():
    """What the item list's selection form offers."""
    return {
        "tags": Tag.objects.order_by("name")[:200], "tlp_choices": TLP.choices,
        "authenticity_choices": MediaAuthenticity.choices, "export_formats": list(item_lists.LIST_EXPORT_FORMATS.items()),
    }


@require_POST
@analyst_required
def bulk_action(request):
    back = safe_next(request, reverse("workspace:items"))
    form = BulkForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return HttpResponseRedirect(back)
    data = form.cleaned_data
    try:
        items = item_lists.selected(data["items"])
        if data["action"] == "export":
            return _download(request, items, data["format"] or "csv")
        messages.success(request, _apply(request, data, items))
    except ValidationError as refused:
        messages.error(request, error_text(refused))
    return HttpResponseRedirect(back)


def _apply(request, data, items):
    count = items.count()
    if data["action"] == "tag":
        tag, added = item_lists.tag_items(items, data["tag"])
        return f"Tagged {added} of {count} selected item{'s' if count != 1 else ''} “{tag.name}”."
    if data["action"] == "tlp":
        changed = item_lists.set_tlp(items, data["tlp"])
        return f"Marked {changed} of {count} selected item{'s' if count != 1 else ''} {TLP(data['tlp']).label}."
    events = item_lists.record_authenticity(items, data["authenticity"], request.user, data["rationale"])
    label = MediaAuthenticity(data["authenticity"]).label
    return f"Recorded “{label}” on {len(events)} of {count} selected item{'s' if count != 1 else ''}."


@require_GET
@analyst_required
def export_filtered(request):
    """The whole filtered list (the item list's filters, the same filterset as the API) as one export."""
    query = request.GET.copy()
    export_format = query.pop("format", ["csv"])[-1]
    filterset = MediaItemFilterSet(query, queryset=MediaItem.objects.all(), request=request)
    if not filterset.is_valid():
        messages.error(request, "The filters are not valid: fix them on the list, then export.")
        return HttpResponseRedirect(f"{reverse('workspace:items')}?{query.urlencode()}")
    try:
        return _download(request, filterset.qs, export_format)
    except ValidationError as refused:
        messages.error(request, error_text(refused))
        return HttpResponseRedirect(f"{reverse('workspace:items')}?{query.urlencode()}")


def _download(request, items, export_format):
    export = item_lists.export_items(items, export_format, caller_of(request), request.build_absolute_uri("/"))
    response = HttpResponse(export.content, content_type=export.content_type)
    suffix = export.filename.split(".", 1)[1]
    response["Content-Disposition"] = f'attachment; filename="media-items.{suffix}"'
    return response
