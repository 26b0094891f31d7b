"""Pages run through the real yt-dlp path: media they embed is fetched only under the egress rule."""

import hashlib

import pytest

from catalog import services
from provenance.choices import JobStatus
from tests.factories import MediaItemFactory

pytestmark = pytest.mark.django_db

CLIP = b"\x00\x00\x00\x18ftypmp42" + hashlib.sha512(b"embedded clip").digest() * 3000


def capture(url):
    job = services.request_url_capture(MediaItemFactory(), url)
    services.run_url_capture(job.pk)
    job.refresh_from_db()
    return job


PAGES = {
    "video-src-loopback": ('<video src="http://127.0.0.1:{port}/clip.mp4"></video>', "127.0.0.1 is a loopback address"),
    "video-src-ipv6-loopback": ('<video src="http://[::1]:{port}/clip.mp4"></video>', "::1 is a loopback address"),
    "video-src-hex": ('<video src="http://0x7f.1:{port}/clip.mp4"></video>', "spells an IPv4 address"),
    "og-video-loopback": (
        '<meta property="og:video" content="http://127.0.0.1:{port}/clip.mp4">', "127.0.0.1 is a loopback address"
    ),
    "og-video-mapped": (
        '<meta property="og:video" content="http://[::ffff:127.0.0.1]:{port}/clip.mp4">', "IPv4-mapped IPv6 address"
    ),
    "video-src-redirecting-inward": ('<video src="/hop.mp4"></video>', "127.0.0.1 is a loopback address"),
}


@pytest.mark.parametrize("page", PAGES)
def test_media_a_page_embeds_from_an_internal_address_is_refused_and_never_connected_to(
    http_server, tripwire, connections, page
):
    html, reason = PAGES[page]
    (http_server.folder / "post.html").write_text(
        "<html><head><title>Release</title>" + html.format(port=tripwire.port) + "</head><body></body></html>"
    )
    http_server.redirects["/hop.mp4"] = f"http://127.0.0.1:{tripwire.port}/clip.mp4"

    job = capture(http_server.url("post.html"))

    assert job.status == JobStatus.FAILED
    assert reason in job.error
    assert job.item_file is None
    assert tripwire.accepted == []
    assert {port for _, port in connections} == {http_server.httpd.server_port}


def test_media_a_page_embeds_from_the_allowed_origin_is_captured_through_the_same_path(http_server, connections):
    (http_server.folder / "clip.mp4").write_bytes(CLIP)
    (http_server.folder / "post.html").write_text(
        f'<html><head><meta property="og:video" content="{http_server.url("clip.mp4")}"></head></html>'
    )

    job = capture(http_server.url("post.html"))

    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result["via"] == "yt-dlp"
    assert job.item_file.media_file.sha256 == hashlib.sha256(CLIP).hexdigest()
    assert {port for _, port in connections} == {http_server.httpd.server_port}
