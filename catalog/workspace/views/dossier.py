"""An item's dossier: its media, evidence, sightings, claims, identities and review, and the actions on them."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import truncatechars
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from catalog import services
from catalog.choices import ClaimStatus, FindingStatus
from catalog.models import (
    Claim,
    ClaimLink,
    ItemFile,
    MediaItem,
    ReviewEvent,
    VariantProposal,
)
from catalog.models.claims import DISPUTING_RELATIONS
from catalog.policies import access
from catalog.services import bundles
from catalog.services.web_archives import latest_archives
from catalog.workspace import media
from catalog.workspace import queue as review_queue
from catalog.workspace.forms import (
    AuthenticityVerdictForm,
    ClaimVerdictForm,
    EnrichmentForm,
    RevealForm,
)
from catalog.workspace.timeline import build_chart
from catalog.workspace.views.common import analyst_required, error_text, is_htmx
from catalog.workspace.views.together import together_context
from provenance.choices import JobStatus
from provenance.models import CustodyEvent, EnrichmentJob, MediaFile, SensitiveMediaAccess
from provenance.services import find_broken_custody_links, request_enrichment

EXPORT_FORMATS = (("stix", "STIX 2.1"), ("misp", "MISP event"), ("claimreview", "ClaimReview (schema.org)"))


def _item(pk):
    return get_object_or_404(MediaItem.objects.select_related("producer__affiliation", "variant_of"), pk=pk)


@require_GET
@analyst_required
def item_dossier(request, pk):
    item = _item(pk)
    return render(request, "workspace/dossier.html", dossier_context(request, item))


class FilePanel:
    """One evidence file of an item, with what the dossier shows of it."""

    def __init__(self, link, request):
        self.link = link
        self.media_file = link.media_file
        self.graphic = access.is_graphic_file(self.media_file.pk)
        self.frames = media.frames_of(self.media_file, self.graphic)
        self.cover = media.cover_of(self.media_file, self.graphic)
        self.inline_type = media.inline_type(self.media_file.mime_type)
        self.kind = (self.inline_type or "").split("/")[0]
        self.custody = list(CustodyEvent.objects.filter(media_file=self.media_file).order_by("sequence"))
        broken = find_broken_custody_links(MediaFile.objects.filter(pk=self.media_file.pk))
        self.custody_break = broken[0] if broken else None
        self.jobs = list(EnrichmentJob.objects.filter(media_file=self.media_file).order_by("kind"))
        self.enrich_form = EnrichmentForm(auto_id=f"enrich-{self.media_file.pk}-%s")
        self.metadata = {key: value for key, value in (self.media_file.media_metadata or {}).items()
                         if key not in ("exif",)}
        self.reveal_count = SensitiveMediaAccess.objects.filter(derived_file__media_file=self.media_file).count()
        self.open_original = not self.graphic and media.may_open_original(request.user, self.media_file)


def claims_of(item):
    links = ClaimLink.objects.select_related("source__claimant_organization", "source__claimant_person",
                                             "target__claimant_organization", "target__claimant_person")
    claims = list(
        Claim.objects.with_standing().filter(media_item=item)
        .select_related("claimant_organization", "claimant_person", "report", "place")
        .prefetch_related(Prefetch("incoming_links", queryset=links), Prefetch("outgoing_links", queryset=links))
    )
    for claim in claims:
        incoming = list(claim.incoming_links.all())
        claim.denials = [link for link in incoming if link.relation in DISPUTING_RELATIONS]
        claim.supports = [link for link in incoming if link.relation not in DISPUTING_RELATIONS]
        claim.outgoing = list(claim.outgoing_links.all())
        claim.standing_label = ClaimStatus(claim.standing).label if claim.standing in ClaimStatus.values else claim.standing
        claim.verdict_form = ClaimVerdictForm(auto_id=f"claim-{claim.pk}-%s", initial={"status": claim.status})
    return claims


def identities_of(item):
    assertions = list(
        item.identity_assertions.select_related("person", "named_by", "birthplace", "resolved_by")
    )
    for assertion in assertions:
        assertion.candidates = services.person_candidates(assertion)
    return assertions


def verdicts_of(item, user):
    events = list(
        ReviewEvent.objects.filter(
            Q(media_item=item) | Q(claim__media_item=item) | Q(identity_assertion__media_item=item)
        ).select_related("analyst", "claim", "identity_assertion", "media_item", "approval__approver")
        .prefetch_related("decisions__analyst").order_by("-created_at", "-pk")
    )
    return review_queue.describe_verdicts(events, user)


def export_links(item):
    links = []
    for export_format, label in EXPORT_FORMATS:
        try:
            url = reverse(f"api-v1:media-item-export-{export_format}", args=[item.pk])
        except NoReverseMatch:  # the export endpoints are wired separately
            url = f"/api/v1/media-items/{item.pk}/export/{export_format}/"
        links.append((label, url))
    return links


def dossier_context(request, item, sections=None, **extra):
    """What the dossier's sections need; `sections` limits it to those being re-rendered after an action."""
    wanted = set(sections or ("media", "evidence", "sightings", "claims", "identities", "review"))
    context = {"item": item, "page": "items", "four_eyes": settings.FOUR_EYES_REVIEW, **extra}
    if wanted & {"media", "evidence"}:
        files = item.files.select_related("media_file").order_by("attached_at", "pk")
        context["files"] = [FilePanel(link, request) for link in files]
    if "sightings" in wanted:
        context["chart"] = build_chart(item)
        archives = latest_archives(context["chart"].sightings)
        for sighting in context["chart"].sightings:
            sighting.web_archive = archives.get(sighting.pk)  # "archived <time>", linking to the WACZ
        context["variants"] = list(item.variants.all())
        context["proposals"] = list(
            VariantProposal.objects.filter(Q(media_item=item) | Q(matched_item=item))
            .select_related("media_item", "matched_item").order_by("-created_at")
        )
    if "claims" in wanted:
        context["claims"] = claims_of(item)
        bound = extra.get("claim_form")  # a verdict form sent with errors, shown again as sent
        for claim in context["claims"]:
            if bound is not None and claim.pk == bound[0]:
                claim.verdict_form, claim.verdict_open = bound[1], True
    if "identities" in wanted:
        context["identities"] = identities_of(item)
    if "review" in wanted:
        context["verdicts"] = verdicts_of(item, request.user)
        context.setdefault("verdict_form", AuthenticityVerdictForm(
            auto_id="verdict-%s", initial={"authenticity": item.authenticity}))
        context["findings"] = list(item.findings.filter(status=FindingStatus.OPEN))
        context["exports"] = export_links(item)
    if sections is None:  # the whole page: its "Working together" section too
        context.update({**together_context(item, request.user), **context})
    return context


SECTION_TEMPLATES = {
    "media": "workspace/_media.html", "evidence": "workspace/_evidence.html", "claims": "workspace/_claims.html",
    "review": "workspace/_review.html",
}


def dossier_action_answer(request, item, section, *, also=(), notice="", error="", status=200, **extra):
    """After a dossier action: the changed section(s) for htmx (others swapped out of band), else a redirect."""
    item.refresh_from_db()
    if not is_htmx(request):
        if status == 422 and extra:  # a form with errors: the whole page again, with the form as sent
            context = dossier_context(request, item, error=error, **extra)
            return render(request, "workspace/dossier.html", context, status=status)
        if error:
            messages.error(request, error)
        elif notice:
            messages.success(request, notice)
        return HttpResponseRedirect(f"{reverse('workspace:item', args=[item.pk])}#{section}")
    context = dossier_context(request, item, sections=(section, *also), notice=notice, error=error, **extra)
    html = render_to_string(SECTION_TEMPLATES[section], context, request=request)
    for other in also:
        html += render_to_string(SECTION_TEMPLATES[other], {**context, "oob": True, "notice": "", "error": ""},
                                 request=request)
    return HttpResponse(html, status=status)


@require_POST
@analyst_required
def item_verdict(request, pk):
    item = _item(pk)
    form = AuthenticityVerdictForm(request.POST, auto_id="verdict-%s")
    if form.is_valid():
        try:
            services.review_item_authenticity(item, form.cleaned_data["authenticity"], request.user,
                                              form.cleaned_data["rationale"])
        except ValidationError as refused:
            form.add_error(None, refused)
    if not form.is_valid():
        return dossier_action_answer(request, item, "review", error="The verdict was not recorded.", status=422,
                                     verdict_form=form)
    notice = "Verdict recorded." + (" A second analyst must approve it before partners see it."
                                    if settings.FOUR_EYES_REVIEW else "")
    return dossier_action_answer(request, item, "review", notice=notice)


@require_POST
@analyst_required
def claim_verdict(request, pk):
    claim = get_object_or_404(Claim.objects.select_related("media_item"), pk=pk)
    if claim.media_item_id is None:
        raise Http404("The desk records verdicts on claims of a media item.")
    item = _item(claim.media_item_id)
    form = ClaimVerdictForm(request.POST, auto_id=f"claim-{claim.pk}-%s")
    if form.is_valid():
        try:
            services.review_claim_status(claim, form.cleaned_data["status"], request.user,
                                         form.cleaned_data["rationale"])
        except ValidationError as refused:
            form.add_error(None, refused)
    if not form.is_valid():
        message = f"The verdict on the claim “{truncatechars(claim.text, 80)}” was not recorded: " + " ".join(
            str(error) for errors in form.errors.values() for error in errors)
        return dossier_action_answer(request, item, "claims", error=message, status=422,
                                     claim_form=(claim.pk, form))
    return dossier_action_answer(request, item, "claims", also=("review",),
                                 notice=f"Verdict on the claim “{truncatechars(claim.text, 80)}” recorded.")


@require_POST
@analyst_required
def file_enrich(request, item_pk, pk):
    item = _item(item_pk)
    link = get_object_or_404(ItemFile.objects.select_related("media_file"), pk=pk, media_item=item)
    form = EnrichmentForm(request.POST)
    if not form.is_valid():
        return dossier_action_answer(request, item, "evidence", error="Choose a kind of enrichment.", status=422)
    job = EnrichmentJob.objects.filter(media_file=link.media_file, kind=form.cleaned_data["kind"]).first()
    if job is not None and job.status in (JobStatus.PENDING, JobStatus.RUNNING):
        return dossier_action_answer(request, item, "evidence",
                                     notice=f"{job.get_kind_display()} is already {job.get_status_display().lower()}.")
    job = request_enrichment(link.media_file, form.cleaned_data["kind"])
    return dossier_action_answer(request, item, "evidence", notice=f"Queued: {job.get_kind_display()}.")


@require_POST
@analyst_required
def file_open(request, item_pk, pk):
    """Show the player for a graphic file's original: logged first, like a frame."""
    item = _item(item_pk)
    link = get_object_or_404(ItemFile.objects.select_related("media_file"), pk=pk, media_item=item)
    form = RevealForm(request.POST)
    try:
        media.log_original_opened(link.media_file, request.user, form.cleaned_data["reason"] if form.is_valid() else "")
    except ValidationError as refused:
        if is_htmx(request):
            return render(request, "workspace/_player.html", {"panel": FilePanel(link, request), "item": item,
                                                              "error": error_text(refused)}, status=422)
        messages.error(request, error_text(refused))
        return HttpResponseRedirect(f"{reverse('workspace:item', args=[item.pk])}#media")
    panel = FilePanel(link, request)
    panel.open_original = True
    if is_htmx(request):
        return render(request, "workspace/_player.html", {"panel": panel, "item": item})
    return render(request, "workspace/player.html", {"panel": panel, "item": item, "page": "items"})


@require_GET
@analyst_required
def item_bundle(request, pk):
    """The item's court bundle (catalog.services.bundles): a ZIP anyone can check with standard tools; recorded in
    the custody of its files as an export by this analyst."""
    bundle = bundles.build_bundle([_item(pk).pk], request.caller)
    return FileResponse(bundle.file, as_attachment=True, filename=bundle.filename, content_type="application/zip")


@require_GET
@analyst_required
def file_original(request, pk):
    media_file = get_object_or_404(MediaFile, pk=pk)
    graphic = access.is_graphic_file(media_file.pk)
    if graphic and not media.may_open_original(request.user, media_file):
        return HttpResponse("Open this graphic file from its dossier first; opening is logged.", status=403,
                            content_type="text/plain")
    return media.original_response(request, media_file, graphic)
