from celery import shared_task

from config.queues import Queue
from provenance import services


@shared_task(
    name="provenance.run_enrichment_job",
    queue=Queue.ENRICH,
    autoretry_for=(services.TransientJobError,),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=services.MAX_JOB_ATTEMPTS,
)
def run_enrichment_job(job_id):
    services.run_enrichment_job(job_id)


@shared_task(name="provenance.resend_unsent_jobs", queue=Queue.ENRICH)
def resend_unsent_jobs():
    services.resend_unsent_jobs()
