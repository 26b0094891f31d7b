"""Evidence pictures and originals for the desk: blurred by default for graphic media, unblurred after a logged reveal.

A file counts as graphic when any item it belongs to is graphic. The unblurred frame of a graphic file, and its
original, are served only to an analyst who revealed it (a SensitiveMediaAccess row of theirs) within
settings.WORKSPACE_REVEAL_SECONDS; nothing else on the page names their URLs before that.
"""

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.utils import timezone

from catalog.policies import access
from provenance.choices import DerivedKind
from provenance.models import DerivedFile, SensitiveMediaAccess

BLURRED_OF = {DerivedKind.KEYFRAME: DerivedKind.BLURRED_KEYFRAME, DerivedKind.THUMBNAIL: DerivedKind.BLURRED_THUMBNAIL}
UNBLURRED_OF = {blurred: plain for plain, blurred in BLURRED_OF.items()}
PICTURE_KINDS = set(BLURRED_OF) | set(UNBLURRED_OF)
# The reason logged when an analyst opens the original of a graphic file (the log is per derived file: the
# file's thumbnail, or its first keyframe, stands for it).
PLAY_REASON = "Opened the original"
# Originals are shown inline only for these kinds of content; anything else is offered as a download.
INLINE_PREFIXES = ("video/", "audio/", "image/")
NEVER_INLINE = {"image/svg+xml"}
# A response for evidence bytes runs nothing, whatever the bytes are.
SANDBOX_POLICY = "default-src 'none'; sandbox"
DEFAULT_REVEAL_SECONDS = 60 * 60


def reveal_window():
    return dt.timedelta(seconds=getattr(settings, "WORKSPACE_REVEAL_SECONDS", DEFAULT_REVEAL_SECONDS))


def frames_of(media_file, graphic):
    """The file's keyframes as (shown, has_unblurred) pairs, in time order: the blurred ones for graphic files."""
    derived = {(d.kind, d.position_seconds): d for d in media_file.derived_files.all() if d.kind in PICTURE_KINDS}
    frames = []
    for (kind, position), picture in sorted(derived.items(), key=lambda entry: entry[0][1]):
        if kind != DerivedKind.KEYFRAME:
            continue
        blurred = derived.get((DerivedKind.BLURRED_KEYFRAME, position))
        if graphic:
            if blurred is not None:  # never fall back to the unblurred frame
                frames.append(blurred)
        else:
            frames.append(picture)
    return frames


def cover_of(media_file, graphic):
    """The picture that stands for the file: its (blurred, for graphic files) thumbnail, or first keyframe."""
    wanted = (DerivedKind.BLURRED_THUMBNAIL, DerivedKind.BLURRED_KEYFRAME) if graphic else (
        DerivedKind.THUMBNAIL, DerivedKind.KEYFRAME)
    for kind in wanted:
        picture = media_file.derived_files.filter(kind=kind).order_by("position_seconds").first()
        if picture is not None:
            return picture
    return None


def unblurred_twin(blurred):
    kind = UNBLURRED_OF.get(blurred.kind)
    if kind is None:
        raise ValidationError("Only a blurred picture can be revealed.")
    twin = DerivedFile.objects.filter(
        media_file=blurred.media_file_id, kind=kind, position_seconds=blurred.position_seconds
    ).first()
    if twin is None:
        raise ValidationError("The unblurred picture is missing; queue the analysis again.")
    return twin


def log_reveal(derived, user, reason=""):
    return SensitiveMediaAccess.objects.create(derived_file=derived, user=user, reason=(reason or "").strip()[:300])


def log_original_opened(media_file, user, reason=""):
    """Log that `user` opened the original of a graphic file; refused when no frame exists to log it against."""
    stand_in = (
        media_file.derived_files.filter(kind=DerivedKind.THUMBNAIL).first()
        or media_file.derived_files.filter(kind=DerivedKind.KEYFRAME).order_by("position_seconds").first()
    )
    if stand_in is None:
        raise ValidationError(
            "This graphic file has no analysed frames yet, so opening it cannot be logged; queue its analysis first."
        )
    reason = (reason or "").strip()
    return log_reveal(stand_in, user, f"{PLAY_REASON}: {reason}" if reason else PLAY_REASON)


def recently_revealed(user, **lookup):
    since = timezone.now() - reveal_window()
    return SensitiveMediaAccess.objects.filter(user=user, accessed_at__gte=since, **lookup).exists()


def may_see_frame(user, derived):
    if derived.kind in UNBLURRED_OF or not access.is_graphic_file(derived.media_file_id):
        return True
    return recently_revealed(user, derived_file=derived)


def may_open_original(user, media_file):
    if not access.is_graphic_file(media_file.pk):
        return True
    return recently_revealed(user, derived_file__media_file=media_file, reason__startswith=PLAY_REASON)


def inline_type(mime):
    mime = (mime or "").split(";")[0].strip().lower()
    if mime in NEVER_INLINE or not mime.startswith(INLINE_PREFIXES):
        return None
    return mime


def _protect(response, private_cache):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_POLICY
    response["Cache-Control"] = private_cache
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def picture_response(derived, blurred):
    stored = default_storage.open(derived.file.name, "rb")
    response = FileResponse(stored, content_type="image/jpeg")
    # A blurred picture may stay in the analyst's own browser cache; an unblurred one never does.
    return _protect(response, "private, max-age=3600" if blurred else "no-store")


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def original_response(request, media_file, graphic):
    """The stored original, with single byte ranges (so a player can seek in a long video)."""
    size = media_file.size
    content_type = inline_type(media_file.mime_type)
    cache = "no-store" if graphic else "private, max-age=600"
    match = _RANGE.match(request.headers.get("Range", "").strip())
    start, end = 0, size - 1
    status = 200
    if match and (match.group(1) or match.group(2)):
        first, last = match.groups()
        if first:
            start, end = int(first), min(int(last), size - 1) if last else size - 1
        else:  # the last N bytes
            start, end = max(size - int(last), 0), size - 1
        if start > end or start >= size:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return _protect(response, cache)
        status = 206
    stored = default_storage.open(media_file.file.name, "rb")
    stored.seek(start)
    length = end - start + 1
    response = FileResponse(_limited(stored, length), status=status,
                            content_type=content_type or "application/octet-stream")
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    if status == 206:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    disposition = "inline" if content_type else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{media_file.sha256}"'
    return _protect(response, cache)


def _limited(stored, length, chunk_size=256 * 1024):
    try:
        while length > 0:
            chunk = stored.read(min(chunk_size, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        stored.close()
