"""Evidence for items: attaching files, capturing URLs."""

import tempfile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from catalog.choices import SightingKind
from catalog.ingest.capture_list import RowError
from catalog.models import ItemFile, MediaItem, Sighting, UrlCapture
from provenance import capture, jobs
from provenance.choices import EnrichmentKind
from provenance import services as evidence

from . import catalogue


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


@transaction.atomic
def request_url_capture(media_item, url, user=None, *, channel=None, posted_at=None,
                        sighting_kind=SightingKind.REPOST):
    """Queue a capture of `url` into the item's evidence; it runs once the transaction commits.

    The URL is where the item was seen: a sighting of it on the URL's channel (`channel`, else the one its address
    names, added to the catalogue if new) is recorded now, whatever the capture's outcome; the same URL asked again
    keeps its one sighting.
    """
    sighting = Sighting.objects.filter(media_item=media_item, url=url).order_by("pk").first()
    channel = channel or (catalogue.channel_for_url(url) if sighting is None else None)
    if sighting is None and channel is not None:
        sighting = Sighting.objects.create(
            media_item=media_item, url=url, channel=channel, kind=sighting_kind, posted_at=posted_at,
            observed_at=timezone.now(),
        )
    elif sighting is not None and posted_at and not sighting.posted_at:
        Sighting.objects.filter(pk=sighting.pk).update(posted_at=posted_at)
        MediaItem.objects.filter(pk=media_item.pk).refresh_first_seen()
    job = UrlCapture.objects.create(media_item=media_item, url=url, requested_by=user, sighting=sighting)
    jobs.send_on_commit(job)
    return job


def request_url_captures(media_item, rows, user=None):
    """Queue a capture per row (catalog.ingest.capture_list.Row); a row naming an unknown channel is reported with
    its line number and the others still go. Returns (captures, errors)."""
    captures, errors = [], []
    for row in rows:
        try:
            channel = catalogue.channel_named(row.channel) if row.channel else None
        except ValidationError as problem:
            errors.append(RowError(row.line, problem.messages[0], row.source))
            continue
        captures.append(request_url_capture(media_item, row.url, user, channel=channel, posted_at=row.posted_at))
    return captures, errors


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
