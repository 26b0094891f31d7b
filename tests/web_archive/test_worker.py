"""The archive runs in a real Celery worker process: the job row is sent on commit, claimed and recorded there."""

import pytest

from catalog.models import WebArchiveCapture
from catalog.services import web_archives
from provenance.choices import JobStatus
from tests.factories import AnalystFactory, SightingFactory
from tests.integration.workers import running_worker, wait_for
from tests.web_archive.site import stored_wacz

pytestmark = pytest.mark.django_db(transaction=True)


def finished(job_id):
    return WebArchiveCapture.objects.get(pk=job_id).status in (JobStatus.SUCCEEDED, JobStatus.FAILED)


def test_a_worker_process_archives_a_sightings_page_with_its_video(site):
    sighting = SightingFactory(url=site.url("index.html"))
    job = web_archives.request_web_archive(sighting=sighting, user=AnalystFactory())

    with running_worker() as worker:
        wait_for(lambda: finished(job.pk), timeout=120)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, f"{job.error}\n{worker.log_path.read_text()}"
    assert job.enqueued_at is not None and job.claim_token
    wacz = stored_wacz(job)
    assert wacz.response(site.url("media/release.mp4"))["payload"] == site.files["media/release.mp4"]
    assert wacz.response(site.url("photos/still.jpg"))["payload"] == site.files["photos/still.jpg"]
