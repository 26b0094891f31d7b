"""How many threads a video analysis uses: one in the workers (the pool is the unit of parallelism), more on demand."""

import threading

import pytest

from catalog import services as catalog_services
from provenance.choices import EnrichmentKind, JobStatus
from provenance.media import probe
from provenance.media.analysis import analyse
from provenance.models import EnrichmentJob
from provenance.services import run_enrichment_job
from tests.factories import MediaItemFactory


@pytest.fixture
def started_threads(monkeypatch):
    """Names of the threads started while the test runs."""
    names, start = [], threading.Thread.start

    def recording_start(thread):
        names.append(thread.name)
        start(thread)

    monkeypatch.setattr(threading.Thread, "start", recording_start)
    return names


def opened(path):
    return probe.OpenedMedia(path, probe.sniff(path), probe.Deadline(60))


@pytest.mark.parametrize("threads", [1, 3])
def test_the_decoder_runs_on_as_many_frame_threads_as_asked(media, threads):
    with opened(media.path("original")) as video:
        next(video.decode_video(probe.DecodeReport(), threads))
        assert video.video.codec_context.thread_count == threads


def test_one_thread_analyses_a_video_without_starting_any_other(media, started_threads):
    analyse(media.path("original"), threads=1)
    assert started_threads == []


def test_more_threads_look_at_the_frames_beside_the_decoder(media, started_threads):
    analyse(media.path("original"), threads=2)
    assert len(started_threads) == 1


def test_one_thread_finds_the_same_hashes_and_keyframes_as_several(media):
    alone, beside = analyse(media.path("original"), threads=1), analyse(media.path("original"), threads=0)
    assert alone.pdq == beside.pdq
    assert alone.fingerprint == beside.fingerprint
    assert [k.frame for k in alone.keyframes] == [k.frame for k in beside.keyframes]


@pytest.mark.django_db
@pytest.mark.parametrize(("setting", "threads_started"), [(1, 0), (2, 1)])
def test_the_enrichment_analyses_with_the_decode_threads_the_settings_give(
    media, settings, started_threads, setting, threads_started
):
    settings.VIDEO_DECODE_THREADS = setting
    with open(media.path("original"), "rb") as fileobj:
        link = catalog_services.attach_file(MediaItemFactory(), fileobj, "original.mp4")
    job = EnrichmentJob.objects.get(media_file=link.media_file, kind=EnrichmentKind.ANALYSIS)
    started_threads.clear()

    run_enrichment_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert len(started_threads) == threads_started
