"""Report drafts on the desk: the report shown as received, each proposal with its evidence and hints, and decisions
part by part or whole."""

import pytest
from django.urls import reverse

from catalog.choices import DraftStatus
from catalog.demo_case import REPORT_RAW_TEXT
from catalog.models import MediaItem
from tests.workspace.case import HTMX

pytestmark = pytest.mark.django_db


def page(client, draft):
    response = client.get(reverse("workspace:draft", args=[draft.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_raw_report_is_shown_as_received_in_preformatted_text(desk, case):
    html = page(desk, case.draft)

    assert '<pre class="raw" dir="auto" tabindex="0">' in html
    # Non-breaking spaces and line breaks stay as they were.
    assert "Isis\u00a0official Amaq news agency" in html
    assert "Wed Oct 4, 2017 11:52:38\n\nIsis released a video" in html


def test_each_proposal_shows_its_evidence_sentence_and_resolution_hints(desk, case):
    html = page(desk, case.draft)

    assert "Zabolotny Roman" in html
    assert "I am Zabolotny Roman, I was\u00a0born [in] 1979" in html or "I am Zabolotny Roman, I was born [in] 1979" in html
    assert "Gazetteer: <strong dir=\"auto\">Rassvet</strong>" in html
    assert "May be <a href=" in html and "Roman Zabolotny" in html  # the catalogued person, ranked
    assert "Moscow has denied losing." in html
    for section in ("Media item", "Organisations", "Channels", "Asserted identities", "Claims", "Places"):
        assert f">{section} <span class=\"count\">" in html, section


def test_accepting_one_part_makes_its_record_and_keeps_the_rest_open(desk, case, analyst):
    response = desk.post(reverse("workspace:draft-decide", args=[case.draft.pk]),
                         {"decision": "accept", "path": "identities.0"}, **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="draft-body"')
    assert "Accepted the asserted identity “Zabolotny Roman”." in html
    case.draft.refresh_from_db()
    assert case.draft.decisions["identities.0"]["decision"] == "accepted"
    assert case.draft.status == DraftStatus.PARTIALLY_ACCEPTED
    assert case.draft.media_item.identity_assertions.get().name_as_stated == "Zabolotny Roman"
    assert 'name="path" value="identities.1"' in html
    assert 'name="path" value="identities.0"' not in html


def test_rejecting_one_part(desk, case):
    desk.post(reverse("workspace:draft-decide", args=[case.draft.pk]), {"decision": "reject", "path": "places.0"},
              **HTMX)

    case.draft.refresh_from_db()
    assert case.draft.decisions["places.0"]["decision"] == "rejected"
    assert case.draft.status == DraftStatus.PENDING


def test_deciding_a_part_twice_is_refused_with_the_reason(desk, case):
    url = reverse("workspace:draft-decide", args=[case.draft.pk])
    desk.post(url, {"decision": "reject", "path": "places.0"}, **HTMX)

    again = desk.post(url, {"decision": "accept", "path": "places.0"}, **HTMX)

    assert again.status_code == 422
    assert "The place “Syria” is already decided." in again.content.decode()


def test_accepting_every_undecided_part_at_once(desk, case):
    url = reverse("workspace:draft-decide", args=[case.draft.pk])
    desk.post(url, {"decision": "reject", "path": "places.0"}, **HTMX)

    response = desk.post(url, {"decision": "accept"}, **HTMX)

    assert response.status_code == 200
    case.draft.refresh_from_db()
    assert case.draft.status == DraftStatus.ACCEPTED
    assert case.draft.decisions["places.0"]["decision"] == "rejected"
    assert "Every part is decided." in response.content.decode()
    assert reverse("workspace:item", args=[case.draft.media_item_id]) in response.content.decode()


def test_deciding_without_javascript_comes_back_to_the_draft(desk, case):
    response = desk.post(reverse("workspace:draft-decide", args=[case.draft.pk]),
                         {"decision": "accept", "path": "media_item"}, follow=True)

    assert response.redirect_chain == [(reverse("workspace:draft", args=[case.draft.pk]), 302)]
    assert "Accepted the media item." in response.content.decode()
    assert MediaItem.objects.filter(drafts=case.draft).exists()


def test_the_draft_list(desk, case):
    html = desk.get(reverse("workspace:drafts")).content.decode()

    assert reverse("workspace:draft", args=[case.draft.pk]) in html
    assert REPORT_RAW_TEXT.splitlines()[0] in html
