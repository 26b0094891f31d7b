"""A page to archive may name internal addresses: egress refuses each, nothing connects to it, the refusal is noted
in the archive and the rest of the page is still archived."""

import pytest

from catalog.services import web_archives
from provenance.choices import JobStatus
from tests.factories import SightingFactory
from tests.web_archive.site import stored_wacz

pytestmark = pytest.mark.django_db

INWARD = {
    "img-loopback": ('<img src="http://127.0.0.1:{port}/x.png">', "127.0.0.1 is a loopback address"),
    "video-ipv6-loopback": ('<video src="http://[::1]:{port}/x.mp4"></video>', "::1 is a loopback address"),
    "og-image-hex": ('<meta property="og:image" content="http://0x7f.1:{port}/x.png">', "spells an IPv4 address"),
    "stylesheet-mapped": (
        '<link rel="stylesheet" href="http://[::ffff:127.0.0.1]:{port}/x.css">', "IPv4-mapped IPv6 address"
    ),
    "script-private": ('<script src="http://10.0.0.1:{port}/x.js"></script>', "10.0.0.1 is a private address"),
    "img-redirecting-inward": ('<img src="/hop.png">', "127.0.0.1 is a loopback address"),
}


def archive(url):
    job = web_archives.request_web_archive(sighting=SightingFactory(url=url))
    web_archives.run_web_archive(job.pk)
    job.refresh_from_db()
    return job


@pytest.mark.parametrize("embed", INWARD)
def test_an_internal_address_a_page_embeds_is_refused_and_never_connected_to(
    site, tripwire, connections, embed
):
    html, reason = INWARD[embed]
    site.server.redirects["/hop.png"] = f"http://127.0.0.1:{tripwire.port}/x.png"
    url = site.page(f'<html><head>{html.format(port=tripwire.port)}</head><body><img src="photos/still.jpg"></body></html>')

    job = archive(url)

    assert job.status == JobStatus.SUCCEEDED, job.error
    assert tripwire.accepted == []
    assert {port for _, port in connections} == {site.server.httpd.server_port}
    wacz = stored_wacz(job)
    [refused] = [outcome for outcome in wacz.notes["resources"] if "error" in outcome]
    assert reason in refused["error"]
    assert wacz.response(site.url("photos/still.jpg"))["payload"] == site.files["photos/still.jpg"]


def test_a_page_at_an_internal_address_is_refused_and_nothing_is_stored(site, settings, tripwire, connections):
    settings.EGRESS_ALLOWED_TEST_ORIGINS = []

    job = archive(f"http://127.0.0.1:{tripwire.port}/index.html")

    assert job.status == JobStatus.FAILED
    assert "127.0.0.1 is a loopback address" in job.error
    assert job.media_file is None
    assert tripwire.accepted == [] and connections == []
