"""The re-match check (catalog.services.rematching.check_rematch) on real generated video: files already in the
catalogue are matched again against today's index; a pair of items no proposal joins yet becomes a proposal and a
NEW_VARIANT_MATCH finding."""

import pytest

from catalog import services as catalog_services
from catalog.choices import FindingKind, ProposalStatus, VerificationKind
from catalog.models import Finding, VariantProposal, VerificationRun
from catalog.services.rematching import check_rematch
from provenance import matching
from provenance.choices import EnrichmentKind, JobStatus
from provenance.models import EnrichmentJob, FileMatch
from provenance.services import run_enrichment_job
from tests.factories import MediaItemFactory

pytestmark = pytest.mark.django_db

ANALYSED = (EnrichmentKind.HASHES, EnrichmentKind.ANALYSIS)
MATCHED = (*ANALYSED, EnrichmentKind.MATCHING)


@pytest.fixture(autouse=True)
def fresh_index():
    matching.reset_index()
    yield
    matching.reset_index()


def attach(media, name, jobs=MATCHED, title=None):
    """Attach a generated file to a new item and run the named enrichment jobs, as a worker would."""
    item = MediaItemFactory(title=title or f"Item with the {name} video")
    with open(media.path(name), "rb") as fileobj:
        link = catalog_services.attach_file(item, fileobj, f"{name}.mp4")
    for kind in jobs:
        job = EnrichmentJob.objects.get(media_file=link.media_file, kind=kind)
        run_enrichment_job(job.pk)
        job.refresh_from_db()
        assert job.status == JobStatus.SUCCEEDED, job.error
    return link


def rematch(media_item=None):
    return check_rematch(VerificationRun.objects.create(kind=VerificationKind.REMATCH, media_item=media_item))


def test_a_re_upload_whose_matching_never_ran_is_proposed_and_flagged_on_the_older_item(media):
    original = attach(media, "original")
    copy = attach(media, "cropped 5%", jobs=ANALYSED)  # its matching job failed, say: no match was recorded
    assert not VariantProposal.objects.exists()

    result = rematch()

    proposal = VariantProposal.objects.get()
    assert (proposal.media_item, proposal.matched_item) == (copy.media_item, original.media_item)
    assert proposal.status == ProposalStatus.PROPOSED
    match = proposal.file_match
    assert (match.query_file, match.matched_file) == (copy.media_file, original.media_file)
    assert match.query_match_percent >= 80
    finding = Finding.objects.get()
    assert (finding.kind, finding.media_item) == (FindingKind.NEW_VARIANT_MATCH, original.media_item)
    assert finding.detail["matched_item"] == copy.media_item_id
    assert f"item {copy.media_item_id}" in finding.message
    assert result == {"files_checked": 2, "findings": [finding.pk], "proposals": [proposal.pk]}


def test_running_it_again_raises_nothing_new(media):
    attach(media, "original")
    attach(media, "with a logo", jobs=ANALYSED)
    rematch()

    result = rematch()

    assert (result["findings"], result["proposals"]) == ([], [])
    assert (Finding.objects.count(), VariantProposal.objects.count(), FileMatch.objects.count()) == (1, 1, 1)


def test_a_pair_already_proposed_by_the_matching_job_is_left_alone(media, analyst):
    attach(media, "original")
    attach(media, "re-encoded at a low bitrate")
    proposal = VariantProposal.objects.get()
    catalog_services.reject_variant(proposal, analyst)

    result = rematch()

    assert result["findings"] == [] and not Finding.objects.exists()
    assert VariantProposal.objects.get().status == ProposalStatus.REJECTED


def test_a_run_for_one_item_checks_only_that_items_files(media):
    original = attach(media, "original")
    copy = attach(media, "mirrored", jobs=ANALYSED)
    unrelated = attach(media, "unrelated")

    assert rematch(media_item=unrelated.media_item)["findings"] == []
    result = rematch(media_item=original.media_item)

    assert result["files_checked"] == 1
    assert VariantProposal.objects.get().media_item == copy.media_item


def test_an_unrelated_video_raises_nothing(media):
    attach(media, "original")
    attach(media, "unrelated", jobs=ANALYSED)

    result = rematch()

    assert result == {"files_checked": 2, "findings": [], "proposals": []}


def test_items_already_of_one_family_raise_nothing(media):
    original = attach(media, "original")
    copy = attach(media, "letterboxed to 4:3", jobs=ANALYSED)
    copy.media_item.variant_of = original.media_item
    copy.media_item.save(update_fields=["variant_of"])

    result = rematch()

    assert (result["findings"], result["proposals"]) == ([], [])
    assert not VariantProposal.objects.exists()


def test_a_copy_matching_a_whole_family_is_proposed_once_against_its_representative(media):
    original = attach(media, "original")
    waiting = attach(media, "mirrored")  # its matching job proposed it against the original
    late = attach(media, "with a logo", jobs=ANALYSED)

    result = rematch()

    # It matches the original and its mirrored sibling: one proposal, against the original, and one finding.
    proposal = VariantProposal.objects.get(media_item=late.media_item)
    assert proposal.matched_item == original.media_item
    assert VariantProposal.objects.get(media_item=waiting.media_item).matched_item == original.media_item
    assert VariantProposal.objects.count() == 2
    assert result["proposals"] == [proposal.pk] and len(result["findings"]) == 1
    assert rematch()["proposals"] == []
