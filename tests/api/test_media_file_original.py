"""GET media-files/{id}/original/: the stored evidence bytes, within the caller's clearance, named by their SHA-256
and checkable by Repr-Digest; partners' fetches are audited and exported in custody, graphic ones logged."""

import base64
import hashlib

import pytest
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.urls import reverse

from catalog.policies.audit import GRAPHIC_ORIGINAL_REASON, GRAPHIC_ORIGINAL_RECORD_TYPE, ORIGINAL_RECORD_TYPE
from catalog.choices import TLP
from catalog.models import AccessAudit
from provenance.choices import CustodyAction, DerivedKind
from provenance.models import SensitiveMediaAccess
from tests.factories import ItemFileFactory, MediaItemFactory
from tests.partners.conftest import key_client
from tests.partners.factories import PartnerFactory, issue_key
from tests.partners.pictures import add_picture

pytestmark = pytest.mark.django_db

CONTENT = b"\x00\x00\x00\x18ftypmp42 the original evidence bytes"


def stored_file(tlp=TLP.GREEN, graphic=False, mime_type="video/mp4", content=CONTENT):
    link = ItemFileFactory(
        media_item=MediaItemFactory(tlp=tlp, is_graphic=graphic), content=content,
        original_filename="captured-soldiers-SECRET-NAME.mp4",
    )
    media_file = link.media_file
    media_file.mime_type = mime_type  # recorded by the analysis job in real life
    media_file.save(update_fields=["mime_type"])
    return media_file


def original_url(pk):
    return reverse("api-v1:media-files-original", args=[pk])


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def partner_client(max_tlp=TLP.GREEN, may_see_graphic=False):
    partner = PartnerFactory(max_tlp=max_tlp, may_see_graphic=may_see_graphic)
    api_key, key = issue_key(partner)
    client = key_client(key)
    client.partner, client.api_key = partner, api_key
    return client


def exports_of(media_file):
    return list(media_file.custody_events.filter(action=CustodyAction.EXPORTED).order_by("sequence"))


def test_an_analyst_downloads_the_exact_bytes_named_by_their_sha256_with_a_matching_repr_digest(analyst_client):
    media_file = stored_file()

    response = analyst_client.get(original_url(media_file.pk))

    assert response.status_code == 200
    content = body(response)
    assert content == CONTENT
    digest = hashlib.sha256(content).digest()
    assert response["Repr-Digest"] == f"sha-256=:{base64.b64encode(digest).decode()}:"
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Disposition"] == f'attachment; filename="{digest.hex()}.mp4"'
    assert response["Content-Length"] == str(len(CONTENT))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert not any("SECRET-NAME" in value for value in response.headers.values())


def test_an_analysts_fetch_of_a_plain_original_is_neither_exported_nor_logged(analyst_client):
    media_file = stored_file()

    analyst_client.get(original_url(media_file.pk))

    assert exports_of(media_file) == []
    assert not AccessAudit.objects.exists()
    assert not SensitiveMediaAccess.objects.exists()


def test_a_file_of_no_detected_type_is_sent_as_octet_stream_named_bin(analyst_client):
    media_file = stored_file(mime_type="")

    response = analyst_client.get(original_url(media_file.pk))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == f'attachment; filename="{media_file.sha256}.bin"'


@pytest.mark.parametrize("tlp", [TLP.CLEAR, TLP.GREEN])
def test_a_cleared_partner_downloads_the_bytes_and_every_fetch_is_audited_and_exported_in_custody(tlp):
    client = partner_client(max_tlp=TLP.GREEN)
    media_file = stored_file(tlp=tlp)
    url = original_url(media_file.pk)

    first, second = client.get(url), client.get(url)

    assert body(first) == body(second) == CONTENT
    audits = AccessAudit.objects.order_by("pk")
    assert [(row.partner, row.api_key_prefix, row.method, row.path, row.record_type, row.record_id)
            for row in audits] == [
        (client.partner, client.api_key.prefix, "GET", url, ORIGINAL_RECORD_TYPE, str(media_file.pk))
    ] * 2
    exports = exports_of(media_file)
    assert [(event.actor, event.detail) for event in exports] == [
        (client.partner.name, {"to": "partner", "partner": client.partner.name, "via": "api"})
    ] * 2


def test_a_partner_below_the_items_tlp_gets_the_404_of_a_file_that_does_not_exist():
    client = partner_client(max_tlp=TLP.GREEN)
    media_file = stored_file(tlp=TLP.AMBER)

    hidden = client.get(original_url(media_file.pk))
    missing = client.get(original_url(10**9))

    assert hidden.status_code == missing.status_code == 404
    assert body(hidden) == body(missing)
    assert exports_of(media_file) == []
    assert not AccessAudit.objects.exists()


def test_a_partner_without_graphic_clearance_is_refused_a_graphic_original_and_nothing_leaves():
    client = partner_client(may_see_graphic=False)
    media_file = stored_file(graphic=True)

    response = client.get(original_url(media_file.pk), HTTP_ACCEPT="application/octet-stream")

    assert response.status_code == 403
    assert response.json() == {"detail": "This file is graphic; fetching it needs graphic-media clearance."}
    assert exports_of(media_file) == []
    assert not AccessAudit.objects.exists()


def test_a_partner_with_graphic_clearance_gets_a_graphic_original_and_the_fetch_is_logged_as_graphic():
    client = partner_client(may_see_graphic=True)
    media_file = stored_file(graphic=True)

    response = client.get(original_url(media_file.pk))

    assert body(response) == CONTENT
    audit = AccessAudit.objects.get()
    assert (audit.partner, audit.record_type, audit.record_id) == (
        client.partner, GRAPHIC_ORIGINAL_RECORD_TYPE, str(media_file.pk)
    )
    assert len(exports_of(media_file)) == 1
    assert not SensitiveMediaAccess.objects.exists()  # partners have no user: their log is the audit


def test_an_analysts_fetch_of_a_graphic_original_is_logged_as_a_sensitive_media_access(analyst_client, analyst):
    media_file = stored_file(graphic=True)

    response = analyst_client.get(original_url(media_file.pk))

    assert body(response) == CONTENT
    access = SensitiveMediaAccess.objects.get()
    assert (access.user, access.media_file, access.derived_file, access.reason) == (
        analyst, media_file, None, GRAPHIC_ORIGINAL_REASON
    )
    assert exports_of(media_file) == []


def test_an_anonymous_caller_is_refused(anonymous_client):
    media_file = stored_file(tlp=TLP.CLEAR)

    assert anonymous_client.get(original_url(media_file.pk)).status_code in (401, 403)


@pytest.mark.parametrize("who", ["analyst", "partner"])
def test_a_file_whose_stored_bytes_are_missing_answers_404_and_logs_nothing(analyst_client, who):
    client = analyst_client if who == "analyst" else partner_client(may_see_graphic=True)
    media_file = stored_file(graphic=True)
    default_storage.delete(media_file.file.name)

    response = client.get(original_url(media_file.pk))

    assert response.status_code == 404
    assert response.json() == {"detail": "The stored bytes of this file are missing; the fixity check reports it."}
    assert exports_of(media_file) == []
    assert not AccessAudit.objects.exists()
    assert not SensitiveMediaAccess.objects.exists()


@pytest.mark.parametrize("names", ["neither", "both"])
def test_a_sensitive_media_access_names_exactly_one_of_a_picture_and_an_original(analyst, names):
    media_file = stored_file(graphic=True)
    of = {} if names == "neither" else {
        "media_file": media_file, "derived_file": add_picture(media_file, DerivedKind.KEYFRAME),
    }

    with pytest.raises(IntegrityError):
        SensitiveMediaAccess.objects.create(user=analyst, reason="checking", **of)


def test_a_partners_head_answers_the_headers_without_bytes_and_is_neither_audited_nor_exported():
    client = partner_client(max_tlp=TLP.GREEN, may_see_graphic=True)
    media_file = stored_file(graphic=True)
    url = original_url(media_file.pk)

    head = client.head(url)

    assert head.status_code == 200
    assert body(head) == b""
    digest = base64.b64encode(hashlib.sha256(CONTENT).digest()).decode()
    assert head["Repr-Digest"] == f"sha-256=:{digest}:"
    assert head["Content-Length"] == str(len(CONTENT))
    assert head["Content-Disposition"] == f'attachment; filename="{media_file.sha256}.mp4"'
    assert exports_of(media_file) == []
    assert not AccessAudit.objects.exists()

    get = client.get(url)  # the download itself still leaves its trace

    assert body(get) == CONTENT
    assert [row.method for row in AccessAudit.objects.all()] == ["GET"]
    assert len(exports_of(media_file)) == 1


def test_an_analysts_head_of_a_graphic_original_is_not_logged_as_a_sensitive_media_access(analyst_client):
    media_file = stored_file(graphic=True)

    head = analyst_client.head(original_url(media_file.pk))

    assert head.status_code == 200
    assert not SensitiveMediaAccess.objects.exists()
    analyst_client.get(original_url(media_file.pk))
    assert SensitiveMediaAccess.objects.count() == 1


def test_a_head_without_graphic_clearance_is_refused_like_a_get():
    client = partner_client(may_see_graphic=False)
    media_file = stored_file(graphic=True)

    assert client.head(original_url(media_file.pk)).status_code == 403
    assert not AccessAudit.objects.exists()
