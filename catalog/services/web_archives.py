"""Web archives of the pages that reports and sightings point at: requested here, captured by a worker
(catalog.tasks.capture_web_archive through provenance.archive, under the egress rule), kept as WACZ evidence.

Ingesting a report does not request one by itself: an archive fetches a third party's page and everything it
embeds, so an analyst asks for it (API, admin or desk) when the page matters as evidence.
"""

import tempfile
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dateparse import parse_datetime

from catalog.models import WebArchiveCapture
from provenance import archive, jobs
from provenance import services as evidence
from provenance.choices import EnrichmentKind, JobStatus

UNFINISHED = (JobStatus.PENDING, JobStatus.RUNNING)


@transaction.atomic
def request_web_archive(report=None, sighting=None, user=None):
    """Queue an archive of the report's or the sighting's URL; it runs once the transaction commits.

    A capture of the same page for the same record that has not finished yet is returned instead of a second one.
    """
    if (report is None) == (sighting is None):
        raise TypeError("Archive the page of one report or one sighting.")
    subject = report if report is not None else sighting
    url = (subject.url or "").strip()
    noun = "report" if report is not None else "sighting"
    if not url:
        raise ValidationError({"url": f"This {noun} has no URL, so there is no page to archive."})
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise ValidationError({"url": f"Only http and https pages can be archived, not {url!r}."})
    unfinished = WebArchiveCapture.objects.filter(
        report=report, sighting=sighting, url=url, status__in=UNFINISHED
    ).first()
    if unfinished is not None:
        return unfinished
    job = WebArchiveCapture.objects.create(url=url, report=report, sighting=sighting, requested_by=user)
    jobs.send_on_commit(job)
    return job


def run_web_archive(job_id, token=""):
    with tempfile.TemporaryDirectory() as folder:
        return jobs.run_job(
            WebArchiveCapture, job_id, token=token,
            perform=lambda job: archive.archive_page(job.url, folder).as_result(),
            record=_store_archive,
        )


def _store_archive(job, result):
    """Keep the WACZ in the evidence locker (stored once by its SHA-256, custody logged) and have it re-hashed."""
    path = result.pop("path")
    subject = {"report": job.report_id} if job.report_id else {"sighting": job.sighting_id}
    actor = job.requested_by.get_username() if job.requested_by else "system"
    with open(path, "rb") as wacz:
        media_file = evidence.receive_file(
            wacz, result["filename"], actor=actor,
            source={"via": "web archive", "url": job.url, "final_url": result["final_url"], **subject},
        )
    evidence.request_enrichment(media_file, EnrichmentKind.HASHES)
    WebArchiveCapture.objects.filter(pk=job.pk).update(
        media_file=media_file, captured_at=parse_datetime(result["captured_at"])
    )
    result["sha256"] = media_file.sha256


def latest_archives(sightings):
    """{sighting id: its latest finished web archive} for the given sightings (one query)."""
    latest = {}
    captures = WebArchiveCapture.objects.filter(
        sighting__in=sightings, status=JobStatus.SUCCEEDED, media_file__isnull=False
    ).select_related("media_file").order_by("sighting_id", "-captured_at", "-pk")
    for capture in captures:
        latest.setdefault(capture.sighting_id, capture)
    return latest
