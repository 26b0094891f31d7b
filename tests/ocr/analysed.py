"""Attach a generated video to an item and run the real enrichment jobs on it, in this process."""

from catalog import services as catalog_services
from provenance.choices import EnrichmentKind, JobStatus
from provenance.models import EnrichmentJob
from provenance.services import run_enrichment_job


def attach_and_analyse(path, item):
    """The item's new file link, once hashed and analysed (OCR included when ENRICHMENT_READ_TEXT is on)."""
    with open(path, "rb") as fileobj:
        link = catalog_services.attach_file(item, fileobj, path.name)
    for kind in (EnrichmentKind.HASHES, EnrichmentKind.ANALYSIS):
        job = EnrichmentJob.objects.get(media_file=link.media_file, kind=kind)
        run_enrichment_job(job.pk)
        job.refresh_from_db()
        assert job.status == JobStatus.SUCCEEDED, job.error
    return link
