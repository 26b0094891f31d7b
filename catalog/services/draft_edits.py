"""An analyst's corrections to a draft before it is accepted: who said what, which organisation a claimant is,
what a channel is called, which place is meant, which catalogued item the draft is about.

Corrections change the draft's payload, so acceptance (catalog.services.drafts) builds from them; each is also
logged in payload["edits"] with the value the parser read, who changed it and when. Decided parts are final.
"""

import datetime as dt
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from catalog.choices import AssertionMode, OrganizationKind, Platform
from catalog.models import (
    Channel,
    Claim,
    ClaimLink,
    IdentityAssertion,
    MediaItem,
    Organization,
    OrganizationAlias,
    Place,
    ReportDraft,
    Sighting,
)
from catalog.resolution.gazetteer import get_gazetteer

from .drafts import _place_hint, accept_draft, find_organization, section_paths

IDENTITY_FIELDS = ("name_as_stated", "birth_year", "birthplace_as_stated", "mode")
EARLIEST_BIRTH_YEAR = 1900


@transaction.atomic
def correct_identity(draft, index, analyst, **changes):
    """Correct an asserted identity's name, birth year, birthplace or mode, as stated in the report."""
    errors, cleaned = {}, {}
    for field, value in changes.items():
        if field not in IDENTITY_FIELDS:
            raise ValidationError({field: "This field of an identity cannot be corrected."})
        value = value.strip() if isinstance(value, str) else value
        if field == "name_as_stated" and not value:
            errors[field] = "Give the name as the report states it."
        elif field == "birth_year" and value not in (None, ""):
            try:
                value = int(value)
            except (TypeError, ValueError):
                value = None
            if value is None or not EARLIEST_BIRTH_YEAR <= value <= timezone.now().year:
                errors[field] = f"A birth year is a year from {EARLIEST_BIRTH_YEAR} to this one."
        elif field == "mode" and value not in AssertionMode.values:
            errors[field] = "Choose how the identity was asserted."
        cleaned[field] = None if field == "birth_year" and value in (None, "") else (value[:300] if isinstance(
            value, str) else value)
    if errors:
        raise ValidationError(errors)
    draft, proposal = _open_part(draft, f"identities.{index}")
    if "birthplace_as_stated" in cleaned and cleaned["birthplace_as_stated"] != proposal.get("birthplace_as_stated"):
        text = cleaned["birthplace_as_stated"]
        cleaned["birthplace_gazetteer"] = _place_hint(get_gazetteer().best(text)) if text else None
    return _apply(draft, f"identities.{index}", proposal, cleaned, analyst)


@transaction.atomic
def name_channel(draft, index, analyst, *, name, platform, operator=""):
    """Give a channel the name it is known by (never a bare platform), its platform and who runs it."""
    name, operator = (name or "").strip(), (operator or "").strip()
    errors = {}
    if not name:
        errors["name_as_written"] = "Give the channel a name: its handle, or whose channel it is."
    elif platform in Platform.values and name.casefold() in (platform, Platform(platform).label.casefold()):
        errors["name_as_written"] = f"“{name}” names the platform, not the channel: give its handle or owner."
    if platform not in Platform.values:
        errors["platform"] = "Choose the platform."
    if errors:
        raise ValidationError(errors)
    draft, proposal = _open_part(draft, f"channels.{index}")
    changes = {"name_as_written": name[:300], "platform": platform, "operator": operator[:300]}
    return _apply(draft, f"channels.{index}", proposal, changes, analyst)


@transaction.atomic
def choose_claimant(draft, index, analyst, *, name, kind=OrganizationKind.OTHER):
    """Make a claim's claimant an organisation: the catalogued one of that name (or alias), or a new one of `kind`,
    created when the claim is accepted. An empty name leaves the claimant as the report describes it."""
    name = (name or "").strip()
    if kind not in OrganizationKind.values:
        raise ValidationError({"kind": "Choose the kind of organisation."})
    known = find_organization(name)
    choice = known.pk if known else ({"name": name[:300], "kind": kind} if name else None)
    draft, proposal = _open_part(draft, f"claims.{index}")
    return _apply(draft, f"claims.{index}", proposal, {"claimant_organization": choice}, analyst)


@transaction.atomic
def choose_place(draft, index, analyst, candidate_id):
    """Pick which ranked candidate (catalog.resolution's `candidates`) a place is; None takes the choice back."""
    draft, proposal = _open_part(draft, f"places.{index}")
    offered = {str(candidate.get("id")): candidate.get("id") for candidate in proposal.get("candidates") or []
               if isinstance(candidate, dict)}
    if candidate_id not in (None, "") and str(candidate_id) not in offered:
        raise ValidationError({"chosen_candidate": "Choose one of the places offered."})
    choice = offered.get(str(candidate_id)) if candidate_id not in (None, "") else None
    return _apply(draft, f"places.{index}", proposal, {"chosen_candidate": choice}, analyst)


@transaction.atomic
def attach_to_item(draft, item, analyst):
    """Accepting the draft adds its claims, identities and sightings to `item` instead of creating an item."""
    draft, proposal = _open_part(draft, "media_item")
    if draft.media_item_id:
        raise ValidationError({"media_item": "The draft already has its item."})
    if item is not None and not MediaItem.objects.filter(pk=item.pk).exists():
        raise ValidationError({"media_item": "That item no longer exists."})
    return _apply(draft, "media_item", proposal, {"attach_to": item.pk if item else None}, analyst)


def attached_item(draft):
    target = (draft.payload.get("media_item") or {}).get("attach_to")
    return MediaItem.objects.filter(pk=target).first() if isinstance(target, int) else None


# What "accept all" would make, counted by making it and rolling back: the count is the workflow's own.
PLANNED = (
    (MediaItem, "media item", "media items"), (Organization, "organisation", "organisations"),
    (OrganizationAlias, "organisation alias", "organisation aliases"), (Channel, "channel", "channels"),
    (Sighting, "sighting", "sightings"), (IdentityAssertion, "asserted identity", "asserted identities"),
    (Claim, "claim", "claims"), (ClaimLink, "link between claims", "links between claims"),
    (Place, "place", "places"),
)


class _DryRun(Exception):
    pass


def acceptance_plan(draft, analyst):
    """{"parts": n, "records": total, "lines": ["1 media item", "3 claims", …]}: what accepting every undecided
    part would create now. Nothing is kept."""
    parts = len([path for path in section_paths(draft) if path not in (draft.decisions or {})])
    before = {model: model.objects.count() for model, *_ in PLANNED}
    counts = Counter()
    try:
        with transaction.atomic():
            if parts:
                accept_draft(draft, analyst)
            for model, *_ in PLANNED:
                counts[model] = model.objects.count() - before[model]
            raise _DryRun
    except _DryRun:
        pass
    lines = [f"{counts[model]} {one if counts[model] == 1 else many}" for model, one, many in PLANNED
             if counts[model] > 0]
    return {"parts": parts, "records": sum(counts.values()), "lines": lines}


def _open_part(draft, path):
    """The draft (locked) and the undecided part at `path`, or a ValidationError saying why it cannot change."""
    draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
    if path not in section_paths(draft):
        raise ValidationError({"path": "This part is not in the draft."})
    if path in (draft.decisions or {}):
        raise ValidationError({"path": "This part is already decided: it can no longer be corrected."})
    section, _, index = path.partition(".")
    proposal = draft.payload[section] if not index else draft.payload[section][int(index)]
    return draft, proposal


def _apply(draft, path, proposal, changes, analyst):
    changed = {field: [proposal.get(field), value] for field, value in changes.items() if proposal.get(field) != value}
    if not changed:
        return draft
    proposal.update(changes)
    draft.payload.setdefault("edits", []).append({
        "path": path, "by": analyst.get_username(), "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "changes": changed,
    })
    draft.save(update_fields=["payload", "updated_at"])
    return draft
