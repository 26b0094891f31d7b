"""Working together: an item's assignment and comments (a dossier section), and the analyst's inbox."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from catalog.models import ItemComment, MediaItem
from catalog.policies.access import analyst_users
from catalog.services import together
from catalog.workspace import inbox as my_inbox
from catalog.workspace.together_forms import AssignForm, CommentForm
from catalog.workspace.views.common import analyst_required, error_text, is_htmx

def together_context(item, user, **extra):
    assignment = together.current_assignment(item)
    comments = ItemComment.objects.filter(media_item=item).select_related("author")
    return {
        "item": item, "assignment": assignment, "poll_seconds": settings.WORKSPACE_POLL_SECONDS,
        "comments": comments, "comments_version": comments_version(comments),
        "assign_form": extra.pop("assign_form", None) or AssignForm(
            analysts=analyst_users(), initial={"assignee": assignment.assignee_id if assignment else ""}),
        "comment_form": extra.pop("comment_form", None) or CommentForm(),
        **extra,
    }


def _answer(request, item, *, notice="", error="", status=200, **extra):
    if is_htmx(request):
        return render(request, "workspace/_together.html",
                      together_context(item, request.user, notice=notice, error=error, **extra), status=status)
    (messages.error if error else messages.success)(request, error or notice)
    return HttpResponseRedirect(reverse("workspace:item", args=[item.pk]) + "#together")


@require_POST
@analyst_required
def item_assign(request, pk):
    item = get_object_or_404(MediaItem, pk=pk)
    form = AssignForm(request.POST, analysts=analyst_users())
    if not form.is_valid():
        return _answer(request, item, error="Choose an analyst from the list.", status=422, assign_form=form)
    assignee = form.cleaned_data["assignee"]
    try:
        together.assign_item(item, assignee, request.user)
    except ValidationError as refused:
        return _answer(request, item, error=error_text(refused), status=422)
    who = "you" if assignee == request.user else (assignee.get_username() if assignee else "nobody")
    return _answer(request, item, notice=f"“{item.title}” is assigned to {who}.")


@require_POST
@analyst_required
def item_comment(request, pk):
    item = get_object_or_404(MediaItem, pk=pk)
    form = CommentForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["body"])
        together.comment_on_item(item, request.user, form.cleaned_data["body"])
    except ValidationError as refused:
        return _answer(request, item, error=f"The comment was not saved: {error_text(refused)}", status=422,
                       comment_form=form)
    return _answer(request, item, notice="Comment added.")


@require_GET
@analyst_required
def item_comments(request, pk):
    """The comments alone, which an open dossier polls for (the form being typed in is left alone)."""
    item = get_object_or_404(MediaItem, pk=pk)
    context = together_context(item, request.user)
    if request.GET.get("seen") == comments_version(context["comments"]):
        return HttpResponse(status=204)  # nothing new: htmx swaps nothing
    return render(request, "workspace/_comments.html", context)


def comments_version(comments):
    last = comments.order_by("-pk").values_list("pk", flat=True).first()
    return f"{comments.count()}-{last or 0}"


@require_GET
@analyst_required
def inbox(request):
    entries = my_inbox.gather(request.user)
    context = {"entries": entries, "version": my_inbox.version(entries), "page": "inbox",
               "poll_seconds": settings.WORKSPACE_POLL_SECONDS}
    if is_htmx(request) and request.GET.get("seen") == context["version"]:
        return HttpResponse(status=204)  # nothing new: htmx swaps nothing
    if is_htmx(request):
        return render(request, "workspace/_inbox_entries.html", context)
    return render(request, "workspace/inbox.html", context)
