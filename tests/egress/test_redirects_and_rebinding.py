"""Each redirect hop is checked again; a name is resolved once and the checked address is the one connected to."""

import hashlib

import pytest
from django.core.files.storage import default_storage
from hypothesis import given, settings as hypothesis_settings, strategies as st

from catalog import services
from catalog.choices import VerificationKind
from catalog.models import LivenessCheck
from provenance import egress
from provenance.choices import JobStatus
from tests.egress.listeners import Tripwire
from tests.factories import MediaItemFactory, SightingFactory

pytestmark = pytest.mark.django_db

CLIP = b"\x00\x00\x00\x18ftypmp42" + hashlib.sha512(b"egress clip").digest() * 3000


class FlippingResolver:
    """A DNS stub that answers `answers[0]` the first time and `answers[1]` every time after (a rebinding DNS)."""

    def __init__(self, *answers):
        self.answers = answers
        self.calls = 0

    def __call__(self, host, port, **kwargs):
        answer = self.answers[min(self.calls, len(self.answers) - 1)]
        self.calls += 1
        addresses = answer if isinstance(answer, tuple) else (answer,)
        return [(10 if ":" in a else 2, 1, 6, "", (a, port)) for a in addresses]


def capture(url):
    job = services.request_url_capture(MediaItemFactory(), url)
    services.run_url_capture(job.pk)
    job.refresh_from_db()
    return job


def probe(url):
    sighting = SightingFactory(url=url)
    services.run_verification(services.request_verification(VerificationKind.LIVENESS, sighting.media_item).pk)
    return LivenessCheck.objects.get(sighting=sighting)


def test_the_tripwires_do_see_a_connection_the_rule_lets_through(tripwire, settings):
    """The listeners and the connect guard can fail the other tests: an allowed connection is seen."""
    settings.EGRESS_ALLOWED_TEST_ORIGINS = [f"127.0.0.1:{tripwire.port}"]

    with pytest.raises(egress.EgressUnavailable):
        egress.request("GET", f"http://127.0.0.1:{tripwire.port}/")

    assert len(tripwire.accepted) == 1


def test_an_allowed_test_origin_serves_an_mp4_whose_bytes_are_stored_exactly(http_server):
    (http_server.folder / "release.mp4").write_bytes(CLIP)
    http_server.redirects["/short-link"] = "/hop"
    http_server.redirects["/hop"] = http_server.url("release.mp4")

    job = capture(http_server.url("short-link"))

    assert job.status == JobStatus.SUCCEEDED, job.error
    with default_storage.open(job.item_file.media_file.file.name, "rb") as stored:
        assert stored.read() == CLIP
    assert job.result["final_url"] == http_server.url("release.mp4")
    assert http_server.requested_paths == ["/short-link", "/hop", "/release.mp4"]


def test_only_the_allowed_port_is_allowed_not_its_neighbours_on_the_same_address(http_server, tripwire, connections):
    job = capture(f"http://127.0.0.1:{tripwire.port}/clip.mp4")

    assert "127.0.0.1 is a loopback address" in job.error
    assert tripwire.accepted == [] and connections == []


REDIRECTS = [
    ("http://127.0.0.1:{port}/clip.mp4", "127.0.0.1 is a loopback address"),
    ("http://[::1]:{port}/clip.mp4", "::1 is a loopback address"),
    ("http://0x7f.1:{port}/clip.mp4", "spells an IPv4 address"),
    ("http://[::ffff:127.0.0.1]:{port}/", "IPv4-mapped IPv6 address"),
    ("http://169.254.169.254/latest/meta-data/", "link-local address"),
    ("file:///etc/passwd", "Only http and https URLs may be fetched"),
    ("gopher://127.0.0.1:{port}/_GET", "Only http and https URLs may be fetched"),
]


@pytest.mark.parametrize(("location", "reason"), REDIRECTS)
def test_a_capture_redirected_to_an_internal_address_or_another_scheme_is_refused_at_that_hop(
    http_server, tripwire, connections, location, reason
):
    http_server.redirects["/release.mp4"] = location.format(port=tripwire.port)

    job = capture(http_server.url("release.mp4"))

    assert job.status == JobStatus.FAILED
    assert reason in job.error
    assert http_server.requested_paths == ["/release.mp4"]
    assert tripwire.accepted == []
    assert {port for _, port in connections} == {http_server.httpd.server_port}


@pytest.mark.parametrize(("location", "reason"), REDIRECTS)
def test_a_liveness_probe_redirected_to_an_internal_address_records_the_refusal(
    http_server, tripwire, connections, location, reason
):
    http_server.redirects["/post"] = location.format(port=tripwire.port)

    check = probe(http_server.url("post"))

    assert (check.is_up, check.http_status) == (False, None)
    assert reason in check.error
    assert tripwire.accepted == []
    assert {port for _, port in connections} == {http_server.httpd.server_port}


def test_a_redirect_loop_stops_at_the_cap_with_a_clear_error(http_server):
    http_server.redirects["/loop"] = "/loop"

    job = capture(http_server.url("loop"))
    check = probe(http_server.url("loop"))

    assert f"redirected more than {egress.MAX_REDIRECTS} times" in job.error
    assert f"redirected more than {egress.MAX_REDIRECTS} times" in check.error
    assert http_server.requested_paths.count("/loop") == 2 * (egress.MAX_REDIRECTS + 1)


def test_a_name_is_resolved_once_and_the_connection_goes_to_the_address_that_was_checked(http_server, connections):
    """DNS rebinding: the first answer is an allowed address, every later one an internal listener."""
    port = http_server.httpd.server_port
    (http_server.folder / "clip.mp4").write_bytes(CLIP)
    with Tripwire(port=port) as internal:  # [::1] on the same port: where a second lookup would lead
        resolver = FlippingResolver("127.0.0.1", "::1")

        with egress.request("GET", f"http://rebind.example:{port}/clip.mp4", resolve=resolver) as response:
            body = b"".join(response.iter_content(65536))

    assert (response.status, body) == (200, CLIP)
    assert resolver.calls == 1
    assert internal.accepted == []
    assert connections == [("127.0.0.1", port)]
    # The request still names the host it was for: Host header (and, for https, SNI and the certificate check).
    assert http_server.requested_hosts == [f"rebind.example:{port}"]


def test_the_public_first_answer_is_the_address_used_and_the_name_is_not_looked_up_again():
    resolver = FlippingResolver("93.184.215.14", "127.0.0.1")

    target = egress.check("https://media.example/clip.mp4", resolve=resolver)

    assert (target.address, target.host, target.host_header) == ("93.184.215.14", "media.example", "media.example")
    assert resolver.calls == 1


def test_a_name_with_any_internal_address_among_its_answers_is_refused():
    resolver = FlippingResolver(("93.184.215.14", "10.0.0.7"))

    with pytest.raises(egress.EgressRefused, match="media.example resolves to 10.0.0.7, which is a private address"):
        egress.check("https://media.example/clip.mp4", resolve=resolver)


def test_each_redirect_hop_is_resolved_again_by_the_rule(http_server):
    port = http_server.httpd.server_port
    http_server.redirects["/clip.mp4"] = f"http://cdn.example:{port}/moved.mp4"
    resolver = FlippingResolver("127.0.0.1", "10.0.0.7")

    with pytest.raises(egress.EgressRefused, match="cdn.example resolves to 10.0.0.7"):
        egress.request("GET", f"http://media.example:{port}/clip.mp4", resolve=resolver)

    assert resolver.calls == 2
    assert http_server.requested_paths == ["/clip.mp4"]


BLOCKED = st.one_of(
    st.ip_addresses(network="127.0.0.0/8"), st.ip_addresses(network="10.0.0.0/8"),
    st.ip_addresses(network="172.16.0.0/12"), st.ip_addresses(network="192.168.0.0/16"),
    st.ip_addresses(network="169.254.0.0/16"), st.ip_addresses(network="100.64.0.0/10"),
    st.ip_addresses(network="224.0.0.0/4"), st.ip_addresses(network="240.0.0.0/4"),
    st.ip_addresses(network="0.0.0.0/8"), st.ip_addresses(network="::ffff:0:0/96"),
    st.ip_addresses(network="64:ff9b::/96"), st.ip_addresses(network="2002::/16"),
    st.ip_addresses(network="2001::/32"), st.ip_addresses(network="fc00::/7"),
    st.ip_addresses(network="fe80::/10"), st.ip_addresses(network="fec0::/10"), st.ip_addresses(network="ff00::/8"),
)


@hypothesis_settings(max_examples=300, deadline=None)
@given(BLOCKED, st.sampled_from(["literal", "resolved"]))
def test_every_internal_address_is_refused_whether_written_or_resolved(address, how):
    literal = f"[{address}]" if address.version == 6 else str(address)
    url = f"http://{literal}/" if how == "literal" else "http://media.example/"

    with pytest.raises(egress.EgressRefused):
        egress.check(url, resolve=FlippingResolver(str(address)))


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(["{:d}", "0x{:x}", "0{:o}"]))
def test_every_ipv4_address_spelled_as_one_number_is_refused_without_a_lookup(number, spelling):
    with pytest.raises(egress.EgressRefused, match="spells an IPv4 address"):
        egress.check(f"http://{spelling.format(number)}/", resolve=FlippingResolver())
