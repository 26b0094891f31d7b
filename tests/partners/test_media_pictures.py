"""Partners and analysts fetch a file's thumbnail and keyframes within their clearance; graphic ones blurred unless
the caller may see graphic media and asks, and every unblurred graphic picture sent is logged."""

import pytest
from django.urls import reverse

from catalog.policies.audit import UNBLURRED_REASON, UNBLURRED_RECORD_TYPE
from catalog.choices import TLP
from catalog.models import AccessAudit
from provenance.choices import DerivedKind
from provenance.models import SensitiveMediaAccess
from tests.factories import ItemFileFactory, MediaItemFactory
from tests.partners.pictures import add_picture, add_pictures, picture_bytes

pytestmark = pytest.mark.django_db

BLURRED_KINDS = {DerivedKind.BLURRED_THUMBNAIL, DerivedKind.BLURRED_KEYFRAME}


def file_of(tlp=TLP.GREEN, graphic=False):
    link = ItemFileFactory(media_item=MediaItemFactory(tlp=tlp, is_graphic=graphic))
    return link.media_file, add_pictures(link.media_file)


def thumbnail_url(media_file):
    return reverse("api-v1:media-files-thumbnail", args=[media_file.pk])


def keyframes_url(media_file):
    return reverse("api-v1:media-files-keyframes", args=[media_file.pk])


def derived_url(media_file, derived):
    return reverse("api-v1:media-files-derived", args=[media_file.pk, derived.pk])


def body(response):
    return b"".join(response.streaming_content)


def test_a_partner_gets_the_thumbnail_of_a_file_it_may_see_as_jpeg_with_nosniff(partner_client):
    media_file, pictures = file_of()

    response = partner_client.get(thumbnail_url(media_file))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == picture_bytes(media_file, DerivedKind.THUMBNAIL, 0.0)


def test_a_partner_gets_404_for_every_picture_endpoint_of_a_file_above_its_clearance(partner_client):
    media_file, pictures = file_of(tlp=TLP.AMBER)
    missing = partner_client.get(reverse("api-v1:media-files-thumbnail", args=[10**9]))

    for url in (thumbnail_url(media_file), keyframes_url(media_file),
                derived_url(media_file, pictures[(DerivedKind.KEYFRAME, 0.0)])):
        response = partner_client.get(url)
        assert response.status_code == 404
        assert response.json() == missing.json()


def test_a_picture_of_another_file_is_not_served_under_a_visible_file(partner_client):
    visible_file, _ = file_of()
    hidden_file, hidden = file_of(tlp=TLP.RED)

    response = partner_client.get(derived_url(visible_file, hidden[(DerivedKind.KEYFRAME, 0.0)]))

    assert response.status_code == 404


def test_keyframes_of_a_plain_file_are_listed_in_time_order_with_urls_that_serve_them(partner_client):
    media_file, pictures = file_of()

    frames = partner_client.get(keyframes_url(media_file)).json()

    assert [frame["position_seconds"] for frame in frames] == [0.0, 2.0]
    assert [frame["id"] for frame in frames] == [pictures[(DerivedKind.KEYFRAME, p)].pk for p in (0.0, 2.0)]
    assert all(not frame["blurred"] and frame["unblurred_url"] is None for frame in frames)
    fetched = partner_client.get(frames[1]["url"])
    assert body(fetched) == picture_bytes(media_file, DerivedKind.KEYFRAME, 2.0)


@pytest.mark.parametrize("graphic_clearance", [False, True])
def test_a_graphic_files_pictures_are_blurred_by_default_whoever_asks(partner_client_for, graphic_clearance):
    client = partner_client_for(may_see_graphic=graphic_clearance)
    media_file, pictures = file_of(graphic=True)

    thumbnail = client.get(thumbnail_url(media_file))
    keyframe = client.get(derived_url(media_file, pictures[(DerivedKind.KEYFRAME, 2.0)]))
    frames = client.get(keyframes_url(media_file)).json()

    assert body(thumbnail) == picture_bytes(media_file, DerivedKind.BLURRED_THUMBNAIL, 0.0)
    assert body(keyframe) == picture_bytes(media_file, DerivedKind.BLURRED_KEYFRAME, 2.0)
    assert [frame["id"] for frame in frames] == [pictures[(DerivedKind.BLURRED_KEYFRAME, p)].pk for p in (0.0, 2.0)]
    assert all(frame["blurred"] for frame in frames)
    assert not AccessAudit.objects.filter(record_type=UNBLURRED_RECORD_TYPE).exists()


def test_a_partner_without_graphic_clearance_asking_for_unblurred_still_gets_the_blurred_picture(partner_client):
    media_file, pictures = file_of(graphic=True)

    thumbnail = partner_client.get(thumbnail_url(media_file), {"unblurred": "1"})
    keyframe = partner_client.get(derived_url(media_file, pictures[(DerivedKind.KEYFRAME, 0.0)]), {"unblurred": "1"})
    frames = partner_client.get(keyframes_url(media_file)).json()

    assert body(thumbnail) == picture_bytes(media_file, DerivedKind.BLURRED_THUMBNAIL, 0.0)
    assert body(keyframe) == picture_bytes(media_file, DerivedKind.BLURRED_KEYFRAME, 0.0)
    assert all(frame["unblurred_url"] is None for frame in frames)
    assert not AccessAudit.objects.filter(record_type=UNBLURRED_RECORD_TYPE).exists()
    assert not SensitiveMediaAccess.objects.exists()


def test_a_graphic_file_whose_blurred_picture_is_missing_serves_nothing_rather_than_the_unblurred_one(partner_client):
    link = ItemFileFactory(media_item=MediaItemFactory(tlp=TLP.GREEN, is_graphic=True))
    add_picture(link.media_file, DerivedKind.THUMBNAIL)
    keyframe = add_picture(link.media_file, DerivedKind.KEYFRAME, 1.0)

    assert partner_client.get(thumbnail_url(link.media_file)).status_code == 404
    assert partner_client.get(derived_url(link.media_file, keyframe)).status_code == 404
    assert partner_client.get(keyframes_url(link.media_file)).json() == []


def test_a_file_is_graphic_when_any_item_linking_it_is_even_one_the_partner_cannot_see(partner_client):
    media_file, _ = file_of(tlp=TLP.CLEAR)
    ItemFileFactory(media_item=MediaItemFactory(tlp=TLP.RED, is_graphic=True), media_file=media_file)

    thumbnail = partner_client.get(thumbnail_url(media_file))

    assert body(thumbnail) == picture_bytes(media_file, DerivedKind.BLURRED_THUMBNAIL, 0.0)


def test_a_partner_with_graphic_clearance_gets_the_unblurred_picture_on_request_and_it_is_audited(partner_client_for):
    client = partner_client_for(may_see_graphic=True)
    media_file, pictures = file_of(graphic=True)
    blurred = pictures[(DerivedKind.BLURRED_KEYFRAME, 2.0)]
    plain = pictures[(DerivedKind.KEYFRAME, 2.0)]

    frames = client.get(keyframes_url(media_file)).json()
    response = client.get(frames[1]["unblurred_url"])

    assert frames[1]["id"] == blurred.pk
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert body(response) == picture_bytes(media_file, DerivedKind.KEYFRAME, 2.0)
    audit = AccessAudit.objects.get(record_type=UNBLURRED_RECORD_TYPE)
    assert (audit.partner, audit.record_id, audit.api_key_prefix) == (client.partner, str(plain.pk),
                                                                      client.api_key.prefix)
    assert "unblurred=1" in audit.path
    assert not SensitiveMediaAccess.objects.exists()


def test_every_unblurred_fetch_is_logged_again(partner_client_for):
    client = partner_client_for(may_see_graphic=True)
    media_file, _ = file_of(graphic=True)

    for _ in range(3):
        assert client.get(thumbnail_url(media_file), {"unblurred": "1"}).status_code == 200

    assert AccessAudit.objects.filter(record_type=UNBLURRED_RECORD_TYPE).count() == 3


def test_an_analyst_gets_the_unblurred_picture_on_request_logged_in_sensitive_media_access(analyst, analyst_client):
    media_file, pictures = file_of(tlp=TLP.RED, graphic=True)

    default = analyst_client.get(thumbnail_url(media_file))
    unblurred = analyst_client.get(thumbnail_url(media_file), {"unblurred": "1"})

    assert body(default) == picture_bytes(media_file, DerivedKind.BLURRED_THUMBNAIL, 0.0)
    assert body(unblurred) == picture_bytes(media_file, DerivedKind.THUMBNAIL, 0.0)
    access = SensitiveMediaAccess.objects.get()
    assert access.derived_file == pictures[(DerivedKind.THUMBNAIL, 0.0)]
    assert access.user == analyst
    assert access.reason == UNBLURRED_REASON


def test_the_unblurred_picture_of_a_plain_file_is_served_without_a_log(partner_client):
    media_file, pictures = file_of()

    response = partner_client.get(derived_url(media_file, pictures[(DerivedKind.KEYFRAME, 0.0)]), {"unblurred": "1"})

    assert body(response) == picture_bytes(media_file, DerivedKind.KEYFRAME, 0.0)
    assert not AccessAudit.objects.filter(record_type=UNBLURRED_RECORD_TYPE).exists()


def test_a_picture_asked_for_as_an_image_that_may_not_be_seen_answers_a_json_404(partner_client):
    media_file, _ = file_of(tlp=TLP.RED)

    response = partner_client.get(thumbnail_url(media_file), HTTP_ACCEPT="image/*")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_anonymous_callers_get_no_pictures(client):
    media_file, _ = file_of(tlp=TLP.CLEAR)

    assert client.get(thumbnail_url(media_file)).status_code in (401, 403)
