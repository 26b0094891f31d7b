import hashlib

import pytest
from django.core.files.storage import default_storage

from catalog import services
from catalog.models import UrlCapture
from provenance.choices import CustodyAction, JobStatus
from provenance.jobs import TransientJobError
from tests.factories import AnalystFactory, MediaItemFactory

pytestmark = pytest.mark.django_db

CLIP = b"\x00\x00\x00\x18ftypmp42" + hashlib.sha512(b"clip").digest() * 3000


def capture(url, user=None):
    job = services.request_url_capture(MediaItemFactory(), url, user or AnalystFactory())
    services.run_url_capture(job.pk)
    job.refresh_from_db()
    return job


def test_it_captures_a_direct_media_file_into_the_items_evidence(http_server):
    (http_server.folder / "release.mp4").write_bytes(CLIP)

    job = capture(http_server.url("release.mp4"))

    assert job.status == JobStatus.SUCCEEDED, job.error
    media_file = job.item_file.media_file
    assert media_file.sha256 == hashlib.sha256(CLIP).hexdigest()
    assert job.item_file.media_item == job.media_item
    assert job.item_file.original_filename == "release.mp4"
    with default_storage.open(media_file.file.name, "rb") as stored:
        assert stored.read() == CLIP
    acquired = media_file.custody_events.get(action=CustodyAction.ACQUIRED)
    assert acquired.detail["via"] == "http"
    assert acquired.detail["url"] == http_server.url("release.mp4")
    assert acquired.actor == job.requested_by.username


def test_it_captures_media_embedded_in_a_page_with_yt_dlp(http_server):
    (http_server.folder / "clip.mp4").write_bytes(CLIP)
    (http_server.folder / "post.html").write_text(
        '<html><head><title>Release</title></head><body><video src="clip.mp4"></video></body></html>'
    )

    job = capture(http_server.url("post.html"))

    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result["via"] == "yt-dlp"
    assert job.item_file.media_file.sha256 == hashlib.sha256(CLIP).hexdigest()
    assert "/clip.mp4" in http_server.requested_paths


def test_a_missing_page_fails_the_capture_with_a_readable_reason(http_server):
    job = capture(http_server.url("gone.mp4"))

    assert job.status == JobStatus.FAILED
    assert "404" in job.error
    assert job.item_file is None


def test_a_server_error_is_retried_later_not_failed(http_server):
    http_server.status_overrides["/busy.mp4"] = 503
    job = services.request_url_capture(MediaItemFactory(), http_server.url("busy.mp4"))

    with pytest.raises(TransientJobError):
        services.run_url_capture(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.PENDING
    assert "503" in job.error


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/clip.mp4"])
def test_it_refuses_urls_that_are_not_http(url):
    job = capture(url)

    assert job.status == JobStatus.FAILED
    assert "Only http and https" in job.error


def test_it_refuses_private_addresses_unless_allowed(http_server, settings):
    settings.EGRESS_ALLOWED_TEST_ORIGINS = []
    (http_server.folder / "release.mp4").write_bytes(CLIP)

    job = capture(http_server.url("release.mp4"))

    assert job.status == JobStatus.FAILED
    assert "127.0.0.1 is a loopback address" in job.error
    assert http_server.requested_paths == []


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_stored(http_server, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    (http_server.folder / "big.mp4").write_bytes(CLIP)

    job = capture(http_server.url("big.mp4"))

    assert job.status == JobStatus.FAILED
    assert "larger than the limit" in job.error
    assert not UrlCapture.objects.filter(item_file__isnull=False).exists()


def test_capturing_twice_runs_the_download_once(http_server):
    (http_server.folder / "release.mp4").write_bytes(CLIP)
    job = capture(http_server.url("release.mp4"))

    services.run_url_capture(job.pk)

    assert http_server.requested_paths.count("/release.mp4") == 1
