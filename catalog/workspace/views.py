"""The desk's views. Every action is a POST form (CSRF) that works without JavaScript (it redirects back) and, sent by
htmx (HX-Request), answers with just the part of the page that changed."""

from functools import wraps
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.forms import NullBooleanSelect
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from catalog import services
from catalog.policies import access
from catalog.policies.access import Caller, is_analyst
from catalog.choices import ClaimStatus, FindingStatus
from catalog.filtersets import MediaItemFilterSet
from catalog.models import (
    Claim,
    ClaimLink,
    Finding,
    IdentityAssertion,
    ItemFile,
    MediaItem,
    ReportDraft,
    ReviewEvent,
    VariantProposal,
)
from catalog.models.claims import DISPUTING_RELATIONS
from catalog.services import bundles
from catalog.services.drafts import ACCEPTED, SECTIONS
from catalog.services.web_archives import latest_archives
from provenance.choices import JobStatus
from provenance.models import CustodyEvent, DerivedFile, EnrichmentJob, MediaFile, SensitiveMediaAccess
from provenance.services import find_broken_custody_links, request_enrichment

from . import media, queue, text
from .forms import (
    ApprovalForm,
    AuthenticityVerdictForm,
    ClaimVerdictForm,
    DecisionForm,
    EnrichmentForm,
    RevealForm,
)
from .timeline import build_chart

EXPORT_FORMATS = (("stix", "STIX 2.1"), ("misp", "MISP event"), ("claimreview", "ClaimReview (schema.org)"))


# Access -------------------------------------------------------------------------------------------------------------


def analyst_required(view):
    """Anonymous callers go to the login page (htmx callers are told to go there); non-analysts get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            login = reverse("workspace:login")
            if is_htmx(request):  # a session that ran out under an open page: go to the login, then back
                back = urlsplit(request.headers.get("HX-Current-URL", "")).path or reverse("workspace:queue")
                response = HttpResponse(status=401)
                response["HX-Redirect"] = f"{login}?{urlencode({'next': back})}"
                return response
            return redirect_to_login(request.get_full_path(), login)
        if not is_analyst(request.user):
            return render(request, "workspace/forbidden.html", status=403)
        request.caller = Caller.analyst(request.user)  # what catalog.filtersets expect of a request
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ("HX-Request",))
        return response

    return wrapper


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def error_text(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


class LoginView(auth_views.LoginView):
    template_name = "workspace/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("workspace:queue")


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("workspace:login")


# The review queue ---------------------------------------------------------------------------------------------------


@require_GET
@analyst_required
def queue_view(request):
    return render(request, "workspace/queue.html", {"queue": queue.gather(request.user), "page": "queue"})


def entry_done(request, *, entry_id, message, link=None, link_text="", tone="done", status=200):
    """What replaces a queue entry once it is dealt with (htmx), or a redirect back with a message (no JS)."""
    if not is_htmx(request):
        (messages.error if tone == "error" else messages.success)(request, message)
        return HttpResponseRedirect(safe_next(request, reverse("workspace:queue")))
    return render(request, "workspace/_entry_done.html", {
        "entry_id": entry_id, "message": message, "link": link, "link_text": link_text, "tone": tone,
    }, status=status)


def item_link(item):
    return reverse("workspace:item", args=[item.pk]) if item is not None else None


@require_POST
@analyst_required
def proposal_decide(request, pk):
    proposal = get_object_or_404(VariantProposal.objects.select_related("media_item", "matched_item"), pk=pk)
    form = DecisionForm(request.POST, decisions=("confirm", "reject"))
    entry_id = f"proposal-{pk}"
    if not form.is_valid():
        return entry_done(request, entry_id=entry_id, message=error_text(ValidationError(form.errors["decision"])),
                          tone="error", status=422)
    try:
        if form.cleaned_data["decision"] == "confirm":
            services.confirm_variant(proposal, request.user)
            message = f"Confirmed: item {proposal.media_item_id} is a variant of item {proposal.matched_item_id}."
        else:
            services.reject_variant(proposal, request.user)
            message = f"Rejected: item {proposal.media_item_id} is not a variant of item {proposal.matched_item_id}."
    except ValidationError as refused:
        return entry_done(request, entry_id=entry_id, message=error_text(refused), tone="error", status=422)
    return entry_done(request, entry_id=entry_id, message=message,
                      link=item_link(proposal.matched_item), link_text="Open the original")


@require_POST
@analyst_required
def finding_decide(request, pk):
    finding = get_object_or_404(Finding.objects.select_related("media_item"), pk=pk)
    form = DecisionForm(request.POST, decisions=queue.finding_decisions(finding))
    entry_id = f"finding-{pk}"
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["decision"])
        decision = form.cleaned_data["decision"]
        finding = queue.decide_finding(finding, decision)
    except ValidationError as refused:
        return entry_done(request, entry_id=entry_id, message=error_text(refused), tone="error", status=422)
    return entry_done(request, entry_id=entry_id, message=queue.decision_message(finding, decision),
                      link=item_link(finding.media_item), link_text="Open the item")


@require_POST
@analyst_required
def job_requeue(request, kind, pk):
    model = queue.JOB_KINDS.get(kind)
    if model is None:
        raise Http404("No such kind of job.")
    job = get_object_or_404(model, pk=pk)
    entry_id = f"job-{kind}-{pk}"
    try:
        queue.requeue_job(kind, job)
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
    label = queue.Verdict(event, superseded=False, is_own=False).new_label
    message = f"Approved: {event.get_value_display().lower()} “{label}” is now published."
    if from_dossier:
        return dossier_action_answer(request, item, "review", notice=message)
    return entry_done(request, entry_id=f"verdict-{pk}", message=message, link=item_link(item),
                      link_text="Open the item")


# Items --------------------------------------------------------------------------------------------------------------


@require_GET
@analyst_required
def item_list(request):
    queryset = (
        MediaItem.objects.with_first_seen().select_related("producer").annotate(sighting_count=Count("sightings"))
        .order_by("-created_at", "-pk")
    )
    filterset = MediaItemFilterSet(request.GET or None, queryset=queryset, request=request)
    for field in filterset.form.fields.values():
        if hasattr(field, "label_from_instance"):  # choices named by scraped text (producers, channels, tags)
            field.label_from_instance = lambda record: text.visible_controls(str(record))
        if isinstance(field.widget, NullBooleanSelect):  # "Unknown" reads as a value; it means "any"
            field.widget.choices = [("unknown", "Any"), ("true", "Yes"), ("false", "No")]
    items = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    if filterset.is_bound and not filterset.is_valid():
        items = queryset.none()
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    more_filters_used = any(value for name, value in request.GET.items() if name not in ("q", "page")) or bool(
        filterset.is_bound and filterset.form.errors)
    return render(request, "workspace/items.html", {
        "filterset": filterset, "page_obj": page, "query": query.urlencode(), "page": "items",
        "more_filters_used": more_filters_used,
    })


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
        .order_by("-created_at", "-pk")
    )
    return queue.describe_verdicts(events, user)


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
        message = f"The verdict on claim {claim.pk} was not recorded: " + " ".join(
            str(error) for errors in form.errors.values() for error in errors)
        return dossier_action_answer(request, item, "claims", error=message, status=422,
                                     claim_form=(claim.pk, form))
    return dossier_action_answer(request, item, "claims", also=("review",),
                                 notice=f"Verdict on claim {claim.pk} recorded.")


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


# Graphic media ------------------------------------------------------------------------------------------------------


def _picture(pk):
    derived = get_object_or_404(DerivedFile, pk=pk)
    if derived.kind not in media.PICTURE_KINDS:
        raise Http404("Not a picture.")
    return derived


@require_GET
@analyst_required
def frame_image(request, pk):
    """A keyframe or thumbnail; an unblurred one of graphic media only after this analyst revealed it."""
    derived = _picture(pk)
    if not media.may_see_frame(request.user, derived):
        return HttpResponse("Reveal this frame first; revealing is logged.", status=403, content_type="text/plain")
    return media.picture_response(derived, blurred=derived.kind in media.UNBLURRED_OF)


@require_POST
@analyst_required
def frame_reveal(request, pk):
    """Reveal the unblurred twin of a blurred frame: logged, then shown (htmx) or opened on its own page."""
    blurred = _picture(pk)
    if blurred.kind not in media.UNBLURRED_OF:
        raise Http404("Only blurred frames are revealed.")
    form = RevealForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        frame = media.unblurred_twin(blurred)
    except ValidationError as refused:
        if is_htmx(request):
            return render(request, "workspace/_frame.html", {"frame": blurred, "blurred": blurred, "revealed": False,
                                                             "error": error_text(refused)}, status=422)
        return HttpResponse(error_text(refused), status=409, content_type="text/plain")
    media.log_reveal(frame, request.user, reason)
    if is_htmx(request):
        return render(request, "workspace/_frame.html", {"frame": frame, "blurred": blurred, "revealed": True})
    return HttpResponseRedirect(reverse("workspace:frame", args=[frame.pk]))


@require_GET
@analyst_required
def frame_page(request, pk):
    """A revealed frame on a page of its own (the no-JavaScript way to see it)."""
    frame = _picture(pk)
    if not media.may_see_frame(request.user, frame):
        return HttpResponse("Reveal this frame first; revealing is logged.", status=403, content_type="text/plain")
    items = MediaItem.objects.filter(files__media_file=frame.media_file_id).distinct()
    return render(request, "workspace/frame.html", {"frame": frame, "items": items, "page": "items"})


@require_GET
@analyst_required
def frame_tile(request, pk):
    """A blurred frame's tile again (htmx: 'blur again')."""
    blurred = _picture(pk)
    if blurred.kind not in media.UNBLURRED_OF:
        raise Http404("Not a blurred frame.")
    return render(request, "workspace/_frame.html", {"frame": blurred, "blurred": blurred, "revealed": False})


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


# Report drafts ------------------------------------------------------------------------------------------------------


@require_GET
@analyst_required
def draft_list(request):
    drafts = ReportDraft.objects.select_related("report__outlet", "media_item", "decided_by").order_by("-created_at")
    page = Paginator(drafts, 50).get_page(request.GET.get("page"))
    return render(request, "workspace/drafts.html", {"page_obj": page, "page": "drafts"})


def record_link(reference):
    """A link for a record a draft made ("catalog.mediaitem:5"): its dossier, or its admin page."""
    try:
        label, pk = reference.rsplit(":", 1)
        app_label, model = label.split(".")
        if label == "catalog.mediaitem":
            return reverse("workspace:item", args=[int(pk)])
        return reverse(f"admin:{app_label}_{model}_change", args=[int(pk)])
    except (AttributeError, ValueError, NoReverseMatch):
        return None


def _candidates_for(proposal):
    """Catalogued people a draft identity may be (nothing is saved)."""
    try:
        assertion = IdentityAssertion(
            name_as_stated=str(proposal.get("name_as_stated") or ""),
            birth_year_as_stated=proposal.get("birth_year") if isinstance(proposal.get("birth_year"), int) else None,
            birthplace_as_stated=str(proposal.get("birthplace_as_stated") or ""),
        )
        return services.person_candidates(assertion, limit=3) if assertion.name_as_stated.strip() else []
    except (TypeError, ValueError):
        return []


def draft_sections(draft):
    decisions = draft.decisions or {}
    payload = draft.payload or {}
    sections = []
    for section in SECTIONS:
        value = payload.get(section)
        proposals = [value] if section == "media_item" and value else (value if isinstance(value, list) else [])
        entries = []
        for index, proposal in enumerate(proposals):
            if not isinstance(proposal, dict):
                continue
            path = section if section == "media_item" else f"{section}.{index}"
            decision = decisions.get(path) or {}
            entry = {
                "path": path, "proposal": proposal, "decision": decision.get("decision"),
                "decided_by": decision.get("by"), "record": record_link(decision.get("record")),
                "anchor": f"p-{path.replace('.', '-')}",
            }
            if section == "identities":
                entry["candidates"] = _candidates_for(proposal)
                named_by = proposal.get("named_by")
                if isinstance(named_by, int) and 0 <= named_by < len(proposals):
                    entry["named_by_name"] = proposals[named_by].get("name_as_stated")
            if section == "claims":
                entry["relations"] = [
                    {"relation": relation.get("relation"),
                     "target": payload["claims"][relation["target"]].get("text")
                     if isinstance(relation.get("target"), int) and 0 <= relation["target"] < len(proposals) else "?"}
                    for relation in proposal.get("relations") or [] if isinstance(relation, dict)
                ]
            entries.append(entry)
        sections.append({"name": section, "title": SECTION_TITLES[section], "entries": entries})
    return sections


SINGULAR = {"organisations": "organisation", "channels": "channel", "identities": "asserted identity",
            "claims": "claim", "places": "place"}


def path_label(path):
    """'claims.2' → 'claim 3'; 'media_item' → 'the media item'."""
    section, _, index = path.partition(".")
    if not index.isdigit() or section not in SINGULAR:
        return "the media item" if path == "media_item" else path
    return f"{SINGULAR[section]} {int(index) + 1}"


SECTION_TITLES = {
    "media_item": "Media item", "organisations": "Organisations", "channels": "Channels",
    "identities": "Asserted identities", "claims": "Claims", "places": "Places",
}


def draft_context(draft, **extra):
    undecided = [path for path in services.section_paths(draft) if path not in (draft.decisions or {})]
    return {"draft": draft, "report": draft.report, "sections": draft_sections(draft), "undecided": undecided,
            "page": "drafts", "accepted": ACCEPTED, **extra}


def _draft(pk):
    return get_object_or_404(ReportDraft.objects.select_related("report__outlet", "media_item", "decided_by"), pk=pk)


@require_GET
@analyst_required
def draft_detail(request, pk):
    draft = _draft(pk)
    quotes = list(draft.report.quotes.all())
    return render(request, "workspace/draft.html", {**draft_context(draft), "quotes": quotes})


@require_POST
@analyst_required
def draft_decide(request, pk):
    """Accept or reject one part of a draft (`path`) or every undecided part (no path)."""
    draft = _draft(pk)
    form = DecisionForm(request.POST, decisions=("accept", "reject"))
    from_queue = request.POST.get("context") == "queue"
    error, notice = "", ""
    if not form.is_valid():
        error = "Accept or reject."
    else:
        path = form.cleaned_data["path"]
        paths = [path] if path else None
        try:
            if form.cleaned_data["decision"] == "accept":
                made = services.accept_draft(draft, request.user, paths)
                notice = f"Accepted {path_label(path)}." if path else f"Accepted the {len(made)} undecided parts."
            else:
                services.reject_draft(draft, request.user, paths)
                notice = f"Rejected {path_label(path)}." if path else "Rejected every undecided part."
        except ValidationError as refused:
            error = error_text(refused)
    draft.refresh_from_db()
    if from_queue:
        if error:
            return entry_done(request, entry_id=f"draft-{pk}", message=error, tone="error", status=422)
        return entry_done(request, entry_id=f"draft-{pk}",
                          message=f"{notice} The draft is {draft.get_status_display().lower()}.",
                          link=item_link(draft.media_item), link_text="Open the item")
    if not is_htmx(request):
        (messages.error if error else messages.success)(request, error or notice)
        return HttpResponseRedirect(reverse("workspace:draft", args=[draft.pk]))
    return render(request, "workspace/_draft_body.html", draft_context(draft, notice=notice, error=error),
                  status=422 if error else 200)

