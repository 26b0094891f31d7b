"""Fixity: re-hashing every stored original and looking for strays."""

from django.core.files.storage import default_storage
from django.utils import timezone

from provenance.choices import CustodyAction, FixityOutcome
from provenance.models import FixityFinding, FixityRun, MediaFile
from provenance.models.files import ORIGINALS_FOLDER

from .custody import WORKER, record_custody
from .files import hash_stored_file


def run_fixity_check():
    """Re-hash every stored original; record changed, missing and untracked files, and log each check."""
    run = FixityRun.objects.create()
    intact = 0
    media_files = MediaFile.objects.order_by("pk")
    for media_file in media_files.iterator():
        name = media_file.file.name
        try:
            found = hash_stored_file(name)
        except FileNotFoundError:
            found = None
        if found == media_file.sha256:
            intact += 1
            outcome = "intact"
        else:
            outcome = FixityOutcome.MISSING if found is None else FixityOutcome.CHANGED
            FixityFinding.objects.create(
                run=run, outcome=outcome, media_file=media_file, storage_name=name,
                expected_sha256=media_file.sha256, found_sha256=found or "",
            )
        record_custody(media_file, CustodyAction.FIXITY_CHECKED, WORKER, {"run": run.pk, "outcome": str(outcome)})
    tracked = set(MediaFile.objects.values_list("file", flat=True))
    for name in _stored_names(ORIGINALS_FOLDER):
        if name not in tracked:
            FixityFinding.objects.create(
                run=run, outcome=FixityOutcome.UNTRACKED, storage_name=name, found_sha256=hash_stored_file(name)
            )
    FixityRun.objects.filter(pk=run.pk).update(
        files_checked=media_files.count(), files_intact=intact, finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


def _stored_names(folder):
    """Every file name under a storage folder, through the storage API so S3 works too."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _stored_names(f"{folder}/{sub}")
