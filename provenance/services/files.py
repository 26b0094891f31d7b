"""Receiving evidence bytes: checked names, streamed hashing, content-addressed storage that stores equal bytes once."""

import hashlib
import tempfile
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from provenance.choices import CustodyAction
from provenance.jobs import JobFailed
from provenance.models import MediaFile
from provenance.models.files import content_address

from .custody import record_custody

CHUNK_SIZE = 1024 * 1024
# Characters that make a filename lie about itself (bidirectional overrides and isolates).
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}


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


def hash_stored_file(name):
    with default_storage.open(name, "rb") as stored:
        return hash_stream(iter_chunks(stored))[0]
