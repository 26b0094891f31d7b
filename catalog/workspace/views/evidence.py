"""An item's evidence screen: upload files (drag and drop, a progress bar per file), capture URLs one by one or from
a sheet, and watch each file's jobs (hashing, analysis, matching) until they are done."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from catalog import services
from catalog.ingest.capture_list import parse_pasted, parse_sheet
from catalog.models import MediaItem, UrlCapture
from catalog.workspace import queue as review_queue
from catalog.workspace.item_forms import CaptureForm
from catalog.workspace.views.common import analyst_required, error_text, is_htmx
from provenance.choices import EnrichmentKind, JobStatus
from provenance.jobs import JobFailed
from provenance.models import EnrichmentJob

ACTIVE = (JobStatus.PENDING, JobStatus.RUNNING)
STEPS = ((EnrichmentKind.HASHES, "Hashing"), (EnrichmentKind.ANALYSIS, "Analysis"), (EnrichmentKind.MATCHING, "Matching"))


@dataclass
class Step:
    label: str
    job: EnrichmentJob | None
    waiting: str = ""  # why there is no job yet

    @property
    def active(self):
        return self.job is not None and self.job.status in ACTIVE


def _steps(jobs):
    by_kind = {job.kind: job for job in jobs}
    steps = []
    for kind, label in STEPS:
        job = by_kind.get(kind)
        waiting = ""
        if job is None and kind == EnrichmentKind.MATCHING:
            analysis = by_kind.get(EnrichmentKind.ANALYSIS)
            waiting = {JobStatus.SUCCEEDED: "not needed: the analysis found nothing to match on",
                       JobStatus.FAILED: "needs the analysis to succeed first"}.get(
                analysis.status if analysis else None, "starts after the analysis")
        elif job is None:
            waiting = "not queued"
        steps.append(Step(label, job, waiting))
    return steps


def took(job):
    """How long a finished job ran, in words."""
    if not (job.started_at and job.finished_at):
        return ""
    seconds = max((job.finished_at - job.started_at).total_seconds(), 0)
    return f"{seconds:.1f} s" if seconds < 60 else f"{int(seconds // 60)} min {int(seconds % 60)} s"


def jobs_context(item):
    links = list(item.files.select_related("media_file").order_by("-attached_at", "-pk"))
    jobs = {}
    for job in EnrichmentJob.objects.filter(media_file__in=[link.media_file_id for link in links]):
        job.took = took(job)
        jobs.setdefault(job.media_file_id, []).append(job)
    files = [(link, _steps(jobs.get(link.media_file_id, []))) for link in links]
    captures = list(UrlCapture.objects.filter(media_item=item).select_related("sighting__channel", "item_file")
                    .order_by("-created_at", "-pk"))
    for capture in captures:
        capture.took = took(capture)
    running = any(step.active for _, steps in files for step in steps) or any(c.status in ACTIVE for c in captures)
    return {"item": item, "files": files, "captures": captures, "running": running}


def refused_status(request):
    """A refusal answered to a script (htmx or the upload script) is a 200 whose body says what went wrong: the
    browser logs every 4xx fetch as a console error, and the page shows the refusal itself. A whole page answers
    422."""
    return 200 if is_htmx(request) or _wants_json(request) else 422


def _item(pk):
    return get_object_or_404(MediaItem.objects.select_related("producer"), pk=pk)


def _page(request, item, capture_form=None, status=200, **extra):
    context = {"page": "items", "capture_form": capture_form or CaptureForm(), **jobs_context(item), **extra}
    return render(request, "workspace/evidence.html", context, status=status)


@require_GET
@analyst_required
def evidence_page(request, pk):
    return _page(request, _item(pk))


@require_GET
@analyst_required
def evidence_jobs(request, pk):
    """The jobs panel alone, polled while anything runs."""
    return render(request, "workspace/_evidence_jobs.html", jobs_context(_item(pk)))


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@require_POST
@analyst_required
def evidence_upload(request, pk):
    """Each file is attached on its own: a bad one is refused with its reason and the others are kept. The upload
    script sends one file per request and reads a JSON answer; a plain form sends them all and is redirected."""
    item = _item(pk)
    uploads = request.FILES.getlist("files")
    done, refused = [], []
    for upload in uploads:
        try:
            link = services.attach_file(item, upload, upload.name, request.user, source={"via": "desk upload"})
        except (ValidationError, JobFailed) as problem:
            refused.append(f"{upload.name}: {error_text(problem)}")
        else:
            done.append(f"{upload.name}: received, SHA-256 {link.media_file.sha256[:12]}…; hashing and analysis "
                        f"are queued.")
    if not uploads:
        refused.append("No file was sent: choose one or more files first.")
    if _wants_json(request):
        return JsonResponse({"received": done, "refused": refused}, status=201 if done and not refused else 200)
    for line in done:
        messages.success(request, line)
    for line in refused:
        messages.error(request, f"Not attached: {line}")
    return HttpResponseRedirect(reverse("workspace:item-evidence", args=[item.pk]))


def _capture_rows(form):
    rows, errors = parse_pasted(form.cleaned_data.get("urls") or "")
    sheet = form.cleaned_data.get("sheet")
    if sheet:
        sheet_rows, sheet_errors = parse_sheet(sheet.read())
        pasted = {row.url for row in rows}
        rows += [row for row in sheet_rows if row.url not in pasted]
        errors += sheet_errors
    return rows, errors


@require_POST
@analyst_required
def evidence_capture(request, pk):
    """Capture from pasted URLs and/or a CSV sheet; each good line is queued and records a sighting; bad lines are
    reported by number."""
    item = _item(pk)
    form = CaptureForm(request.POST, request.FILES)
    queued, errors = [], []
    if form.is_valid():
        rows, errors = _capture_rows(form)
        queued, unknown = services.request_url_captures(item, rows, request.user)
        errors = [str(error) for error in (*errors, *unknown)]
        if not queued and not errors:
            errors = ["No URL found in what was sent."]
    notice = f"{len(queued)} capture{'s' if len(queued) != 1 else ''} queued, each with a sighting." if queued else ""
    refused = not queued and (errors or not form.is_valid())
    if is_htmx(request):
        context = {**jobs_context(item), "capture_form": CaptureForm() if queued else form, "notice": notice,
                   "capture_errors": errors}
        html = render_to_string("workspace/_capture_form.html", context, request=request)
        html += render_to_string("workspace/_evidence_jobs.html", {**context, "oob": True, "notice": ""},
                                 request=request)
        return HttpResponse(html)
    if refused:
        return _page(request, item, capture_form=form, status=422, capture_errors=errors)
    if notice:
        messages.success(request, notice)
    for error in errors:
        messages.error(request, error)
    return HttpResponseRedirect(reverse("workspace:item-evidence", args=[item.pk]))


@require_POST
@analyst_required
def evidence_retry(request, pk, kind, job_pk):
    """Run a failed job again (the queue's rule: only a failed one), answering with the jobs panel."""
    item = _item(pk)
    model = review_queue.JOB_KINDS.get(kind)
    if model not in (EnrichmentJob, UrlCapture):
        raise Http404("No such kind of job.")
    lookup = {"media_file__item_links__media_item": item} if model is EnrichmentJob else {"media_item": item}
    job = get_object_or_404(model.objects.filter(**lookup).distinct(), pk=job_pk)
    try:
        review_queue.requeue_job(kind, job)
        notice, error = "Sent to a worker again; it is pending.", ""
    except ValidationError as refused:
        notice, error = "", error_text(refused)
    if is_htmx(request):
        context = {**jobs_context(item), "notice": notice, "error": error}
        return render(request, "workspace/_evidence_jobs.html", context)
    (messages.error if error else messages.success)(request, error or notice)
    return HttpResponseRedirect(reverse("workspace:item-evidence", args=[item.pk]) + "#evidence-jobs")
