"""A draft's places: ranked candidates kept for the analyst; accepting links only confident or chosen places."""

import pytest
from django.core.exceptions import ValidationError

from catalog import services
from catalog.models import Place, Report, ReportDraft

pytestmark = pytest.mark.django_db


def draft_with_places(*names):
    report = Report.objects.create(title="t", body="b", raw_text="raw " + " ".join(names))
    payload = {"media_item": None, "organisations": [], "channels": [], "identities": [], "claims": [],
               "places": [{"name": name, "kind": "village", "evidence": name} for name in names]}
    services.drafts._add_resolution_hints(payload)
    return ReportDraft.objects.create(report=report, payload=payload)


def test_an_unsure_place_keeps_its_ranked_candidates_and_links_nothing_on_accept(analyst):
    draft = draft_with_places("Rassvet")
    [proposal] = draft.payload["places"]
    assert proposal["confident"] is False and proposal["gazetteer"] is None
    assert len(proposal["candidates"]) >= 2
    assert proposal["candidates"][0]["score"] >= proposal["candidates"][1]["score"]

    services.accept_draft(draft, analyst)

    place = Place.objects.get(name="Rassvet")
    assert place.gazetteer_id == ""


def test_the_candidate_an_analyst_chose_is_linked_on_accept(analyst):
    draft = draft_with_places("Rassvet")
    chosen = draft.payload["places"][0]["candidates"][1]["id"]
    draft.payload["places"][0]["chosen_candidate"] = chosen
    draft.save()

    services.accept_draft(draft, analyst)

    assert Place.objects.get(gazetteer_id=chosen).name == "Rassvet"


def test_a_chosen_candidate_the_gazetteer_lacks_is_refused(analyst):
    draft = draft_with_places("Rassvet")
    draft.payload["places"][0]["chosen_candidate"] = "gn:0"
    draft.save()

    with pytest.raises(ValidationError, match="no entry"):
        services.accept_draft(draft, analyst)
    assert not Place.objects.exists()


def test_the_other_places_a_report_names_make_a_village_confident(analyst):
    draft = draft_with_places("Hawija", "Kirkuk", "Iraq")
    hawija = draft.payload["places"][0]
    assert hawija["confident"] is True and hawija["gazetteer"]["id"] == "gn:390188"

    services.accept_draft(draft, analyst, paths=["places.0"])

    assert Place.objects.filter(gazetteer_id="gn:390188").exists()
