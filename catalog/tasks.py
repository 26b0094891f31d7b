from celery import shared_task

from catalog import services
from catalog.services import report_intake, web_archives, webhooks
from provenance.jobs import RETRY_TRANSIENT_ERRORS


@shared_task(bind=True, name="catalog.ingest.run_url_capture", **RETRY_TRANSIENT_ERRORS)
def run_url_capture(task, job_id):
    services.run_url_capture(job_id, token=task.request.id)


@shared_task(bind=True, name="catalog.ingest.read_report", **RETRY_TRANSIENT_ERRORS)
def read_report(task, ingest_id):
    report_intake.run_report_ingest(ingest_id, token=task.request.id)


@shared_task(bind=True, name="catalog.ingest.capture_web_archive", **RETRY_TRANSIENT_ERRORS)
def capture_web_archive(task, job_id):
    web_archives.run_web_archive(job_id, token=task.request.id)


@shared_task(bind=True, name="catalog.verify.run_verification", **RETRY_TRANSIENT_ERRORS)
def run_verification(task, run_id):
    services.run_verification(run_id, token=task.request.id)


@shared_task(name="catalog.verify.schedule_verification")
def schedule_verification(kind):
    services.request_verification(kind)


@shared_task(bind=True, name="catalog.notify.deliver_webhook", **RETRY_TRANSIENT_ERRORS)
def deliver_webhook(task, delivery_id):
    webhooks.deliver(delivery_id, token=task.request.id)
