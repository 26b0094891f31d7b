"""Egress: the one way this service connects out (captures, yt-dlp, liveness probes, webhooks), and its rule.

What we hold must come from where we say it came from, and a URL given to us must not make the server reach its own
network. So every outbound HTTP(S) request goes through `request` here, which:

- parses the URL once, with the same parser that builds the request (urllib3's), and refuses any URL whose host
  could be read two ways: a backslash, userinfo (`user@`), whitespace or control characters, a percent sign in the
  host, an IPv4 address spelled in decimal, octal or hex, and any scheme but http and https;
- resolves the host once and refuses it if any address is not public (loopback, private, link-local, CGNAT,
  multicast, reserved, unspecified, IPv4-mapped or -compatible IPv6, NAT64, 6to4, Teredo, site-local);
- connects to the address it checked, with the Host header and TLS SNI/certificate check still on the name, so a
  second DNS answer (rebinding) is never used;
- follows redirects itself, checking each hop by the same rule, and caps redirects, bytes and time.

A refusal raises `EgressRefused` (a permanent `JobFailed` naming why); a server that cannot be reached raises
`EgressUnavailable` (a `TransientJobError`). yt-dlp's traffic goes through the same path: `youtube_dl()` builds a
YoutubeDL whose only request handler is `EgressHandler`. Tests may allow exactly one
address:port of their own local server with the setting EGRESS_ALLOWED_TEST_ORIGINS; nothing else is allowed.

We wrote this small urllib3 transport instead of using `advocate` because advocate (last release 2020) builds on
urllib3 1.x connection internals that urllib3 2.x removed.
"""

import functools
import io
import ipaddress
import re
import socket
import time
import unicodedata
from dataclasses import dataclass
from urllib.parse import urljoin

import certifi
import urllib3
import yt_dlp
import yt_dlp.networking as ytdl_networking
from django.conf import settings
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import LocationParseError
from yt_dlp.networking.common import RequestHandler

from provenance.jobs import JobFailed, TransientJobError

# (connect, read) seconds for each socket operation; DEADLINE caps a whole transfer, however it trickles.
TIMEOUT = (10, 120)
DEADLINE_SECONDS = 30 * 60
MAX_REDIRECTS = 5
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
USER_AGENT = "provenance-catalog"

_CANONICAL_IPV4 = re.compile(r"^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$")
# WHATWG URL parsers read a host whose last label is a number as IPv4 ("0x7f.1", "2130706433", "0177.0.0.1").
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|\d+)$")
_HOSTNAME = re.compile(r"^[a-z0-9_-]{1,63}(\.[a-z0-9_-]{1,63})*\.?$")
_BLOCKED_NETWORKS = [
    (ipaddress.ip_network(network), reason) for network, reason in [
        ("0.0.0.0/8", "a \"this network\" address"),
        ("100.64.0.0/10", "a carrier-grade NAT address"),
        ("192.0.0.0/24", "an IETF protocol assignment address"),  # Python 3.11 counts parts of it as global
        ("::/96", "an IPv4-compatible IPv6 address"),
        ("64:ff9b::/96", "a NAT64 address"),
        ("64:ff9b:1::/48", "a local-use NAT64 address"),
        ("2002::/16", "a 6to4 address"),
        ("2001::/32", "a Teredo address"),
        ("fec0::/10", "a site-local address"),
    ]
]


class EgressRefused(JobFailed):
    """The egress rule refused the URL (or an answer exceeded a cap): permanent, with a readable reason."""


class EgressTooLarge(EgressRefused):
    pass


class EgressUnavailable(TransientJobError):
    """The server could not be reached or answered too slowly: worth trying again later."""


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (`address`) and what to ask for there (`host` for Host and SNI)."""

    url: str
    scheme: str
    host: str
    port: int
    request_target: str
    address: str

    @property
    def host_header(self):
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == {"http": 80, "https": 443}[self.scheme] else f"{host}:{self.port}"


def check(url, resolve=socket.getaddrinfo):
    """The Target to connect to for `url`, or EgressRefused naming why not. `resolve` is called once at most."""
    scheme, host, port, request_target = _parse(url)
    address = _checked_address(host, port, resolve)
    return Target(url, scheme, host, port, request_target, address)


def _parse(url):
    if not isinstance(url, str) or not url:
        raise EgressRefused("An empty URL cannot be fetched.")
    for char in url:
        if char == "\\" or char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Zs"):
            raise EgressRefused(f"{url!r} contains a backslash, whitespace or a control character; refused.")
    scheme, separator, rest = url.partition("://")
    if not separator or scheme.lower() not in ("http", "https"):
        raise EgressRefused(f"Only http and https URLs may be fetched, not {url!r}.")
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if "@" in authority:
        raise EgressRefused(f"{url!r} carries a user name (userinfo before '@'); refused as ambiguous.")
    if "%" in authority:
        raise EgressRefused(f"{url!r} has a percent-encoded host; refused as ambiguous.")
    try:
        parsed = urllib3.util.parse_url(url)
    except LocationParseError as problem:
        raise EgressRefused(f"{url!r} is not a valid URL: {problem}") from problem
    if not parsed.host:
        raise EgressRefused(f"{url!r} names no host.")
    host = _checked_host(parsed.host, url)
    port = parsed.port or {"http": 80, "https": 443}[parsed.scheme]
    request_target = (parsed.path or "/") + (f"?{parsed.query}" if parsed.query is not None else "")
    return parsed.scheme, host, port, request_target


def _checked_host(host, url):
    if host.startswith("["):
        try:
            return str(ipaddress.IPv6Address(host.strip("[]")))
        except ValueError as problem:
            raise EgressRefused(f"{url!r} has an invalid IPv6 host: {problem}") from problem
    host = host.lower()
    if not _HOSTNAME.match(host):
        raise EgressRefused(f"{url!r} has a host that is not a plain DNS name: {host!r}.")
    labels = host.rstrip(".").split(".")
    if _NUMERIC_LABEL.match(labels[-1]) and not _CANONICAL_IPV4.match(host.rstrip(".")):
        raise EgressRefused(f"{url!r} spells an IPv4 address in decimal, octal, hex or short form; refused.")
    return host.rstrip(".")


def _checked_address(host, port, resolve):
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            answers = resolve(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as problem:
            raise EgressUnavailable(f"Could not resolve {host}: {problem}") from problem
        addresses = list(dict.fromkeys(answer[4][0].split("%")[0] for answer in answers))
        if not addresses:
            raise EgressUnavailable(f"{host} has no address.")
    allowed = _allowed_test_origins()
    for address in addresses:
        if (ipaddress.ip_address(address), port) in allowed:
            continue
        reason = forbidden_reason(address)
        if reason:
            shown = host if host == address else f"{host} resolves to {address}, which"
            raise EgressRefused(f"{shown} is {reason}; the server does not fetch from it.")
    return addresses[0]


def forbidden_reason(address):
    """Why an IP address must not be connected to, or "" for a public address."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped:
        return f"an IPv4-mapped IPv6 address (of {ip.ipv4_mapped})"
    for flag, reason in [
        ("is_unspecified", "the unspecified address"), ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"), ("is_multicast", "a multicast address"),
    ]:
        if getattr(ip, flag):
            return reason
    for network, reason in _BLOCKED_NETWORKS:
        if ip.version == network.version and ip in network:
            return reason
    if ip.is_reserved:
        return "a reserved address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "not a public address"
    return ""


def _allowed_test_origins():
    allowed = set()
    for origin in getattr(settings, "EGRESS_ALLOWED_TEST_ORIGINS", []):
        host, _, port = origin.rpartition(":")
        allowed.add((ipaddress.ip_address(host.strip("[]")), int(port)))
    return allowed


# Sending


class Response:
    """An answer being read: status, headers, the final URL, and a body read within the byte and time caps."""

    def __init__(self, raw, url, max_bytes, deadline, pool):
        self.raw, self.url, self.max_bytes, self.deadline, self._pool = raw, url, max_bytes, deadline, pool
        self.status, self.reason, self.headers = raw.status, raw.reason, raw.headers
        self.bytes_read = 0
        length = raw.headers.get("Content-Length", "")
        if max_bytes is not None and length.isdigit() and int(length) > max_bytes:
            self.close()
            raise EgressTooLarge(f"The file at {url} is larger than the limit of {max_bytes} bytes.")

    def read(self, amount=None):
        if time.monotonic() > self.deadline:
            raise EgressUnavailable(f"{self.url} took longer than {DEADLINE_SECONDS} s to send its answer.")
        try:
            chunk = self.raw.read(amount, decode_content=True)
        except Urllib3Error as problem:
            raise EgressUnavailable(f"Reading from {self.url} failed: {problem}") from problem
        self.bytes_read += len(chunk)
        if self.max_bytes is not None and self.bytes_read > self.max_bytes:
            raise EgressTooLarge(f"The file at {self.url} is larger than the limit of {self.max_bytes} bytes.")
        return chunk

    def iter_content(self, chunk_size):
        while chunk := self.read(chunk_size):
            yield chunk

    def close(self):
        self.raw.release_conn()
        self.raw.close()
        self._pool.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def request(
    method, url, *, headers=None, body=None, follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=TIMEOUT,
    max_bytes=None, deadline_seconds=DEADLINE_SECONDS, cookies_for=None, resolve=socket.getaddrinfo,
):
    """Send one request under the egress rule and return its Response (use it as a context manager).

    Redirects are followed (each hop checked again) unless `follow_redirects` is false, when a 3xx is returned as
    it is. `cookies_for(url)` may give a Cookie header for each hop. Raises EgressRefused or EgressUnavailable.
    """
    deadline = time.monotonic() + deadline_seconds
    for hop in range(max_redirects + 1):
        target = check(url, resolve=resolve)
        hop_headers = dict(headers or {})
        cookie = cookies_for(url) if cookies_for else ""
        if cookie:
            hop_headers["Cookie"] = cookie
        response = _send(target, method, hop_headers, body, timeout, max_bytes, deadline)
        location = response.headers.get("Location")
        if not follow_redirects or response.status not in REDIRECT_STATUSES or not location:
            return response
        response.close()
        url = urljoin(url, location)
        if response.status == 303 or (response.status in (301, 302) and method == "POST"):
            method, body = ("HEAD" if method == "HEAD" else "GET"), None
    raise EgressRefused(f"{target.url} redirected more than {max_redirects} times; refused.")


def _send(target, method, headers, body, timeout, max_bytes, deadline):
    options = {"timeout": urllib3.Timeout(connect=timeout[0], read=timeout[1]), "retries": False, "maxsize": 1}
    if target.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            target.address, target.port, server_hostname=target.host, assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED", ca_certs=certifi.where(), **options,
        )
    else:
        pool = urllib3.HTTPConnectionPool(target.address, target.port, **options)
    headers = {"User-Agent": USER_AGENT, **headers, "Host": target.host_header}
    try:
        raw = pool.urlopen(
            method, target.request_target, body=body, headers=headers, redirect=False, retries=False,
            preload_content=False, assert_same_host=False,
        )
    except Urllib3Error as problem:
        pool.close()
        raise EgressUnavailable(f"Could not reach {target.url}: {problem}") from problem
    return Response(raw, target.url, max_bytes, deadline, pool)


# yt-dlp: its only request handler is ours, so pages, embedded media and fragments all go through `request`.


class EgressHandler(RequestHandler):
    RH_KEY = RH_NAME = "Egress"
    _SUPPORTED_URL_SCHEMES = ("http", "https")
    # Proxies and features are not checked because none is used: egress connects to the checked address itself.
    _SUPPORTED_PROXY_SCHEMES = None
    _SUPPORTED_FEATURES = None

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.refusals = []  # what the rule refused, so a capture fails with our reason, not yt-dlp's summary

    def _check_extensions(self, extensions):
        super()._check_extensions(extensions)
        for name in ("cookiejar", "timeout", "legacy_ssl", "keep_header_casing"):
            extensions.pop(name, None)

    def _send(self, ytdl_request):
        cookiejar = self._get_cookiejar(ytdl_request)
        timeout = self._calculate_timeout(ytdl_request)
        try:
            response = request(
                ytdl_request.method, ytdl_request.url, headers=self._get_headers(ytdl_request),
                body=ytdl_request.data, timeout=(timeout, timeout), max_bytes=settings.MAX_UPLOAD_BYTES,
                cookies_for=cookiejar.get_cookie_header if cookiejar is not None else None,
            )
        except EgressRefused as problem:
            self.refusals.append(problem)
            raise ytdl_networking.exceptions.RequestError(str(problem), cause=problem) from problem
        except EgressUnavailable as problem:
            raise ytdl_networking.exceptions.TransportError(str(problem), cause=problem) from problem
        answer = _YtdlResponse(response)
        if not 200 <= response.status < 300:
            raise ytdl_networking.exceptions.HTTPError(answer)
        return answer


class _YtdlResponse(ytdl_networking.Response):
    def __init__(self, response):
        super().__init__(response, response.url, dict(response.headers), response.status, response.reason)

    def read(self, amt=None):
        try:
            return self.fp.read(amt)
        except EgressRefused as problem:
            raise ytdl_networking.exceptions.RequestError(str(problem), cause=problem) from problem
        except EgressUnavailable as problem:
            raise ytdl_networking.exceptions.TransportError(str(problem), cause=problem) from problem

    def close(self):
        self.fp.close()
        return io.IOBase.close(self)


class GuardedYoutubeDL(yt_dlp.YoutubeDL):
    def __init__(self, *args, **kwargs):
        self.egress_refusals = []
        super().__init__(*args, **kwargs)

    @functools.cached_property
    def _request_director(self):
        director = self.build_request_director([EgressHandler])
        director.handlers[EgressHandler.RH_KEY].refusals = self.egress_refusals
        return director


def youtube_dl(options):
    """A yt_dlp.YoutubeDL whose every request (pages, embedded media, fragments) goes through `request`."""
    return GuardedYoutubeDL(options)
