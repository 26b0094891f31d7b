import hashlib

import pytest
from django.urls import reverse

from catalog import services
from catalog.models import UrlCapture
from provenance.choices import JobStatus
from tests.factories import MediaItemFactory

pytestmark = pytest.mark.django_db

CLIP = b"\x00\x00\x00\x18ftypmp42" + hashlib.sha512(b"captured").digest() * 2000


def capture_url(item):
    return reverse("api-v1:media-items-captures", args=[item.pk])


def test_an_analyst_queues_a_capture_and_a_worker_stores_the_file(analyst_client, http_server,
                                                                   django_capture_on_commit_callbacks):
    (http_server.folder / "release.mp4").write_bytes(CLIP)
    item = MediaItemFactory()

    with django_capture_on_commit_callbacks(execute=False) as sent:
        response = analyst_client.post(capture_url(item), {"url": http_server.url("release.mp4")}, format="json")

    assert response.status_code == 202, response.data
    assert response.data["status"] == JobStatus.PENDING
    assert len(sent) == 1
    services.run_url_capture(response.data["id"])
    capture = UrlCapture.objects.get(pk=response.data["id"])
    assert capture.status == JobStatus.SUCCEEDED
    assert capture.item_file.media_item == item
    assert capture.item_file.media_file.sha256 == hashlib.sha256(CLIP).hexdigest()


@pytest.mark.parametrize("url", ["not a url", "", "javascript:alert(1)"])
def test_it_refuses_something_that_is_not_a_url(analyst_client, url):
    response = analyst_client.post(capture_url(MediaItemFactory()), {"url": url}, format="json")

    assert response.status_code == 400
    assert "url" in response.data
    assert not UrlCapture.objects.exists()


def test_anonymous_callers_cannot_queue_captures(anonymous_client):
    response = anonymous_client.post(capture_url(MediaItemFactory()), {"url": "https://example.org/x"}, format="json")

    assert response.status_code in (401, 403)
    assert not UrlCapture.objects.exists()
