import hashlib
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from catalog import services as catalog_services
from provenance import jobs, services
from provenance.choices import JobStatus
from provenance.models import EnrichmentJob
from tests.conftest import require_service
from tests.factories import AnalystFactory, MediaItemFactory
from tests.integration.workers import running_worker, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

VIDEO_BYTES = b"\x00\x00\x00\x20ftypisom" + hashlib.sha512(b"seed").digest() * 40000


def job_status(job_id):
    return EnrichmentJob.objects.get(pk=job_id).status


def finished(job_id):
    return job_status(job_id) in (JobStatus.SUCCEEDED, JobStatus.FAILED)


def test_a_worker_process_hashes_a_file_attached_to_an_item():
    link = catalog_services.attach_file(
        MediaItemFactory(), ContentFile(VIDEO_BYTES), "proof-of-life.mp4", AnalystFactory()
    )
    job = EnrichmentJob.objects.get(media_file=link.media_file, kind="hashes")

    with running_worker() as worker:
        wait_for(lambda: finished(job.pk), timeout=90)

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, worker.log_path.read_text()
    assert job.result["sha256"] == hashlib.sha256(VIDEO_BYTES).hexdigest()
    assert job.result["md5"] == hashlib.md5(VIDEO_BYTES).hexdigest()
    assert job.enqueued_at is not None


def test_a_worker_on_redis_finishes_a_job_the_sweeper_resent_after_a_lost_enqueue():
    require_service("Redis (REDIS_URL)", bool(settings.REDIS_URL))
    media_file = services.receive_file(ContentFile(VIDEO_BYTES), "lost.mp4")
    # The row committed but the process died before sending it: no message exists.
    job = EnrichmentJob.objects.create(media_file=media_file, kind="hashes")
    EnrichmentJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - timedelta(seconds=settings.JOB_RESEND_AFTER_SECONDS + 1)
    )

    with running_worker() as worker:
        assert jobs.resend_unsent_jobs() == [(EnrichmentJob, job.pk)]
        wait_for(lambda: finished(job.pk), timeout=90)

    assert job_status(job.pk) == JobStatus.SUCCEEDED, worker.log_path.read_text()
    assert "redis" in settings.CELERY_BROKER_URL
