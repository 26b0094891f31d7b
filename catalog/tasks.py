from celery import shared_task

from catalog import services
from provenance.jobs import RETRY_TRANSIENT_ERRORS


@shared_task(name="catalog.ingest.run_url_capture", **RETRY_TRANSIENT_ERRORS)
def run_url_capture(job_id):
    services.run_url_capture(job_id)
