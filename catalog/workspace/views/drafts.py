"""Report drafts: what the ingester read in a report, accepted or rejected part by part."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.views.decorators.http import require_GET, require_POST

from catalog import services
from catalog.models import (
    IdentityAssertion,
    Organization,
    ReportDraft,
    ReportIngest,
)
from catalog.choices import AssertionMode, OrganizationKind, Platform
from catalog.services import draft_edits
from catalog.services.drafts import ACCEPTED, SECTIONS
from catalog.services.item_matches import similar_items
from catalog.workspace.forms import (
    DecisionForm,
)
from catalog.workspace.views.common import analyst_required, entry_done, error_text, is_htmx, item_link
from provenance.choices import JobStatus

RECENT_INGESTS = 10


@require_GET
@analyst_required
def draft_list(request):
    drafts = ReportDraft.objects.select_related("report__outlet", "media_item", "decided_by").order_by("-created_at")
    page = Paginator(drafts, 50).get_page(request.GET.get("page"))
    # Readings under way or failed, so that a report that could not be read is not forgotten.
    ingests = ReportIngest.objects.filter(draft__isnull=True).exclude(status=JobStatus.SUCCEEDED)[:RECENT_INGESTS]
    return render(request, "workspace/drafts.html", {"page_obj": page, "page": "drafts", "ingests": ingests})


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


def _organisation_named_in(proposal):
    """The catalogued organisation a part points at (known, or chosen as claimant), or a new one's name and kind."""
    chosen = proposal.get("known_organization") or proposal.get("claimant_organization")
    if isinstance(chosen, dict):
        return {"name": chosen.get("name"), "kind": chosen.get("kind"), "new": True}
    found = Organization.objects.filter(pk=chosen).first() if isinstance(chosen, int) else None
    return {"name": found.name, "pk": found.pk, "new": False} if found else None


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
                "path": path, "index": index, "proposal": proposal, "decision": decision.get("decision"),
                "decided_by": decision.get("by"), "record": record_link(decision.get("record")),
                "anchor": f"p-{path.replace('.', '-')}",
            }
            if section == "identities":
                entry["candidates"] = _candidates_for(proposal)
                named_by = proposal.get("named_by")
                if isinstance(named_by, int) and 0 <= named_by < len(proposals):
                    entry["named_by_name"] = proposals[named_by].get("name_as_stated")
            if section in ("claims", "organisations"):
                entry["organisation"] = _organisation_named_in(proposal)
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


PART_TEXT = {"organisations": "name", "channels": "name_as_written", "identities": "name_as_stated", "claims": "text",
             "places": "name"}


def part_name(draft, path):
    """A part as the analyst reads it: 'the claim “Ansar Allah released…”', never its index."""
    section, _, index = path.partition(".")
    try:
        text = str(draft.payload[section][int(index)].get(PART_TEXT[section]) or "")
    except (KeyError, IndexError, ValueError, AttributeError):
        return path_label(path)
    text = text if len(text) <= 60 else text[:59] + "…"
    return f"the {SINGULAR[section]} “{text}”" if text else path_label(path)


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
    attached = draft_edits.attached_item(draft)
    matches = similar_items(draft) if "media_item" in undecided and not attached else []
    return {"draft": draft, "report": draft.report, "sections": draft_sections(draft), "undecided": undecided,
            "page": "drafts", "accepted": ACCEPTED, "attached": attached, "matches": matches,
            "platforms": Platform.choices, "organisation_kinds": OrganizationKind.choices,
            "assertion_modes": AssertionMode.choices, **extra}


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
    elif form.cleaned_data["path"] in (draft.decisions or {}):
        error = f"{capfirst(part_name(draft, form.cleaned_data['path']))} is already decided."
    else:
        path = form.cleaned_data["path"]
        paths = [path] if path else None
        try:
            if form.cleaned_data["decision"] == "accept":
                made = services.accept_draft(draft, request.user, paths)
                notice = (f"Accepted {part_name(draft, path)}." if path
                          else f"Accepted the {len(made)} undecided part{'s' if len(made) != 1 else ''}.")
            else:
                services.reject_draft(draft, request.user, paths)
                notice = f"Rejected {part_name(draft, path)}." if path else "Rejected every undecided part."
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
