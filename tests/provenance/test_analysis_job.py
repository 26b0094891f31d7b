"""The analysis and matching enrichments, on generated video with natural image statistics."""

import pytest
from django.core.files.storage import default_storage

from catalog import services as catalog_services
from catalog.models import VariantProposal
from provenance import matching
from provenance.choices import C2paState, DerivedKind, EnrichmentKind, HashAlgorithm, JobStatus
from provenance.models import EnrichmentJob, FileMatch
from provenance.services import run_enrichment_job
from tests.factories import MediaItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index():
    matching.reset_index()
    yield
    matching.reset_index()


def attach_and_enrich(media, name, item=None):
    """Attach a generated file and run its jobs as a worker would, analysis first, then the matching it queues."""
    with open(media.path(name), "rb") as fileobj:
        link = catalog_services.attach_file(item or MediaItemFactory(), fileobj, "upload.mp4")
    for kind in (EnrichmentKind.HASHES, EnrichmentKind.ANALYSIS, EnrichmentKind.MATCHING):
        job = EnrichmentJob.objects.filter(media_file=link.media_file, kind=kind).first()
        if job is not None:
            run_enrichment_job(job.pk)
            job.refresh_from_db()
            assert job.status == JobStatus.SUCCEEDED, job.error
    link.media_file.refresh_from_db()
    return link


def test_analysis_describes_the_video_and_stores_derived_files_apart(media):
    media_file = attach_and_enrich(media, "original").media_file

    assert media_file.mime_type == "video/mp4"
    assert media_file.media_metadata["video"]["codec"] == "h264"
    assert media_file.c2pa_state == C2paState.NONE
    kinds = set(media_file.derived_files.values_list("kind", flat=True))
    assert {DerivedKind.KEYFRAME, DerivedKind.BLURRED_KEYFRAME, DerivedKind.THUMBNAIL,
            DerivedKind.BLURRED_THUMBNAIL, DerivedKind.FINGERPRINT} <= kinds
    assert media_file.derived_files.filter(kind=DerivedKind.KEYFRAME).count() == (
        media_file.derived_files.filter(kind=DerivedKind.BLURRED_KEYFRAME).count()
    )
    for derived in media_file.derived_files.all():
        assert derived.file.name.startswith("derived/")
        assert default_storage.exists(derived.file.name)
    assert media_file.frame_hashes.filter(algorithm=HashAlgorithm.VPDQ).count() >= 8
    assert media_file.frame_hashes.filter(algorithm=HashAlgorithm.ROBUST_PDQ).exists()


def test_analysing_again_replaces_rather_than_duplicates(media):
    media_file = attach_and_enrich(media, "original").media_file
    counts = (media_file.derived_files.count(), media_file.frame_hashes.count())
    job = EnrichmentJob.objects.get(media_file=media_file, kind=EnrichmentKind.ANALYSIS)
    EnrichmentJob.objects.filter(pk=job.pk).update(status=JobStatus.PENDING)

    run_enrichment_job(job.pk)

    assert (media_file.derived_files.count(), media_file.frame_hashes.count()) == counts


@pytest.mark.parametrize(
    "variant", ["re-encoded at a low bitrate", "cropped 5%", "with a logo", "letterboxed to 4:3", "mirrored"]
)
def test_a_re_upload_on_another_item_becomes_a_variant_proposal(media, variant):
    original = attach_and_enrich(media, "original")

    copy = attach_and_enrich(media, variant)

    match = FileMatch.objects.get(query_file=copy.media_file)
    assert match.matched_file == original.media_file
    assert match.query_match_percent >= 80
    proposal = VariantProposal.objects.get(media_item=copy.media_item)
    assert proposal.matched_item == original.media_item
    assert "% of frames match" in proposal.summary


def test_an_unrelated_video_matches_nothing(media):
    attach_and_enrich(media, "original")

    unrelated = attach_and_enrich(media, "unrelated")

    assert not FileMatch.objects.filter(query_file=unrelated.media_file).exists()
    assert not VariantProposal.objects.exists()


def test_a_pdq_lookup_finds_the_file_a_frame_came_from(media):
    original = attach_and_enrich(media, "original").media_file
    attach_and_enrich(media, "unrelated")
    frame_hash = original.frame_hashes.filter(algorithm=HashAlgorithm.VPDQ).first().hash

    found = matching.find_similar(frame_hash, max_distance=31)

    assert found[0][0] == original.pk


def test_matching_a_file_without_storing_it_finds_its_original(media, tmp_path):
    original = attach_and_enrich(media, "original").media_file
    stored_before = set(default_storage.listdir("originals")[0])

    with open(media.path("scaled to 480p"), "rb") as upload:
        found = matching.match_file(upload)

    assert [file_id for file_id, _ in found] == [original.pk]
    assert set(default_storage.listdir("originals")[0]) == stored_before


def test_a_file_that_is_not_media_fails_its_analysis_with_a_readable_reason(tmp_path):
    from django.core.files.base import ContentFile

    link = catalog_services.attach_file(MediaItemFactory(), ContentFile(b"\x00\x00\x00\x18ftypmp42" + b"\x17" * 5000),
                                        "broken.mp4")
    job = EnrichmentJob.objects.get(media_file=link.media_file, kind=EnrichmentKind.ANALYSIS)

    run_enrichment_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error
    assert not EnrichmentJob.objects.filter(media_file=link.media_file, kind=EnrichmentKind.MATCHING).exists()
