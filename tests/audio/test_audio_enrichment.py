"""Audio fingerprints in the enrichment pass: stored at analysis, matched, and proposed as variants."""

import pytest

from catalog import services as catalog_services
from catalog.models import VariantProposal
from provenance.choices import EnrichmentKind, JobStatus, MatchMethod
from provenance.models import AudioFingerprint, EnrichmentJob, FileMatch
from provenance.services import run_enrichment_job
from tests.audio.library import TRIM_START
from tests.factories import MediaItemFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_index")]


def attach_and_enrich(audio_library, name):
    """Attach a generated file to a new item and run its jobs as a worker would."""
    with open(audio_library.path(name), "rb") as fileobj:
        link = catalog_services.attach_file(MediaItemFactory(), fileobj, f"{name}.mp4")
    for kind in (EnrichmentKind.HASHES, EnrichmentKind.ANALYSIS, EnrichmentKind.MATCHING):
        job = EnrichmentJob.objects.filter(media_file=link.media_file, kind=kind).first()
        if job is not None:
            run_enrichment_job(job.pk)
            job.refresh_from_db()
            assert job.status == JobStatus.SUCCEEDED, job.error
    return link


def test_analysis_stores_the_soundtracks_fingerprint(audio_library, prints):
    link = attach_and_enrich(audio_library, "original")

    stored = AudioFingerprint.objects.get(media_file=link.media_file)
    assert stored.item_count == prints("original").items.size
    assert bytes(stored.items) == prints("original").to_bytes()
    assert stored.duration_seconds == pytest.approx(30, abs=0.1)


def test_analysing_again_replaces_the_fingerprint(audio_library):
    link = attach_and_enrich(audio_library, "original")
    job = EnrichmentJob.objects.get(media_file=link.media_file, kind=EnrichmentKind.ANALYSIS)
    EnrichmentJob.objects.filter(pk=job.pk).update(status=JobStatus.PENDING)

    run_enrichment_job(job.pk)

    assert AudioFingerprint.objects.filter(media_file=link.media_file).count() == 1


def test_the_same_soundtrack_under_another_picture_is_proposed_as_a_variant_on_audio_alone(audio_library):
    original = attach_and_enrich(audio_library, "original")

    copy = attach_and_enrich(audio_library, "under a different picture")

    [match] = FileMatch.objects.filter(query_file=copy.media_file)  # the pictures share nothing
    assert (match.matched_file, match.method) == (original.media_file, MatchMethod.AUDIO)
    assert match.aligned_seconds >= 25
    assert match.bit_error_rate < 0.05
    proposal = VariantProposal.objects.get(media_item=copy.media_item)
    assert proposal.matched_item == original.media_item
    assert proposal.file_match == match
    assert f"same soundtrack, {match.aligned_seconds:.0f} s aligned at a bit-error rate of" in proposal.summary


def test_a_trimmed_audio_only_copy_is_matched_with_its_offset(audio_library):
    original = attach_and_enrich(audio_library, "original")

    copy = attach_and_enrich(audio_library, "trimmed")

    match = FileMatch.objects.get(query_file=copy.media_file, method=MatchMethod.AUDIO)
    assert match.matched_file == original.media_file
    assert match.detail["offset_seconds"] == pytest.approx(TRIM_START, abs=0.13)
    assert VariantProposal.objects.filter(media_item=copy.media_item, matched_item=original.media_item).exists()


def test_an_unrelated_soundtrack_raises_no_match_and_no_proposal(audio_library):
    attach_and_enrich(audio_library, "original")

    unrelated = attach_and_enrich(audio_library, "unrelated soundtrack")

    assert not FileMatch.objects.filter(query_file=unrelated.media_file).exists()
    assert not VariantProposal.objects.filter(media_item=unrelated.media_item).exists()
