"""Enrichment jobs: hashing stored bytes, and (analysis) everything one decode pass can tell."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.storage import default_storage

from provenance import jobs
from provenance.choices import CustodyAction, EnrichmentKind, JobStatus
from provenance.jobs import JobFailed
from provenance.models import EnrichmentJob, MediaFile

from .analysis import analyse_stored_file, record_analysis
from . import external_signals, matching
from .custody import WORKER, record_custody
from .files import hash_stream, iter_chunks


def request_enrichment(media_file, kind=EnrichmentKind.HASHES):
    """Create (or reopen) the job row and send it to a worker once the transaction commits."""
    job, created = EnrichmentJob.objects.get_or_create(media_file=media_file, kind=kind)
    if not created and job.status != JobStatus.PENDING:
        jobs.reopen(job)
    jobs.send_on_commit(job)
    return job


def run_enrichment_job(job_id, token=""):
    return jobs.run_job(
        EnrichmentJob, job_id, token=token,
        perform=lambda job: ENRICHERS[job.kind].perform(job.media_file),
        record=_record,
    )


def _record(job, result):
    enricher = ENRICHERS[job.kind]
    if enricher.record:
        enricher.record(job, result)
    if job.kind in (EnrichmentKind.HASHES, EnrichmentKind.ANALYSIS):  # its MD5, then its PDQs, are known now
        external_signals.match_file(job.media_file)
    record_custody(job.media_file, CustodyAction.ENRICHED, WORKER, {"job": job.pk, "kind": job.kind})
    if enricher.then and enricher.then_if(result):
        request_enrichment(job.media_file, enricher.then)


def compute_hashes(media_file):
    """Re-read the stored bytes; they must still be the bytes received."""
    try:
        with default_storage.open(media_file.file.name, "rb") as stored:
            sha256, md5, size = hash_stream(iter_chunks(stored))
    except FileNotFoundError as missing:
        raise JobFailed(f"The stored file {media_file.file.name} is missing.") from missing
    if sha256 != media_file.sha256:
        raise JobFailed(
            f"The stored bytes have changed since receipt: SHA-256 {sha256}, expected {media_file.sha256}."
        )
    MediaFile.objects.filter(pk=media_file.pk).update(md5=md5)
    return {"sha256": sha256, "md5": md5, "size": size}


@dataclass(frozen=True)
class Enricher:
    perform: Callable  # media_file -> JSON-ready result, outside any transaction
    record: Callable | None = None  # (job, result) -> None, inside the transaction that finishes the job
    then: str | None = None  # the enrichment to queue once this one is recorded
    then_if: Callable = bool


ENRICHERS = {
    EnrichmentKind.HASHES: Enricher(compute_hashes),
    EnrichmentKind.ANALYSIS: Enricher(
        analyse_stored_file, record_analysis,
        then=EnrichmentKind.MATCHING,
        then_if=lambda result: result["index_entries"] > 0 or bool(result.get("audio_seconds")),
    ),
    EnrichmentKind.MATCHING: Enricher(matching.find_matches, matching.record_matches),
}
