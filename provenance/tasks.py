from celery import shared_task
from django.conf import settings

from provenance import jobs, services


@shared_task(
    bind=True, name="provenance.enrich.run_enrichment_job", **jobs.RETRY_TRANSIENT_ERRORS,
    # Decoding checks its own deadline; these limits catch a C call that hangs past it.
    soft_time_limit=settings.MEDIA_DECODE_SECONDS + 60, time_limit=settings.MEDIA_DECODE_SECONDS + 120,
)
def run_enrichment_job(task, job_id):
    services.run_enrichment_job(job_id, token=task.request.id)


@shared_task(name="provenance.enrich.resend_unsent_jobs")
def resend_unsent_jobs():
    jobs.resend_unsent_jobs()


@shared_task(name="provenance.enrich.publish_pdq_index")
def publish_pdq_index():
    services.publish_index()


@shared_task(name="provenance.verify.run_fixity_check")
def run_fixity_check():
    services.run_fixity_check()


@shared_task(name="provenance.verify.anchor_custody")
def anchor_custody():
    services.anchor_custody()
