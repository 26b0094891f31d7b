"""The item dossier: evidence, custody chain, sightings chart, claims, identities, review and its actions."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from catalog import services
from catalog.choices import ClaimStatus
from catalog.models import ReviewApproval, ReviewEvent
from provenance.choices import CustodyAction, EnrichmentKind, JobStatus
from provenance.models import CustodyEvent, EnrichmentJob
from tests.factories import ItemFileFactory
from tests.workspace.case import HTMX

pytestmark = pytest.mark.django_db


def dossier(client, item):
    response = client.get(reverse("workspace:item", args=[item.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_dossier_shows_every_section(desk, case):
    html = dossier(desk, case.item)

    for section in ("media", "evidence", "sightings", "claims", "identities", "review"):
        assert f'<section id="{section}"' in html, section


def test_the_breadcrumbs_name_the_item_by_its_title(desk, case):
    html = dossier(desk, case.item)

    breadcrumbs = re.search(r'<p class="breadcrumbs">(.*?)</p>', html, re.S).group(1)
    assert escape(case.item.title)[:50] in breadcrumbs  # escaped: the case title carries markup
    assert f"item {case.item.pk}" not in breadcrumbs


def test_evidence_shows_hashes_type_and_an_intact_custody_chain(desk, case):
    link = ItemFileFactory(media_item=case.item, content=b"evidence bytes for the dossier")
    media_file = link.media_file

    html = dossier(desk, case.item)

    assert media_file.sha256 in html
    assert "Hash chain intact: 2 events" in html  # stored, then acquired
    assert "not computed yet" in html  # MD5 before the hashing job ran


def test_a_broken_custody_chain_is_pointed_out(desk, case):
    media_file = ItemFileFactory(media_item=case.item, content=b"tampered evidence").media_file
    last = media_file.custody_events.order_by("-sequence").first()
    # An event appended without the chain's previous hash: what a forged or replayed entry looks like.
    forged = CustodyEvent(media_file=media_file, sequence=last.sequence + 1, action=CustodyAction.EXPORTED,
                          actor="someone", previous_hash="f" * 64)
    forged.event_hash = forged.compute_hash()
    forged.save()

    html = dossier(desk, case.item)

    assert "The chain is broken" in html
    assert f"at event #{forged.sequence}: its previous-hash does not match the event before it" in html


def test_the_sightings_chart_includes_confirmed_variants_and_marks_takedowns(desk, case):
    html = dossier(desk, case.item)
    chart = html[html.index('<svg class="timeline"'):html.index("</svg>", html.index('<svg class="timeline"'))]

    assert len(re.findall(r'<circle class="mark', chart)) == 3  # two of the item, one of its variant
    assert chart.count("mark--variant") == 1
    assert chart.count('class="takedown"') == 1
    assert 'class="release"' in chart  # the claimed release
    assert f"variant: item {case.variant.pk}" in chart


def test_claims_show_their_denials_and_standing(desk, case):
    html = dossier(desk, case.item)
    claim = html[html.index(f'id="claim-{case.claim.pk}"'):]

    assert "chip--standing-disputed" in claim  # denied, and no verdict on it yet
    assert "Denied or contradicted by" in claim
    assert "No servicemen were captured" in claim


def test_identities_show_resolution_candidates_with_score_and_reasons(desk, case):
    html = dossier(desk, case.item)
    identities = html[html.index('<section id="identities"'):html.index('<section id="review"')]

    assert "Roman Zabolotny" in identities
    assert "birth year 1979 matches" in identities
    assert re.search(r"\d+%", identities)


def test_recording_a_verdict_needs_a_rationale(desk, case):
    before = ReviewEvent.objects.count()

    response = desk.post(reverse("workspace:item-verdict", args=[case.item.pk]),
                         {"authenticity": "StagedContent", "rationale": "   "}, **HTMX)

    assert response.status_code == 422
    assert "Give a rationale" in response.content.decode()
    assert ReviewEvent.objects.count() == before
    case.item.refresh_from_db()
    assert case.item.authenticity == "OriginalMediaContent"


def test_recording_a_verdict_without_javascript_shows_the_form_again_on_error(desk, case):
    response = desk.post(reverse("workspace:item-verdict", args=[case.item.pk]),
                         {"authenticity": "StagedContent", "rationale": ""})

    assert response.status_code == 422
    assert "Give a rationale" in response.content.decode()
    assert '<section id="media"' in response.content.decode()  # the whole page


def test_recording_an_authenticity_verdict(desk, case, analyst):
    response = desk.post(reverse("workspace:item-verdict", args=[case.item.pk]),
                         {"authenticity": "StagedContent", "rationale": "The bruises are make-up"}, **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="review"')
    assert "Verdict recorded." in html
    event = ReviewEvent.objects.latest("pk")
    assert (event.new_value, event.rationale, event.analyst) == ("StagedContent", "The bruises are make-up", analyst)
    case.item.refresh_from_db()
    assert (case.item.authenticity, case.item.published_authenticity) == ("StagedContent", "NotAssessed")


def test_recording_a_claim_verdict_updates_claims_and_review(desk, case):
    response = desk.post(reverse("workspace:claim-verdict", args=[case.claim.pk]),
                         {"status": ClaimStatus.FALSE, "rationale": "Denied, and the men were identified as actors"},
                         **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="claims"')
    assert '<section id="review" class="card" aria-labelledby="review-title" hx-swap-oob="true">' in html
    case.claim.refresh_from_db()
    assert case.claim.status == ClaimStatus.FALSE
    assert "chip--standing-false" in html  # reviewed: standing is the verdict now


def test_a_claim_verdict_without_rationale_keeps_the_form_open_with_its_error(desk, case):
    response = desk.post(reverse("workspace:claim-verdict", args=[case.claim.pk]),
                         {"status": ClaimStatus.FALSE, "rationale": ""}, **HTMX)

    assert response.status_code == 422
    html = response.content.decode()
    assert '<details class="verdict" open>' in html
    assert "Give a rationale" in html


def test_a_second_analyst_approves_in_the_dossier(colleague, colleague_user, case):
    [event] = services.awaiting_approval()
    html = dossier(colleague, case.item)
    assert reverse("workspace:review-approve", args=[event.pk]) in html

    response = colleague.post(reverse("workspace:review-approve", args=[event.pk]),
                              {"context": "dossier", "note": "Checked the frames"}, **HTMX)

    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section id="review"')
    approval = ReviewApproval.objects.get(review_event=event)
    assert (approval.approver, approval.note) == (colleague_user, "Checked the frames")
    assert "approved by colleague" in response.content.decode()


def test_the_author_has_no_approve_button_in_the_dossier(desk, case):
    [event] = services.awaiting_approval()

    html = dossier(desk, case.item)

    assert reverse("workspace:review-approve", args=[event.pk]) not in html
    assert "Your verdict: another analyst approves it." in html


def test_queueing_an_enrichment(desk, case, django_capture_on_commit_callbacks):
    link = ItemFileFactory(media_item=case.item, content=b"bytes to hash")

    with django_capture_on_commit_callbacks() as sent:
        response = desk.post(reverse("workspace:file-enrich", args=[case.item.pk, link.pk]),
                             {"kind": EnrichmentKind.HASHES}, **HTMX)

    assert response.status_code == 200
    assert "Queued: SHA-256 and MD5." in response.content.decode()
    job = EnrichmentJob.objects.get(media_file=link.media_file, kind=EnrichmentKind.HASHES)
    assert job.status == JobStatus.PENDING
    assert len(sent) == 1


def test_a_file_of_another_item_cannot_be_enriched_through_this_one(desk, case):
    other = ItemFileFactory(content=b"somebody else's file")

    response = desk.post(reverse("workspace:file-enrich", args=[case.item.pk, other.pk]), {"kind": "hashes"})

    assert response.status_code == 404


def test_export_links_point_at_the_api(desk, case):
    html = dossier(desk, case.item)

    for export_format in ("stix", "misp", "claimreview"):
        assert f'href="/api/v1/media-items/{case.item.pk}/export/{export_format}/"' in html


def test_the_dossier_links_to_the_admin_for_raw_editing(desk, case):
    html = dossier(desk, case.item)

    assert reverse("admin:catalog_mediaitem_change", args=[case.item.pk]) in html


def test_the_items_list_uses_the_shared_filterset(desk, case):
    response = desk.get(reverse("workspace:items"), {"q": "Amaq video"})
    html = response.content.decode()

    assert reverse("workspace:item", args=[case.item.pk]) in html
    assert reverse("workspace:item", args=[case.variant.pk]) not in html
    assert 'name="authenticity"' in html and 'name="is_graphic"' in html  # MediaItemFilterSet's fields


def test_an_invalid_filter_shows_its_error_and_no_items(desk, case):
    response = desk.get(reverse("workspace:items"), {"kind": "hologram"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert reverse("workspace:item", args=[case.item.pk]) not in response.content.decode()
