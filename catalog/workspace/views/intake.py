"""Bringing a report in: pasted or uploaded, read in the background while the page shows how far it got."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from catalog.models import ReportIngest
from catalog.services import report_intake
from catalog.workspace.intake_forms import ReportIntakeForm
from catalog.workspace.views.common import analyst_required, is_htmx
from provenance.choices import JobStatus


@require_http_methods(["GET", "POST"])
@analyst_required
def report_new(request):
    if request.method == "GET":
        earlier = ReportIngest.objects.filter(pk=request.GET.get("again")).first() if str(
            request.GET.get("again", "")).isdigit() else None
        initial = {"raw_text": earlier.raw_text, "url": earlier.url, "tlp": earlier.tlp} if earlier else {}
        return render(request, "workspace/report_new.html", {"form": ReportIntakeForm(initial=initial),
                                                              "page": "drafts"})
    form = ReportIntakeForm(request.POST, request.FILES)
    if form.is_valid():
        source = form.cleaned_data["source"]
        upload = form.cleaned_data["file"] if source == "file" else None
        try:
            received = report_intake.receive_report(
                upload.read(report_intake.MAX_REPORT_BYTES + 1) if upload else form.cleaned_data["raw_text"],
                url=form.cleaned_data["url"], tlp=form.cleaned_data["tlp"], user=request.user,
                filename=upload.name if upload else "",
            )
        except ValidationError as refused:
            form.add_error(source, refused.messages)
        else:
            if received.draft:
                messages.warning(request, f"“{received.draft.report.title}” was ingested before: here is its draft.")
                return HttpResponseRedirect(reverse("workspace:draft", args=[received.draft.pk]))
            return HttpResponseRedirect(reverse("workspace:report-ingest", args=[received.ingest.pk]))
    # A whole page with the form's errors: 200, as a browser shows it (a 4xx document is logged as a failed load).
    return render(request, "workspace/report_new.html", {"form": form, "page": "drafts"})


@require_GET
@analyst_required
def report_ingest(request, pk):
    """How the reading of a report is going; polled by htmx until it is done, then on to the draft."""
    ingest = get_object_or_404(ReportIngest.objects.select_related("draft__report"), pk=pk)
    done = ingest.status == JobStatus.SUCCEEDED and ingest.draft_id
    if done and is_htmx(request):
        response = render(request, "workspace/_ingest_status.html", {"ingest": ingest, "done": True})
        response["HX-Redirect"] = reverse("workspace:draft", args=[ingest.draft_id])
        return response
    if done:
        messages.success(request, f"“{ingest.draft.report.title}” is in; its draft waits for you.")
        return HttpResponseRedirect(reverse("workspace:draft", args=[ingest.draft_id]))
    context = {"ingest": ingest, "page": "drafts", "failed": ingest.status == JobStatus.FAILED}
    template = "workspace/_ingest_status.html" if is_htmx(request) else "workspace/report_ingest.html"
    return render(request, template, context)
