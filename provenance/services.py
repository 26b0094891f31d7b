"""Evidence workflows: receiving bytes, hashing them and running enrichment jobs."""

import hashlib
import tempfile
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from provenance import jobs
from provenance.choices import CustodyAction, EnrichmentKind, FixityOutcome, JobStatus
from provenance.models import CustodyEvent, EnrichmentJob, FixityFinding, FixityRun, MediaFile
from provenance.jobs import JobFailed
from provenance.models.custody import GENESIS_HASH
from provenance.models.files import ORIGINALS_FOLDER, content_address

CHUNK_SIZE = 1024 * 1024
# Characters that make a filename lie about itself (bidirectional overrides and isolates).
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}


WORKER = "worker"


class FileTooLarge(ValidationError):
    """More bytes than settings.MAX_UPLOAD_BYTES; counted while receiving, not taken from a header."""


def validate_original_filename(name):
    """Refuse names that could escape a folder or disguise themselves; the name is kept only as a label."""
    if not name:
        return
    if len(name) > 255:
        raise ValidationError("The filename is longer than 255 characters.")
    if "\x00" in name:
        raise ValidationError("The filename contains a NUL character.")
    if any(char in _BIDI_CONTROLS for char in name):
        raise ValidationError("The filename contains a bidirectional control character (e.g. right-to-left override).")
    if any(unicodedata.category(char) == "Cc" for char in name):
        raise ValidationError("The filename contains a control character.")
    if "/" in name or "\\" in name or name in {".", ".."}:
        raise ValidationError("The filename must not contain a path ('/', '\\' or '..').")


def iter_chunks(fileobj):
    if hasattr(fileobj, "chunks"):
        yield from fileobj.chunks(CHUNK_SIZE)
        return
    while chunk := fileobj.read(CHUNK_SIZE):
        yield chunk


def hash_stream(chunks):
    """SHA-256, MD5 and size of a byte stream, read once in chunks."""
    sha256, md5, size = hashlib.sha256(), hashlib.md5(usedforsecurity=False), 0
    for chunk in chunks:
        sha256.update(chunk)
        md5.update(chunk)
        size += len(chunk)
    return sha256.hexdigest(), md5.hexdigest(), size


def receive_file(fileobj, original_filename="", actor="system", source=None):
    """Store bytes under their SHA-256 and return their MediaFile; bytes already held are not stored twice.

    Every receipt is logged in the file's custody chain, with who sent it and how (`source`).
    """
    validate_original_filename(original_filename)
    limit = settings.MAX_UPLOAD_BYTES
    with tempfile.TemporaryFile() as spool:
        sha256 = hashlib.sha256()
        size = 0
        for chunk in iter_chunks(fileobj):
            size += len(chunk)
            if size > limit:
                raise FileTooLarge(f"The file is larger than the limit of {limit} bytes.", code="too_large")
            sha256.update(chunk)
            spool.write(chunk)
        if size == 0:
            raise ValidationError("The file is empty (zero bytes).", code="empty")
        digest = sha256.hexdigest()
        media_file = MediaFile.objects.filter(sha256=digest).first()
        if media_file is None:
            spool.seek(0)
            media_file = _create_media_file(digest, size, original_filename, _store_once(digest, spool), actor)
    record_custody(
        media_file, CustodyAction.ACQUIRED, actor,
        {"original_filename": original_filename, "size": size, **(source or {})},
    )
    return media_file


def _create_media_file(digest, size, original_filename, stored_name, actor):
    try:
        with transaction.atomic():
            media_file = MediaFile.objects.create(
                sha256=digest, size=size, original_filename=original_filename, file=stored_name
            )
            record_custody(media_file, CustodyAction.STORED, actor, {"storage_name": stored_name, "sha256": digest})
            return media_file
    except IntegrityError:
        # Another upload of the same bytes committed first; both now point at the one stored copy.
        return MediaFile.objects.get(sha256=digest)


def record_custody(media_file, action, actor, detail=None):
    """Append an event to the file's custody chain; the file's row lock keeps the chain linear."""
    with transaction.atomic():
        MediaFile.objects.select_for_update().filter(pk=media_file.pk).first()
        last = media_file.custody_events.order_by("-sequence").first()
        event = CustodyEvent(
            media_file=media_file,
            sequence=last.sequence + 1 if last else 1,
            action=action,
            actor=actor,
            detail=detail or {},
            previous_hash=last.event_hash if last else GENESIS_HASH,
        )
        event.event_hash = event.compute_hash()
        event.save()
        return event


def find_broken_custody_links(media_files=None):
    """For each chain, the first event whose stored hash, predecessor or sequence does not check out."""
    media_files = media_files if media_files is not None else MediaFile.objects.all()
    broken = []
    for media_file in media_files.order_by("pk"):
        expected_previous, expected_sequence = GENESIS_HASH, 1
        for event in media_file.custody_events.order_by("sequence"):
            event.media_file = media_file
            problem = None
            if event.sequence != expected_sequence:
                problem = f"sequence {event.sequence} where {expected_sequence} was expected (an event is missing)"
            elif event.previous_hash != expected_previous:
                problem = "its previous-hash does not match the event before it"
            elif event.compute_hash() != event.event_hash:
                problem = "its content no longer matches its hash (the event was altered)"
            if problem:
                broken.append((media_file, event, problem))
                break
            expected_previous, expected_sequence = event.event_hash, event.sequence + 1
    return broken


def _store_once(digest, spool):
    name = content_address(digest)
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as held:
            if hash_stream(iter_chunks(held))[0] == digest:
                return name
        raise JobFailed(f"Stored bytes at {name} do not match their address; refusing to overwrite evidence.")
    stored = default_storage.save(name, File(spool, name=name))
    if stored != name:
        raise JobFailed(f"Storage renamed {name} to {stored}; content addressing is broken.")
    return stored


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
        perform=lambda job: ENRICHERS[job.kind](job.media_file),
        record=lambda job, result: record_custody(
            job.media_file, CustodyAction.ENRICHED, WORKER, {"job": job.pk, "kind": job.kind}
        ),
    )


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


ENRICHERS = {EnrichmentKind.HASHES: compute_hashes}


def hash_stored_file(name):
    with default_storage.open(name, "rb") as stored:
        return hash_stream(iter_chunks(stored))[0]


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
