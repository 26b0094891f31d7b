"""Reports brought to the desk: received at once, read into a draft in the background (catalog.tasks)."""

import dataclasses

from django.core.exceptions import ValidationError
from django.db import transaction

from catalog.choices import TLP
from catalog.models import ReportDraft, ReportIngest
from catalog.text import report_fingerprint
from provenance import jobs
from provenance.choices import JobStatus

from .drafts import find_ingested, ingest_report

# A scraped report is text of a few kilobytes; anything this large is not one.
MAX_REPORT_BYTES = 2 * 1024 * 1024
UNFINISHED = (JobStatus.PENDING, JobStatus.RUNNING)


@dataclasses.dataclass
class Received:
    """What became of a report brought in: a reading under way (`ingest`), or the draft of an earlier copy."""

    ingest: ReportIngest | None = None
    draft: ReportDraft | None = None


def report_text(data):
    """The text of a report received as bytes (UTF-8; a byte-order mark is kept, as received) or str; refuses
    binary data and emptiness with a reason. Every face that takes a report in reads it through here."""
    if isinstance(data, bytes):
        if len(data) > MAX_REPORT_BYTES:
            raise ValidationError(f"The file is larger than {MAX_REPORT_BYTES // 1024} KiB: not a report.")
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as undecodable:
            raise ValidationError(
                f"The file is not UTF-8 text (undecodable byte at offset {undecodable.start}): "
                "bring a scraped report as a .txt file."
            ) from undecodable
    if "\x00" in data:
        raise ValidationError("The text contains NUL bytes: this is binary data, not a scraped report.")
    if not data.strip():
        raise ValidationError("The report is empty: there is no text in it.")
    return data


@transaction.atomic
def receive_report(data, *, url="", tlp=TLP.AMBER, user=None, filename=""):
    """Keep the report as received and queue its reading, unless the same report was ingested or is being read.

    Returns Received: with `draft` when an earlier copy already has one, else with the `ingest` job (an earlier
    unfinished one for the same report, or a new one sent once the transaction commits).
    """
    text = report_text(data)
    existing = find_ingested(text)
    if existing:
        return Received(draft=existing)
    fingerprint = report_fingerprint(text)
    running = ReportIngest.objects.filter(content_hash=fingerprint, status__in=UNFINISHED).first()
    if running:
        return Received(ingest=running)
    ingest = ReportIngest.objects.create(raw_text=text, content_hash=fingerprint, filename=filename[:255], url=url,
                                         tlp=tlp, requested_by=user)
    jobs.send_on_commit(ingest)
    return Received(ingest=ingest)


def run_report_ingest(ingest_id, token=""):
    return jobs.run_job(ReportIngest, ingest_id, token=token, perform=_read, record=_record)


def _read(ingest):
    try:
        draft = ingest_report(ingest.raw_text, url=ingest.url, tlp=ingest.tlp, user=ingest.requested_by)
    except ValidationError as unreadable:
        raise jobs.JobFailed(" ".join(unreadable.messages)) from unreadable
    return {"draft": draft.pk}


def _record(ingest, result):
    ReportIngest.objects.filter(pk=ingest.pk).update(draft_id=result["draft"])
