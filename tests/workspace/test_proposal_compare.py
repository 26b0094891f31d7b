"""The side-by-side page of a near-duplicate proposal (/desk/proposals/<pk>/) and the queue's family entries."""

import pytest
from django.urls import reverse

from catalog.choices import ProposalStatus
from catalog.models import VariantProposal
from catalog.services.variants import propose_variants
from provenance import matching
from provenance.choices import DerivedKind, EnrichmentKind
from provenance.models import DerivedFile, EnrichmentJob, FileMatch, SensitiveMediaAccess
from provenance.services import run_enrichment_job
from tests.factories import ItemFileFactory, MediaItemFactory
from tests.workspace.case import HTMX, MarkupScan, attach_analysed_video, hostile

pytestmark = pytest.mark.django_db


@pytest.fixture
def matched_pair(media):
    """A graphic original and its mirrored re-upload, analysed and matched: one open proposal."""
    matching.reset_index()
    original = MediaItemFactory(title=hostile("Original release"), is_graphic=True)
    copy = MediaItemFactory(title=hostile("Mirrored re-upload"))
    attach_analysed_video(media, original, "original")
    link = attach_analysed_video(media, copy, "mirrored")
    run_enrichment_job(EnrichmentJob.objects.get(media_file=link.media_file, kind=EnrichmentKind.MATCHING).pk)
    yield VariantProposal.objects.get()
    matching.reset_index()


def page_of(proposal):
    return reverse("workspace:proposal", args=[proposal.pk])


def test_both_files_are_shown_side_by_side_blurred_as_the_dossier_blurs_them(desk, matched_pair):
    html = desk.get(page_of(matched_pair)).content.decode()

    files = (matched_pair.file_match.query_file, matched_pair.file_match.matched_file)
    for media_file in files:
        for blurred in DerivedFile.objects.filter(media_file=media_file, kind=DerivedKind.BLURRED_KEYFRAME):
            assert f"/desk/frames/{blurred.pk}/image/" in html
        for unblurred in DerivedFile.objects.filter(media_file=media_file, kind=DerivedKind.KEYFRAME):
            assert f"/desk/frames/{unblurred.pk}/image/" not in html
            assert f"/desk/frames/{unblurred.pk}/" not in html
    assert html.count('class="strip"') == 2
    assert 'id="reveal-reason-' in html
    assert "mirrored left to right" in html
    assert MarkupScan(html).problems() == []


def test_revealing_a_frame_from_the_comparison_is_logged(desk, analyst, matched_pair):
    blurred = DerivedFile.objects.filter(media_file=matched_pair.file_match.matched_file,
                                         kind=DerivedKind.BLURRED_KEYFRAME).first()

    response = desk.post(reverse("workspace:frame-reveal", args=[blurred.pk]), {"reason": "compare the faces"}, **HTMX)

    assert response.status_code == 200
    access = SensitiveMediaAccess.objects.get()
    assert (access.user, access.reason, access.derived_file.media_file) == (
        analyst, "compare the faces", matched_pair.file_match.matched_file)


def test_a_strong_match_lists_its_matched_frames_and_keeps_the_per_second_table_closed(desk, matched_pair):
    html = desk.get(page_of(matched_pair)).content.decode()

    assert 'class="match-frames"' in html
    assert '<details class="per-second">' in html
    assert "no close frame" not in html


def test_a_weak_match_opens_the_per_second_distances_and_names_the_seconds_without_a_close_frame(desk):
    original, copy = ItemFileFactory(), ItemFileFactory()
    seconds = [
        {"query_seconds": float(second), "target_seconds": float(second), "distance": distance,
         "matched": distance <= 31, "mirrored": False, "query_scale": 1.0, "target_scale": 1.0}
        for second, distance in enumerate([8, 12, 30, 54, 61])
    ]
    match = FileMatch.objects.create(
        query_file=copy.media_file, matched_file=original.media_file, query_match_percent=80.0,
        target_match_percent=70.0, best_distance=8, method="vpdq-robust",
        detail={"mirrored": False, "offset_seconds": 0.0, "crop_scale": 1.0, "seconds": seconds},
    )
    [proposal] = propose_variants([match])

    html = desk.get(page_of(proposal)).content.decode()

    assert '<details class="per-second" open>' in html
    assert "2 of 5 seconds have no close frame (weak match)" in html
    assert html.count("no close frame</td>") == 2


def test_confirming_from_the_comparison_works_without_javascript(desk, matched_pair, analyst):
    response = desk.post(reverse("workspace:proposal-decide", args=[matched_pair.pk]),
                         {"decision": "confirm", "next": reverse("workspace:queue")})

    assert response.status_code == 302 and response["Location"] == reverse("workspace:queue")
    matched_pair.refresh_from_db()
    assert (matched_pair.status, matched_pair.decided_by) == (ProposalStatus.CONFIRMED, analyst)
    html = desk.get(page_of(matched_pair)).content.decode()
    assert "This proposal was confirmed by" in html
    assert 'name="decision"' not in html


def test_deciding_a_member_from_the_queue_answers_htmx_with_the_members_row(desk, case):
    response = desk.post(reverse("workspace:proposal-decide", args=[case.proposal.pk]), {"decision": "reject"}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<li class="family__member family__member--done" id="proposal-{case.proposal.pk}"' in html


def test_the_queue_shows_a_family_once_with_its_members(desk, case):
    second = ItemFileFactory(content=b"another re-upload")
    original_file = case.proposal.file_match.matched_file
    match = FileMatch.objects.create(query_file=second.media_file, matched_file=original_file,
                                     query_match_percent=90.0, target_match_percent=90.0, best_distance=9,
                                     method="vpdq-robust")
    [joined] = propose_variants([match])

    html = desk.get(reverse("workspace:queue")).content.decode()

    assert joined.matched_item == case.proposal.matched_item
    assert html.count(f'id="family-{case.proposal.matched_item_id}"') == 1
    assert f'id="proposal-{case.proposal.pk}"' in html and f'id="proposal-{joined.pk}"' in html
    assert "2 new members to decide" in html


def test_anonymous_callers_get_the_login_page_and_nothing_else(client, case):
    response = client.get(page_of(case.proposal))

    assert response.status_code == 302 and "/desk/login/" in response["Location"]


def test_an_unknown_proposal_is_not_found(desk):
    assert desk.get(reverse("workspace:proposal", args=[999999])).status_code == 404
