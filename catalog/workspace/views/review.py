"""The review queue: variant proposals, findings, failed jobs and verdicts awaiting a second analyst."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import truncatechars
from django.views.decorators.http import require_GET, require_POST

from catalog import services
from catalog.models import (
    Finding,
    ReviewEvent,
    VariantProposal,
)
from catalog.workspace import queue as review_queue
from catalog.workspace.forms import (
    ApprovalForm,
    DecisionForm,
    ReviewDecisionForm,
)
from catalog.workspace.views.common import analyst_required, entry_done, error_text, is_htmx, item_link
from catalog.workspace.views.dossier import dossier_action_answer


@require_GET
@analyst_required
def queue_view(request):
    return render(request, "workspace/queue.html", {"queue": review_queue.gather(request.user), "page": "queue"})


@require_POST
@analyst_required
def proposal_decide(request, pk):
    """Confirm or reject one member of a variant family (from the queue's family entry or the side-by-side page)."""
    proposal = get_object_or_404(VariantProposal.objects.select_related("media_item", "matched_item"), pk=pk)
    form = DecisionForm(request.POST, decisions=("confirm", "reject"))
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["decision"])
        if form.cleaned_data["decision"] == "confirm":
            services.confirm_variant(proposal, request.user)
            message = (f"Confirmed: “{proposal.media_item.title}” is a variant of "
                       f"“{proposal.matched_item.title}”.")
        else:
            services.reject_variant(proposal, request.user)
            message = (f"Rejected: “{proposal.media_item.title}” is not a variant of "
                       f"“{proposal.matched_item.title}”.")
    except ValidationError as refused:
        return _member_done(request, proposal, error_text(refused), tone="error", status=422)
    return _member_done(request, proposal, message, link=item_link(proposal.matched_item),
                        link_text="Open the family's representative")


def _member_done(request, proposal, message, status=200, **shown):
    """What replaces a family member's row once decided (htmx), or a redirect back with the message (no JS)."""
    if not is_htmx(request):
        return entry_done(request, entry_id=f"proposal-{proposal.pk}", message=message, **shown)
    return render(request, "workspace/_proposal_member_done.html", {
        "entry_id": f"proposal-{proposal.pk}", "message": message, "link": shown.get("link"),
        "link_text": shown.get("link_text"), "tone": shown.get("tone", "done"),
    }, status=status)


@require_POST
@analyst_required
def finding_decide(request, pk):
    finding = get_object_or_404(Finding.objects.select_related("media_item"), pk=pk)
    form = DecisionForm(request.POST, decisions=review_queue.finding_decisions(finding))
    entry_id = f"finding-{pk}"
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["decision"])
        decision = form.cleaned_data["decision"]
        finding = review_queue.decide_finding(finding, decision)
    except ValidationError as refused:
        return entry_done(request, entry_id=entry_id, message=error_text(refused), tone="error", status=422)
    return entry_done(request, entry_id=entry_id, message=review_queue.decision_message(finding, decision),
                      link=item_link(finding.media_item), link_text="Open the item")


@require_POST
@analyst_required
def job_requeue(request, kind, pk):
    model = review_queue.JOB_KINDS.get(kind)
    if model is None:
        raise Http404("No such kind of job.")
    job = get_object_or_404(model, pk=pk)
    entry_id = f"job-{kind}-{pk}"
    try:
        review_queue.requeue_job(kind, job)
    except ValidationError as refused:
        return entry_done(request, entry_id=entry_id, message=error_text(refused), tone="error", status=422)
    return entry_done(request, entry_id=entry_id, message="Sent to a worker again; it is pending.")


@require_POST
@analyst_required
def review_approve(request, pk):
    event = get_object_or_404(ReviewEvent.objects.select_related("media_item", "claim__media_item"), pk=pk)
    form = ApprovalForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    item = event.media_item or (event.claim.media_item if event.claim_id else None)
    from_dossier = request.POST.get("context") == "dossier" and item is not None
    try:
        services.approve_review(event, request.user, note=note)
    except ValidationError as refused:
        if from_dossier:
            return dossier_action_answer(request, item, "review", error=error_text(refused), status=422)
        return entry_done(request, entry_id=f"verdict-{pk}", message=error_text(refused), tone="error", status=422)
    message = f"Approved: {verdict_phrase(event)} is now published."
    if from_dossier:
        return dossier_action_answer(request, item, "review", notice=message)
    return entry_done(request, entry_id=f"verdict-{pk}", message=message, link=item_link(item),
                      link_text="Open the item")


def verdict_phrase(event):
    """A verdict named as an analyst reads it: its value and the record's title, never an id."""
    verdict = review_queue.Verdict(event, superseded=False, is_own=False)
    subject = truncatechars(verdict.subject_text, 80)
    return f"the verdict “{verdict.new_label}” on “{subject}”"


DECISION_MESSAGES = {
    "reject": "Rejected: {verdict}. Partners keep seeing the published value.",
    "send_back": "Sent back to {author}: {verdict}.",
    "withdraw": "Withdrawn: {verdict}. Partners keep seeing the published value.",
}


@require_POST
@analyst_required
def review_decide(request, pk):
    """Reject or send back a colleague's verdict, or withdraw one's own, from the queue or the dossier."""
    event = get_object_or_404(
        ReviewEvent.objects.select_related("media_item", "claim__media_item", "analyst"), pk=pk)
    item = event.media_item or (event.claim.media_item if event.claim_id else None)
    from_dossier = request.POST.get("context") == "dossier" and item is not None
    form = ReviewDecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([error for errors in form.errors.values() for error in errors])
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        {"reject": services.reject_review, "send_back": services.send_back_review,
         "withdraw": services.withdraw_review}[decision](event, request.user, comment)
    except ValidationError as refused:
        if from_dossier:
            return dossier_action_answer(request, item, "review", error=error_text(refused), status=422)
        return entry_done(request, entry_id=f"verdict-{pk}", message=error_text(refused), tone="error", status=422)
    message = DECISION_MESSAGES[decision].format(verdict=verdict_phrase(event), author=event.analyst.get_username())
    if from_dossier:
        return dossier_action_answer(request, item, "review", notice=message)
    return entry_done(request, entry_id=f"verdict-{pk}", message=message, link=item_link(item),
                      link_text="Open the item")
