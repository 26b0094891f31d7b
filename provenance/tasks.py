from celery import shared_task

from provenance import jobs, services


@shared_task(
    name="provenance.enrich.run_enrichment_job",
    autoretry_for=(jobs.TransientJobError,),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=jobs.MAX_JOB_ATTEMPTS,
)
def run_enrichment_job(job_id):
    services.run_enrichment_job(job_id)


@shared_task(name="provenance.enrich.resend_unsent_jobs")
def resend_unsent_jobs():
    jobs.resend_unsent_jobs()


@shared_task(name="provenance.verify.run_fixity_check")
def run_fixity_check():
    services.run_fixity_check()
