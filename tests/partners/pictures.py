"""Pictures (thumbnails and keyframes) of a stored file, each holding bytes that name its kind and position."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from provenance.choices import DerivedKind
from provenance.models import DerivedFile

PICTURE_KINDS = (
    DerivedKind.THUMBNAIL, DerivedKind.BLURRED_THUMBNAIL, DerivedKind.KEYFRAME, DerivedKind.BLURRED_KEYFRAME,
)


def picture_bytes(media_file, kind, position):
    return f"JPEG {kind} of file {media_file.pk} at {position}".encode()


def add_picture(media_file, kind, position=0.0, content=None):
    content = picture_bytes(media_file, kind, position) if content is None else content
    name = default_storage.save(f"derived/{media_file.sha256}/{kind}-{position}.jpg", ContentFile(content))
    return DerivedFile.objects.create(
        media_file=media_file, kind=kind, position_seconds=position, file=name, sha256="0" * 64, width=64, height=36,
    )


def add_pictures(media_file, keyframe_positions=(0.0, 2.0), content_of=None):
    """A thumbnail and keyframes, each plain and blurred: {(kind, position): DerivedFile}.
    `content_of(kind, position)` gives each picture's bytes (default: picture_bytes)."""
    pictures = {}
    slots = [(kind, 0.0) for kind in (DerivedKind.THUMBNAIL, DerivedKind.BLURRED_THUMBNAIL)] + [
        (kind, position) for position in keyframe_positions
        for kind in (DerivedKind.KEYFRAME, DerivedKind.BLURRED_KEYFRAME)
    ]
    for kind, position in slots:
        content = content_of(kind, position) if content_of else None
        pictures[(kind, position)] = add_picture(media_file, kind, position, content)
    return pictures
