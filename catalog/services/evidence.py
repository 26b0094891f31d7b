"""Evidence for items: attaching files, capturing URLs."""

import tempfile

from django.db import transaction

from catalog.models import ItemFile, UrlCapture
from provenance import capture, jobs
from provenance.choices import EnrichmentKind
from provenance import services as evidence


@transaction.atomic
def attach_file(media_item, fileobj, original_filename, user=None, source=None):
    """Store the bytes as evidence, link them to the item and queue their hashing.

    `source` says how the bytes arrived (e.g. {"via": "upload"}) and goes into the custody log.
    """
    actor = user.get_username() if user else "system"
    media_file = evidence.receive_file(
        fileobj, original_filename, actor=actor, source={"media_item": media_item.pk, **(source or {})}
    )
    link, _ = ItemFile.objects.get_or_create(
        media_item=media_item,
        media_file=media_file,
        defaults={"original_filename": original_filename, "attached_by": user},
    )
    for kind in (EnrichmentKind.HASHES, EnrichmentKind.ANALYSIS):
        evidence.request_enrichment(media_file, kind)
    return link


def request_url_capture(media_item, url, user=None):
    """Queue a capture of `url` into the item's evidence; it runs once the transaction commits."""
    job = UrlCapture.objects.create(media_item=media_item, url=url, requested_by=user)
    jobs.send_on_commit(job)
    return job


def run_url_capture(job_id, token=""):
    with tempfile.TemporaryDirectory() as folder:
        return jobs.run_job(
            UrlCapture, job_id, token=token,
            perform=lambda job: vars(capture.download(job.url, folder)),
            record=_attach_capture,
        )


def _attach_capture(job, result):
    path = result.pop("path")
    with open(path, "rb") as captured:
        link = attach_file(
            job.media_item, captured, result["filename"], job.requested_by,
            source={"via": result["via"], "url": job.url, "final_url": result["final_url"]},
        )
    UrlCapture.objects.filter(pk=job.pk).update(item_file=link)
    result["sha256"] = link.media_file.sha256
