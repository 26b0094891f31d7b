"""The analysis enricher: one decode pass gives type, metadata, keyframes, thumbnails, fingerprints and C2PA state."""

import contextlib
import hashlib
import io
import json
import shutil
import tempfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image

from provenance.choices import C2paState, DerivedKind, HashAlgorithm
from provenance.jobs import JobFailed
from provenance.media import audio, matching, probe
from provenance.media.analysis import analyse, blurred_jpeg
from provenance.media.fingerprints import Fingerprint
from provenance.models import AudioFingerprint, DerivedFile, FrameHash, FrameText, MediaFile
from provenance.signals import frame_texts_recorded

C2PA_STATES = {"none": C2paState.NONE, "valid": C2paState.VALID, "trusted": C2paState.VALID,
               "invalid": C2paState.INVALID}


def derived_folder(media_file):
    """Derived files live apart from originals, so nothing derived can ever overwrite evidence."""
    return f"derived/{media_file.sha256[:2]}/{media_file.sha256}"


@contextlib.contextmanager
def local_path(media_file):
    """A path to the stored bytes: the file itself on disk storage, else a temporary copy (e.g. from S3)."""
    try:
        yield default_storage.path(media_file.file.name)
        return
    except NotImplementedError:
        pass
    with tempfile.NamedTemporaryFile(suffix=".evidence") as copy, default_storage.open(media_file.file.name) as held:
        shutil.copyfileobj(held, copy)
        copy.flush()
        yield copy.name


def analyse_stored_file(media_file):
    """Decode once and store what is derived; the database rows are written by `record_analysis`."""
    try:
        with local_path(media_file) as path:
            analysis = analyse(path, time_limit=settings.MEDIA_DECODE_SECONDS, read_text=settings.ENRICHMENT_READ_TEXT,
                               threads=settings.VIDEO_DECODE_THREADS)
            soundtrack = _audio_fingerprint(path, analysis)
    except FileNotFoundError as missing:
        raise JobFailed(f"The stored file {media_file.file.name} is missing.") from missing
    except probe.MediaRefused as refused:
        raise JobFailed(str(refused)) from refused
    summary = analysis.summary()
    derived = _store_derived(media_file, analysis)
    hashes = [("pdq" if analysis.kind == "image" else "vpdq", frame.to_dict()) for frame in analysis.pdq]
    index_entries = matching.index_entries(analysis.fingerprint) if analysis.fingerprint else []
    return {
        "kind": analysis.kind,
        "mime": analysis.mime,
        "metadata": summary["metadata"],
        "exif": summary["exif"],
        "c2pa": summary["c2pa"],
        "truncated": analysis.truncated,
        "warnings": analysis.warnings,
        "keyframes": len(analysis.keyframes),
        "frame_hashes": len(hashes),
        "index_entries": len(index_entries),
        "frame_texts": len(analysis.texts),
        "_texts": summary["texts"],
        "audio_seconds": soundtrack.duration_seconds if soundtrack else None,
        "_audio": {"items": soundtrack.to_bytes().hex(), "duration": soundtrack.duration_seconds} if soundtrack else None,
        "_derived": derived,
        "_hashes": hashes,
        "_index_entries": index_entries,
    }


def _audio_fingerprint(path, analysis):
    """The soundtrack's Chromaprint, or None; a failure to make one is a warning, not a failed analysis."""
    if analysis.kind == "image" or not analysis.metadata.get("audio"):
        return None
    try:
        return audio.fingerprint(path, time_limit=settings.MEDIA_DECODE_SECONDS)
    except probe.MediaRefused as refused:
        analysis.warnings.append(f"No audio fingerprint: {refused}")
        return None


def _store_derived(media_file, analysis):
    pictures = []
    for keyframe in analysis.keyframes:
        pictures.append((DerivedKind.KEYFRAME, keyframe.timestamp, keyframe.jpeg, "jpg"))
        pictures.append((DerivedKind.BLURRED_KEYFRAME, keyframe.timestamp, blurred_jpeg(keyframe.jpeg), "jpg"))
    if analysis.thumbnail:
        pictures.append((DerivedKind.THUMBNAIL, 0.0, analysis.thumbnail, "jpg"))
        pictures.append((DerivedKind.BLURRED_THUMBNAIL, 0.0, analysis.thumbnail_blurred, "jpg"))
    if analysis.fingerprint:
        encoded = json.dumps(analysis.fingerprint.to_dict(), separators=(",", ":")).encode()
        pictures.append((DerivedKind.FINGERPRINT, 0.0, encoded, "json"))
    stored = []
    for kind, position, content, extension in pictures:
        name = f"{derived_folder(media_file)}/{kind}-{position:09.3f}.{extension}"
        if default_storage.exists(name):  # a re-analysis replaces what an earlier one derived
            default_storage.delete(name)
        default_storage.save(name, ContentFile(content))
        width = height = None
        if extension == "jpg":
            with Image.open(io.BytesIO(content)) as picture:
                width, height = picture.size
        stored.append({"kind": kind, "position": position, "name": name, "sha256": hashlib.sha256(content).hexdigest(),
                       "width": width, "height": height})
    return stored


@transaction.atomic
def record_analysis(job, result):
    """Write what the decode found, replacing an earlier analysis of the same file."""
    media_file = job.media_file
    derived, hashes, index_entries = result.pop("_derived"), result.pop("_hashes"), result.pop("_index_entries")
    texts = result.pop("_texts", [])
    soundtrack = result.pop("_audio", None)
    MediaFile.objects.filter(pk=media_file.pk).update(
        mime_type=result["mime"],
        media_metadata={"kind": result["kind"], **result["metadata"], "exif": result["exif"],
                        "truncated": result["truncated"], "warnings": result["warnings"]},
        c2pa_state=C2PA_STATES.get(result["c2pa"].get("state"), C2paState.ERROR),
        c2pa_report=result["c2pa"],
    )
    media_file.derived_files.all().delete()
    DerivedFile.objects.bulk_create(
        DerivedFile(media_file=media_file, kind=item["kind"], position_seconds=item["position"], file=item["name"],
                    sha256=item["sha256"], width=item["width"], height=item["height"])
        for item in derived
    )
    media_file.frame_hashes.all().delete()
    FrameHash.objects.bulk_create(
        [FrameHash(media_file=media_file, algorithm=algorithm, variant=algorithm, frame_number=frame["frame"],
                   timestamp=frame["timestamp"], hash=frame["hash"], quality=frame["quality"])
         for algorithm, frame in hashes]
        + [FrameHash(media_file=media_file, algorithm=HashAlgorithm.ROBUST_PDQ, variant="index", frame_number=ordinal,
                     timestamp=slot, hash=value, quality=100)
           for ordinal, (slot, value) in enumerate(index_entries)]
    )
    _record_texts(media_file, texts)
    AudioFingerprint.objects.filter(media_file=media_file).delete()
    if soundtrack:
        items = bytes.fromhex(soundtrack["items"])
        AudioFingerprint.objects.create(
            media_file=media_file, items=items, item_count=len(items) // 4, item_seconds=audio.ITEM_SECONDS,
            duration_seconds=soundtrack["duration"],
        )


def _record_texts(media_file, texts):
    media_file.frame_texts.all().delete()
    recorded = FrameText.objects.bulk_create(
        FrameText(media_file=media_file, frame_number=text["frame"], timestamp=text["timestamp"], text=text["text"],
                  language=text["language"], confidence=text["confidence"], left=text["left"], top=text["top"],
                  width=text["width"], height=text["height"])
        for text in texts
    )
    frame_texts_recorded.send(sender=FrameText, media_file=media_file, texts=recorded)


def load_fingerprint(media_file):
    """The robust fingerprint stored at analysis, or None for a file without one (e.g. audio)."""
    derived = media_file.derived_files.filter(kind=DerivedKind.FINGERPRINT).first()
    if derived is None:
        return None
    with default_storage.open(derived.file.name, "rb") as stored:
        return Fingerprint.from_dict(json.load(stored))
