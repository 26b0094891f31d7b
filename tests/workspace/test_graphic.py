"""Graphic media: blurred by default, unblurred only after a logged reveal; originals behind a logged click."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from catalog.models import MediaItem
from provenance.choices import DerivedKind
from provenance.models import DerivedFile, SensitiveMediaAccess
from tests.workspace.case import HTMX, attach_analysed_video

pytestmark = pytest.mark.django_db


@pytest.fixture
def graphic(media):
    item = MediaItem.objects.create(kind="video", title="Two captured men", is_graphic=True)
    return attach_analysed_video(media, item)


def picture_urls(html):
    return set(re.findall(r"/desk/frames/(\d+)/image/", html))


def test_a_graphic_item_shows_only_blurred_pictures_and_no_unblurred_url(desk, graphic):
    html = desk.get(reverse("workspace:item", args=[graphic.media_item.pk])).content.decode()

    shown = DerivedFile.objects.filter(pk__in=picture_urls(html))
    assert shown.exists()
    assert set(shown.values_list("kind", flat=True)) <= {DerivedKind.BLURRED_KEYFRAME, DerivedKind.BLURRED_THUMBNAIL}
    for unblurred in DerivedFile.objects.filter(kind__in=(DerivedKind.KEYFRAME, DerivedKind.THUMBNAIL)):
        assert reverse("workspace:frame-image", args=[unblurred.pk]) not in html
        assert reverse("workspace:frame", args=[unblurred.pk]) not in html
    assert reverse("workspace:file-original", args=[graphic.media_file.pk]) not in html
    assert "<video" not in html


def test_an_unblurred_frame_is_refused_before_a_reveal(desk, graphic):
    keyframe = DerivedFile.objects.filter(kind=DerivedKind.KEYFRAME).first()

    response = desk.get(reverse("workspace:frame-image", args=[keyframe.pk]))

    assert response.status_code == 403
    assert not SensitiveMediaAccess.objects.exists()


def test_blurred_frames_are_served_and_may_be_cached_privately(desk, graphic):
    blurred = DerivedFile.objects.filter(kind=DerivedKind.BLURRED_KEYFRAME).first()

    response = desk.get(reverse("workspace:frame-image", args=[blurred.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_revealing_a_frame_is_logged_and_then_shows_the_unblurred_frame(desk, analyst, graphic):
    blurred = DerivedFile.objects.filter(kind=DerivedKind.BLURRED_KEYFRAME).order_by("position_seconds").first()
    keyframe = DerivedFile.objects.get(media_file=blurred.media_file, kind=DerivedKind.KEYFRAME,
                                       position_seconds=blurred.position_seconds)

    response = desk.post(reverse("workspace:frame-reveal", args=[blurred.pk]),
                         {"reason": "checking the insignia"}, **HTMX)

    assert response.status_code == 200
    assert reverse("workspace:frame-image", args=[keyframe.pk]) in response.content.decode()
    access = SensitiveMediaAccess.objects.get()
    assert (access.user, access.derived_file, access.reason) == (analyst, keyframe, "checking the insignia")
    assert access.accessed_at is not None
    image = desk.get(reverse("workspace:frame-image", args=[keyframe.pk]))
    assert image.status_code == 200
    assert image["Cache-Control"] == "no-store"


def test_a_reveal_is_personal(desk, colleague, graphic):
    blurred = DerivedFile.objects.filter(kind=DerivedKind.BLURRED_KEYFRAME).first()
    desk.post(reverse("workspace:frame-reveal", args=[blurred.pk]), **HTMX)
    keyframe = SensitiveMediaAccess.objects.get().derived_file

    assert colleague.get(reverse("workspace:frame-image", args=[keyframe.pk])).status_code == 403


def test_revealing_without_javascript_opens_the_frame_on_its_own_page(desk, graphic):
    blurred = DerivedFile.objects.filter(kind=DerivedKind.BLURRED_KEYFRAME).first()

    response = desk.post(reverse("workspace:frame-reveal", args=[blurred.pk]), follow=True)

    keyframe = SensitiveMediaAccess.objects.get().derived_file
    assert response.redirect_chain == [(reverse("workspace:frame", args=[keyframe.pk]), 302)]
    assert reverse("workspace:frame-image", args=[keyframe.pk]) in response.content.decode()


def test_only_a_blurred_frame_can_be_revealed(desk, graphic):
    keyframe = DerivedFile.objects.filter(kind=DerivedKind.KEYFRAME).first()

    assert desk.post(reverse("workspace:frame-reveal", args=[keyframe.pk])).status_code == 404
    assert not SensitiveMediaAccess.objects.exists()


def test_the_graphic_original_opens_after_a_logged_click(desk, analyst, graphic):
    original = reverse("workspace:file-original", args=[graphic.media_file.pk])
    assert desk.get(original).status_code == 403

    response = desk.post(reverse("workspace:file-open", args=[graphic.media_item.pk, graphic.pk]),
                         {"reason": "transcribing the names"}, **HTMX)

    assert response.status_code == 200
    assert f'<video controls preload="metadata" src="{original}"' in response.content.decode()
    access = SensitiveMediaAccess.objects.get()
    assert access.user == analyst
    assert access.reason == "Opened the original: transcribing the names"
    assert access.derived_file.kind == DerivedKind.THUMBNAIL
    video = desk.get(original)
    assert video.status_code == 200
    assert video["Content-Type"] == "video/mp4"
    assert video["Cache-Control"] == "no-store"


def test_the_original_is_served_in_byte_ranges(desk, graphic):
    graphic.media_item.is_graphic = False
    graphic.media_item.save()
    url = reverse("workspace:file-original", args=[graphic.media_file.pk])

    response = desk.get(url, HTTP_RANGE="bytes=100-199")

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{graphic.media_file.size}"
    with open(graphic.media_file.file.path, "rb") as stored:
        stored.seek(100)
        assert b"".join(response.streaming_content) == stored.read(100)
    assert desk.get(url, HTTP_RANGE=f"bytes={graphic.media_file.size}-").status_code == 416


def test_a_non_graphic_item_shows_its_frames_and_player_directly(desk, media):
    item = MediaItem.objects.create(kind="video", title="A statement", is_graphic=False)
    link = attach_analysed_video(media, item)

    html = desk.get(reverse("workspace:item", args=[item.pk])).content.decode()

    kinds = set(DerivedFile.objects.filter(pk__in=picture_urls(html)).values_list("kind", flat=True))
    assert DerivedKind.KEYFRAME in kinds and DerivedKind.BLURRED_KEYFRAME not in kinds
    assert reverse("workspace:file-original", args=[link.media_file.pk]) in html
    assert "<video" in html


def test_a_file_shared_with_a_graphic_item_is_graphic_everywhere(desk, media, graphic):
    calm = MediaItem.objects.create(kind="video", title="The same file, catalogued again", is_graphic=False)
    with open(media.path("original"), "rb") as fileobj:
        from catalog import services
        services.attach_file(calm, fileobj, "again.mp4")

    html = desk.get(reverse("workspace:item", args=[calm.pk])).content.decode()

    kinds = set(DerivedFile.objects.filter(pk__in=picture_urls(html)).values_list("kind", flat=True))
    assert kinds and kinds <= {DerivedKind.BLURRED_KEYFRAME, DerivedKind.BLURRED_THUMBNAIL}


def test_evidence_bytes_are_never_rendered_as_a_page(desk):
    from django.core.files.base import ContentFile

    from catalog import services
    from provenance.models import MediaFile

    item = MediaItem.objects.create(kind="document", title="A page someone saved")
    link = services.attach_file(item, ContentFile(b"<html><script>alert(1)</script></html>"), "page.html")
    MediaFile.objects.filter(pk=link.media_file.pk).update(mime_type="text/html")

    response = desk.get(reverse("workspace:file-original", args=[link.media_file.pk]))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_media_needs_an_analyst(graphic):
    blurred = DerivedFile.objects.filter(kind=DerivedKind.BLURRED_KEYFRAME).first()

    assert Client().get(reverse("workspace:frame-image", args=[blurred.pk])).status_code == 302
    assert Client().get(reverse("workspace:file-original", args=[graphic.media_file.pk])).status_code == 302


def test_opening_the_graphic_original_without_javascript_shows_it_on_a_page_of_its_own(desk, graphic):
    response = desk.post(reverse("workspace:file-open", args=[graphic.media_item.pk, graphic.pk]))

    assert response.status_code == 200
    assert f'src="{reverse("workspace:file-original", args=[graphic.media_file.pk])}"' in response.content.decode()
    assert SensitiveMediaAccess.objects.count() == 1


def test_a_graphic_file_without_frames_cannot_be_opened_unlogged(desk):
    from django.core.files.base import ContentFile

    from catalog import services

    item = MediaItem.objects.create(kind="video", title="Not analysed yet", is_graphic=True)
    link = services.attach_file(item, ContentFile(b"not analysed bytes"), "raw.mp4")

    response = desk.post(reverse("workspace:file-open", args=[item.pk, link.pk]), **HTMX)

    assert response.status_code == 422  # htmx swaps it in: the analyst sees why
    assert "queue its analysis first" in response.content.decode()
    assert 'class="player"' in response.content.decode()
    assert desk.get(reverse("workspace:file-original", args=[link.media_file.pk])).status_code == 403
