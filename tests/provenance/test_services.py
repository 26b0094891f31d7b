import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from provenance import jobs, services
from provenance.choices import EnrichmentKind, JobStatus
from provenance.models import EnrichmentJob, MediaFile

pytestmark = pytest.mark.django_db

BYTES = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 5000


def receive(content=BYTES, name="amaq.mp4"):
    return services.receive_file(ContentFile(content), name)


def test_it_stores_received_bytes_under_their_sha256():
    media_file = receive()

    assert media_file.sha256 == hashlib.sha256(BYTES).hexdigest()
    assert media_file.size == len(BYTES)
    assert media_file.file.name.endswith(media_file.sha256)
    with default_storage.open(media_file.file.name, "rb") as stored:
        assert stored.read() == BYTES


def test_it_stores_identical_bytes_only_once():
    first = receive(name="first.mp4")
    second = receive(name="second.mp4")

    assert first.pk == second.pk
    assert MediaFile.objects.count() == 1
    assert second.original_filename == "first.mp4"


def test_it_refuses_a_zero_byte_file():
    with pytest.raises(ValidationError, match="empty"):
        receive(b"")
    assert MediaFile.objects.count() == 0


@pytest.mark.parametrize(
    "name, problem",
    [
        ("../../etc/passwd", "path"),
        ("clip\x00.mp4", "NUL"),
        ("clip\u202egpj.mp4", "right-to-left"),
        ("folder/clip.mp4", "path"),
        ("a" * 300, "longer than 255"),
    ],
)
def test_it_refuses_a_filename_that_lies_or_escapes(name, problem):
    with pytest.raises(ValidationError, match=problem):
        receive(name=name)
    assert MediaFile.objects.count() == 0


def test_hashing_job_records_sha256_and_md5_of_the_stored_bytes():
    media_file = receive()
    job = services.request_enrichment(media_file)

    services.run_enrichment_job(job.pk)

    job.refresh_from_db()
    media_file.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.result == {
        "sha256": hashlib.sha256(BYTES).hexdigest(),
        "md5": hashlib.md5(BYTES).hexdigest(),
        "size": len(BYTES),
    }
    assert media_file.md5 == hashlib.md5(BYTES).hexdigest()
    assert job.attempts == 1
    assert job.finished_at is not None


def test_running_a_finished_job_again_changes_nothing():
    job = services.request_enrichment(receive())
    services.run_enrichment_job(job.pk)
    job.refresh_from_db()
    finished_at = job.finished_at

    services.run_enrichment_job(job.pk)

    job.refresh_from_db()
    assert (job.attempts, job.finished_at) == (1, finished_at)
    assert EnrichmentJob.objects.count() == 1


def test_requesting_enrichment_twice_keeps_one_job_row():
    media_file = receive()
    services.request_enrichment(media_file)
    services.request_enrichment(media_file)

    assert EnrichmentJob.objects.filter(media_file=media_file, kind=EnrichmentKind.HASHES).count() == 1


def test_a_running_job_with_a_live_lease_is_not_claimed_twice():
    job = services.request_enrichment(receive())
    EnrichmentJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now(), attempts=1)

    services.run_enrichment_job(job.pk)

    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RUNNING, 1)


def test_a_job_abandoned_by_a_dead_worker_is_claimed_again(settings):
    job = services.request_enrichment(receive())
    long_ago = timezone.now() - timedelta(seconds=settings.JOB_LEASE_SECONDS + 1)
    EnrichmentJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=long_ago, attempts=1)

    services.run_enrichment_job(job.pk)

    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.SUCCEEDED, 2)


def test_a_changed_stored_file_fails_the_job_with_a_readable_reason():
    media_file = receive()
    path = default_storage.path(media_file.file.name)
    with open(path, "r+b") as stored:
        stored.seek(100)
        stored.write(b"\xff")
    job = services.request_enrichment(media_file)

    services.run_enrichment_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "changed since receipt" in job.error


def test_a_missing_stored_file_fails_the_job_with_a_readable_reason():
    media_file = receive()
    default_storage.delete(media_file.file.name)
    job = services.request_enrichment(media_file)

    services.run_enrichment_job(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "missing" in job.error


def test_the_sweeper_resends_only_jobs_left_unsent_or_abandoned(settings):
    old = timezone.now() - timedelta(seconds=settings.JOB_RESEND_AFTER_SECONDS + 60)
    unsent = services.request_enrichment(receive(b"unsent bytes"))
    fresh = services.request_enrichment(receive(b"fresh bytes"))
    finished = services.request_enrichment(receive(b"finished bytes"))
    abandoned = services.request_enrichment(receive(b"abandoned bytes"))
    EnrichmentJob.objects.filter(pk=unsent.pk).update(created_at=old, enqueued_at=None)
    EnrichmentJob.objects.filter(pk=fresh.pk).update(enqueued_at=timezone.now())
    EnrichmentJob.objects.filter(pk=finished.pk).update(status=JobStatus.SUCCEEDED, enqueued_at=old)
    lease_expired = timezone.now() - timedelta(seconds=settings.JOB_LEASE_SECONDS + 1)
    EnrichmentJob.objects.filter(pk=abandoned.pk).update(status=JobStatus.RUNNING, started_at=lease_expired)

    resent = jobs.resend_unsent_jobs()

    assert sorted(resent) == sorted([(EnrichmentJob, unsent.pk), (EnrichmentJob, abandoned.pk)])
    unsent.refresh_from_db()
    assert unsent.enqueued_at is not None


def test_enrichment_is_sent_only_after_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.request_enrichment(receive())

    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.enqueued_at is None


def test_a_redelivery_of_the_message_whose_worker_died_takes_the_job_back():
    job = services.request_enrichment(receive())
    EnrichmentJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), attempts=1, claim_token="task-1"
    )

    services.run_enrichment_job(job.pk, token="another-task")
    assert EnrichmentJob.objects.get(pk=job.pk).status == JobStatus.RUNNING

    services.run_enrichment_job(job.pk, token="task-1")
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.SUCCEEDED, 2)


def test_a_job_stopped_at_its_time_limit_fails_with_a_readable_reason():
    from celery.exceptions import SoftTimeLimitExceeded

    job = services.request_enrichment(receive())

    def hangs(job):
        raise SoftTimeLimitExceeded()

    jobs.run_job(EnrichmentJob, job.pk, perform=hangs)

    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, "The job ran past its time limit and was stopped.")


def test_a_run_whose_claim_was_taken_over_records_nothing():
    media_file = receive()
    job = services.request_enrichment(media_file)

    def taken_over_while_running(job):
        # The broker redelivered the same message while this run was alive; the redelivery took the job.
        assert EnrichmentJob.objects.claim(job.pk, token=job.claim_token)
        return {"sha256": "from the first run"}

    jobs.run_job(EnrichmentJob, job.pk, perform=taken_over_while_running, token="task-1")

    job.refresh_from_db()
    assert (job.status, job.attempts, job.result) == (JobStatus.RUNNING, 2, {})
    assert not media_file.custody_events.filter(action="enriched").exists()
