"""The demo case shows everything at once: a synthesised evidence video with its hashes, custody and blurred
keyframes; both men as catalogued people ranked as transliteration candidates; a re-upload matched by the real
pipeline and waiting as a near-duplicate proposal; a finding. Loading again adds nothing."""

import io

import pytest
from django.core.management import call_command

from catalog import services
from catalog.choices import FindingKind, FindingStatus, ProposalStatus
from catalog.demo_case import ITEM_TITLE
from catalog.demo_showcase import EVIDENCE_FILENAME, REUPLOAD_TITLE
from catalog.models import IdentityAssertion, MediaItem, VariantProposal
from catalog.policies.access import is_graphic_file
from provenance.choices import CustodyAction, DerivedKind, JobStatus
from provenance.models import EnrichmentJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    call_command("load_demo_case", stdout=io.StringIO())
    return MediaItem.objects.get(title=ITEM_TITLE)


def test_the_video_is_evidence_with_hashes_custody_and_blurred_keyframes(loaded):
    [link] = loaded.files.select_related("media_file")
    media_file = link.media_file

    assert link.original_filename == EVIDENCE_FILENAME
    assert len(media_file.sha256) == 64 and len(media_file.md5) == 32
    assert media_file.mime_type == "video/mp4"
    assert set(EnrichmentJob.objects.filter(media_file=media_file).values_list("status", flat=True)) == {
        JobStatus.SUCCEEDED}
    actions = list(media_file.custody_events.order_by("sequence").values_list("action", flat=True))
    assert actions[0] == CustodyAction.STORED and CustodyAction.ENRICHED in actions
    kinds = set(media_file.derived_files.values_list("kind", flat=True))
    assert {DerivedKind.KEYFRAME, DerivedKind.BLURRED_KEYFRAME} <= kinds
    assert loaded.is_graphic and is_graphic_file(media_file.pk)


def test_both_men_are_the_first_transliteration_candidates_of_the_names_stated_on_camera(loaded):
    for stated, person in (("Zabolotny Roman", "Roman Zabolotny"), ("Tsurkanov Gregory", "Grigory Tsurkanov")):
        assertion = IdentityAssertion.objects.get(media_item=loaded, name_as_stated=stated)
        candidates = services.person_candidates(assertion)
        assert candidates and candidates[0].person.canonical_name == person, (stated, candidates)
        assert assertion.person is None  # resolving stays the analyst's call


def test_the_re_upload_waits_in_the_queue_as_a_near_duplicate_of_the_video(loaded):
    proposal = VariantProposal.objects.get(media_item__title=REUPLOAD_TITLE)

    assert (proposal.matched_item, proposal.status) == (loaded, ProposalStatus.PROPOSED)
    assert proposal.file_match.query_match_percent > 50
    assert proposal.media_item.files.get().media_file.sha256 != loaded.files.get().media_file.sha256


def test_the_timeline_check_left_a_finding_on_the_video(loaded):
    finding = loaded.findings.get(status=FindingStatus.OPEN)

    assert finding.kind == FindingKind.CLAIM_AFTER_DENIAL


def test_loading_again_adds_nothing(loaded):
    counts = {model: model.objects.count() for model in (MediaItem, VariantProposal, EnrichmentJob)}
    files = loaded.files.count()

    call_command("load_demo_case", stdout=io.StringIO())

    assert {model: model.objects.count() for model in counts} == counts
    assert loaded.files.count() == files == 1
