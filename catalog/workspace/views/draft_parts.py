"""Correcting a draft's parts before accepting them, attaching it to a catalogued item, and confirming "accept all"."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from catalog.models import MediaItem
from catalog.services import draft_edits
from catalog.workspace.intake_forms import (
    AttachForm,
    ChannelNameForm,
    ClaimantForm,
    IdentityCorrectionForm,
    PlaceChoiceForm,
)
from catalog.workspace.views.common import analyst_required, error_text, is_htmx
from catalog.workspace.views.drafts import _draft, draft_context, part_name



def _answer(request, draft, path, *, notice="", error=""):
    """The draft again, scrolled to the part (no JS), or its body with the notice (htmx)."""
    anchor = f"#p-{path.replace('.', '-')}" if path else ""
    if not is_htmx(request):
        (messages.error if error else messages.success)(request, error or notice)
        return HttpResponseRedirect(reverse("workspace:draft", args=[draft.pk]) + anchor)
    draft.refresh_from_db()
    return render(request, "workspace/_draft_body.html", draft_context(draft, notice=notice, error=error),
                  status=422 if error else 200)


def _apply(request, draft, path, form, change):
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[name].label or name}: {' '.join(found)}" if name in form.fields
                           else " ".join(found) for name, found in form.errors.items())
        return _answer(request, draft, path, error=f"Not changed. {errors}")
    try:
        change(form.cleaned_data)
    except ValidationError as refused:
        return _answer(request, draft, path, error=f"Not changed: {error_text(refused)}")
    draft.refresh_from_db()
    return _answer(request, draft, path, notice=f"Corrected {part_name(draft, path)}.")


@require_POST
@analyst_required
def correct_identity(request, pk, index):
    draft = _draft(pk)
    return _apply(request, draft, f"identities.{index}", IdentityCorrectionForm(request.POST),
                  lambda data: draft_edits.correct_identity(draft, index, request.user, **data))


@require_POST
@analyst_required
def name_channel(request, pk, index):
    draft = _draft(pk)
    return _apply(request, draft, f"channels.{index}", ChannelNameForm(request.POST),
                  lambda data: draft_edits.name_channel(draft, index, request.user, **data))


@require_POST
@analyst_required
def choose_claimant(request, pk, index):
    draft = _draft(pk)
    return _apply(request, draft, f"claims.{index}", ClaimantForm(request.POST),
                  lambda data: draft_edits.choose_claimant(draft, index, request.user, **data))


@require_POST
@analyst_required
def choose_place(request, pk, index):
    draft = _draft(pk)
    return _apply(request, draft, f"places.{index}", PlaceChoiceForm(request.POST),
                  lambda data: draft_edits.choose_place(draft, index, request.user, data["candidate"]))


@require_POST
@analyst_required
def attach(request, pk):
    """Attach the draft to a catalogued item (`item`), or take that back (no `item`)."""
    draft = _draft(pk)
    form = AttachForm(request.POST)
    if not form.is_valid():
        return _answer(request, draft, "media_item", error="Choose an item.")
    item = get_object_or_404(MediaItem, pk=form.cleaned_data["item"]) if form.cleaned_data["item"] else None
    try:
        draft_edits.attach_to_item(draft, item, request.user)
    except ValidationError as refused:
        return _answer(request, draft, "media_item", error=error_text(refused))
    notice = (f"Accepting this draft adds its parts to “{item.title}”." if item
              else "Accepting this draft creates a new item.")
    return _answer(request, draft, "media_item", notice=notice)


@require_GET
@analyst_required
def accept_all(request, pk):
    """What "accept all" would create, to be confirmed; the confirmation posts to the draft's decide view."""
    draft = _draft(pk)
    try:
        plan, error = draft_edits.acceptance_plan(draft, request.user), ""
    except ValidationError as refused:
        plan, error = None, error_text(refused)
    return render(request, "workspace/draft_accept_all.html", {
        **draft_context(draft), "plan": plan, "error": error, "attached": draft_edits.attached_item(draft),
        "from_queue": request.GET.get("from") == "queue",
    })

