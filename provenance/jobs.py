"""Running background jobs safely: send after commit, claim once, retry only what is transient, sweep the outbox."""

import logging
from functools import partial

from celery import current_app
from celery.exceptions import SoftTimeLimitExceeded
from django.apps import apps
from django.db import transaction
from django.utils import timezone

from provenance.choices import JobStatus
from provenance.models import QueuedJob

logger = logging.getLogger(__name__)

MAX_JOB_ATTEMPTS = 8


class TransientJobError(Exception):
    """A failure worth retrying: storage, network or database briefly out of reach."""


class JobFailed(Exception):
    """A failure that retrying will not cure; its message is shown to analysts."""


# Celery task options for a job: only transient errors are retried, with exponential backoff and jitter.
RETRY_TRANSIENT_ERRORS = {
    "autoretry_for": (TransientJobError,),
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": MAX_JOB_ATTEMPTS,
}


def send_on_commit(job):
    transaction.on_commit(partial(send, type(job), job.pk), robust=True)


def send(model, job_id):
    model.objects.filter(pk=job_id, status=JobStatus.PENDING).update(enqueued_at=timezone.now())
    current_app.send_task(model.task_name, args=[job_id])


def reopen(job):
    """Make a finished or failed job pending again, to be run anew."""
    type(job).objects.filter(pk=job.pk).update(
        status=JobStatus.PENDING, error="", result={}, enqueued_at=None, started_at=None, finished_at=None
    )
    job.refresh_from_db()


def job_models():
    return [model for model in apps.get_models() if issubclass(model, QueuedJob)]


def resend_unsent_jobs():
    """The outbox sweeper, for every kind of job in every app."""
    resent = []
    for model in job_models():
        for job_id in model.objects.due_for_resend().values_list("pk", flat=True):
            send(model, job_id)
            resent.append((model, job_id))
    return resent


def run_job(model, job_id, perform, record=None, token=""):
    """Claim the job, `perform` its work outside any transaction, then `record` the result with the job's outcome.

    Running a job twice is harmless: the second claim finds it taken or finished and does nothing.
    `token` is the Celery task id, so a message redelivered after its worker died can take the job back. Because
    such a redelivery can also happen while the first run is alive (a dropped broker connection), every outcome
    is written only by the run that still holds the claim: same attempt number, same token.
    """
    if not model.objects.claim(job_id, token):
        logger.info("%s %s is taken, finished or gone; nothing to do", model.__name__, job_id)
        return None
    job = model.objects.get(pk=job_id)
    try:
        result = perform(job)
    except JobFailed as failure:
        _settle(job, JobStatus.FAILED, error=str(failure))
    except SoftTimeLimitExceeded:
        _settle(job, JobStatus.FAILED, error="The job ran past its time limit and was stopped.")
    except (OSError, TransientJobError) as problem:
        if job.attempts >= MAX_JOB_ATTEMPTS:
            _settle(job, JobStatus.FAILED, error=f"Gave up after {job.attempts} attempts: {problem}")
            return job
        _held(job).update(status=JobStatus.PENDING, error=str(problem))
        raise TransientJobError(str(problem)) from problem
    else:
        _settle(job, JobStatus.SUCCEEDED, result=result, record=record)
    job.refresh_from_db()
    return job


def _held(job):
    """The job's row, as long as this run still holds the claim."""
    return type(job).objects.filter(
        pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts, claim_token=job.claim_token
    )


def _settle(job, status, result=None, error="", record=None):
    with transaction.atomic():
        if not _held(job).select_for_update().exists():
            logger.warning("%s %s was taken over by another run; this run's outcome is dropped", type(job).__name__,
                           job.pk)
            return
        if record:
            record(job, result)
        finish(job, status, result=result, error=error)


def finish(job, status, result=None, error=""):
    type(job).objects.filter(pk=job.pk).update(
        status=status, result=result or {}, error=error, finished_at=timezone.now()
    )
