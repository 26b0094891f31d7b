"""Web archives: a page and what it embeds, fetched under the egress rule and kept as WARC records in a WACZ.

A page seen spreading a video, or a report's article, can change or vanish; the archive keeps what the server
answered, byte for byte, with its HTTP status line and headers, so it can be replayed and checked later. Every
connection goes through provenance.egress (internal addresses refused and never connected to, redirects checked,
bytes and time capped). Resources are what the page embeds (provenance.embeds), one level deep, up to a count
and a total size; one that fails is noted in the archive's metadata record and the archive is still made. The
WACZ packaging is in provenance.wacz. This module knows files and URLs, not the catalogue.
"""

import hashlib
import json
import re
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import urllib3
from django.conf import settings
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from provenance import egress, wacz
from provenance.capture import safe_filename
from provenance.embeds import page_embeds
from provenance.jobs import JobFailed, TransientJobError

SOFTWARE = "provenance-catalog web archiver (warcio)"
CHUNK_SIZE = 1024 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Only this much of a page is parsed for embeds (it is all archived): a bigger page is not one worth reading.
PARSE_BYTES = 8 * 1024 * 1024
# Ask for the bytes as they are: egress reads bodies decoded, and the archive should hold what the server sent.
REQUEST_HEADERS = {"Accept-Encoding": "identity", "Accept": "*/*"}
_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_PROTOCOLS = {10: "HTTP/1.0", 11: "HTTP/1.1", 20: "HTTP/2"}


@dataclass(frozen=True)
class Limits:
    """How far one capture may go; defaults from settings (WEB_ARCHIVE_MAX_RESOURCES, _MAX_BYTES, _SECONDS)."""

    resources: int
    bytes: int
    seconds: float

    @classmethod
    def from_settings(cls):
        # The archive is stored as one evidence file, so it must fit under the upload limit with room for its index.
        ceiling = max(settings.MAX_UPLOAD_BYTES - 1024 * 1024, 1)
        return cls(
            resources=getattr(settings, "WEB_ARCHIVE_MAX_RESOURCES", 100),
            bytes=min(getattr(settings, "WEB_ARCHIVE_MAX_BYTES", 512 * 1024 * 1024), ceiling),
            # Below Celery's soft time limit (25 min), so a slow site ends the capture, not the worker.
            seconds=getattr(settings, "WEB_ARCHIVE_SECONDS", 20 * 60),
        )


@dataclass
class WebArchive:
    """A finished archive: the WACZ at `path`, and what went into it (`resources`: one outcome per embed)."""

    path: Path
    filename: str
    url: str
    final_url: str
    status: int
    title: str
    captured_at: str
    resources: list = field(default_factory=list)

    def as_result(self):
        """JSON-safe, for the job's result (the path is the caller's to use and drop)."""
        return {key: str(value) if key == "path" else value for key, value in asdict(self).items()}


@dataclass
class _Exchange:
    url: str
    final_url: str
    status: int
    content_type: str  # the header as sent, parameters included
    size: int
    sha256: str
    date: str
    record_id: str
    head: bytes = b""  # the first PARSE_BYTES of a page, to read its embeds

    @property
    def media_type(self):
        return self.content_type.split(";")[0].strip().lower()


def archive_page(url, folder, limits=None):
    """Fetch `url` and what it embeds into a WACZ in `folder`; JobFailed or TransientJobError if the page itself
    cannot be had (a resource that fails only leaves a note)."""
    limits = limits or Limits.from_settings()
    folder = Path(folder)
    warc_path = folder / "data.warc.gz"
    with open(warc_path, "wb") as out:
        recorder = _Recorder(WARCWriter(out, gzip=True, warc_version="1.1"), limits)
        recorder.write_warcinfo(url)
        page = recorder.fetch(url, keep_head=True)
        if page.status >= 500 or page.status == 429:
            raise TransientJobError(f"{url} answered {page.status}; will try again.")
        if page.status >= 400:
            raise JobFailed(f"{url} answered {page.status}; there is no page to archive.")
        title, embeds = "", []
        if page.media_type in HTML_TYPES:
            title, embeds = page_embeds(_decoded(page.head, page.content_type), page.final_url)
        resources = [recorder.fetch_resource(embed) for embed in embeds[: limits.resources]]
        resources += [
            {"url": embed, "error": f"Not fetched: the page embeds more than {limits.resources} resources."}
            for embed in embeds[limits.resources:]
        ]
        recorder.write_notes(page, url, resources)
    filename = safe_filename(f"{urllib3.util.parse_url(page.final_url).host or 'page'}-{_compact(page.date)}.wacz")
    wacz_path = wacz.package(
        warc_path, folder / filename, main_url=page.final_url, main_date=page.date, title=title, software=SOFTWARE,
    )
    warc_path.unlink()
    return WebArchive(wacz_path, filename, url, page.final_url, page.status, title, page.date, resources)


class _Recorder:
    """Fetches through egress and writes each exchange as a request and a response record, within the limits."""

    def __init__(self, writer, limits):
        self.writer, self.limits = writer, limits
        self.bytes_left = limits.bytes
        self.deadline = time.monotonic() + limits.seconds

    def write_warcinfo(self, url):
        info = {"software": SOFTWARE, "format": "WARC File Format 1.1", "description": f"Web archive of {url}"}
        self.writer.write_record(self.writer.create_warcinfo_record("data.warc.gz", info))

    def fetch_resource(self, url):
        """One embed, as an outcome: what came back (any status is archived as it was), or why nothing did."""
        try:
            exchange = self.fetch(url)
        except (egress.EgressRefused, egress.EgressUnavailable) as problem:
            return {"url": url, "error": str(problem)}
        outcome = {"url": url, "status": exchange.status, "bytes": exchange.size, "sha256": exchange.sha256}
        if exchange.final_url != url:
            outcome["final_url"] = exchange.final_url
        return outcome

    def fetch(self, url, keep_head=False):
        seconds_left = self.deadline - time.monotonic()
        if seconds_left <= 0:
            raise egress.EgressUnavailable(f"Not fetched: the capture's time limit ({self.limits.seconds} s) ran out.")
        if self.bytes_left <= 0:
            raise egress.EgressTooLarge(f"Not fetched: the archive reached its size limit ({self.limits.bytes} bytes).")
        with egress.request(
            "GET", url, headers=REQUEST_HEADERS, max_bytes=self.bytes_left, deadline_seconds=seconds_left,
        ) as response, tempfile.TemporaryFile() as body:
            digest, head = hashlib.sha256(), b""
            for chunk in response.iter_content(CHUNK_SIZE):  # egress stops it past the bytes or the time left
                body.write(chunk)
                digest.update(chunk)
                if keep_head and len(head) < PARSE_BYTES:
                    head += chunk[: PARSE_BYTES - len(head)]
            self.bytes_left -= response.bytes_read
            body.seek(0)
            exchange = self._write_exchange(url, response, body, response.bytes_read, digest.hexdigest())
        exchange.head = head
        return exchange

    def _write_exchange(self, url, response, body, size, sha256):
        writer = self.writer
        http_headers = StatusAndHeaders(
            f"{response.status} {response.reason or ''}".strip(), _archived_headers(response.headers),
            protocol=_PROTOCOLS.get(getattr(response.raw, "version", 11), "HTTP/1.1"),
        )
        answer = writer.create_warc_record(response.url, "response", payload=body, length=size, http_headers=http_headers)
        date = answer.rec_headers.get_header("WARC-Date")
        record_id = answer.rec_headers.get_header("WARC-Record-ID")
        asked = writer.create_warc_record(
            response.url, "request", payload=BytesIO(b""), length=0, http_headers=_request_headers(response.url),
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": record_id},
        )
        writer.write_record(asked)
        writer.write_record(answer)
        content_type = response.headers.get("Content-Type", "")
        return _Exchange(url, response.url, response.status, content_type, size, sha256, date, record_id)

    def write_notes(self, page, url, resources):
        """A metadata record for the page: what was asked for, where it ended, and each embed's outcome."""
        notes = {"requested_url": url, "final_url": page.final_url, "resources": resources}
        payload = json.dumps(notes, ensure_ascii=False, indent=1).encode()
        record = self.writer.create_warc_record(
            page.final_url, "metadata", payload=BytesIO(payload), length=len(payload),
            warc_content_type="application/json", warc_headers_dict={"WARC-Refers-To": page.record_id},
        )
        self.writer.write_record(record)


def _archived_headers(headers):
    """The answer's headers as received, except those that describe an encoding of the body that is no longer
    there: urllib3 removes chunking and egress decodes compression, so those are kept under X-Archive-Orig-
    names (as pywb does) and a replay reads the body as it is stored."""
    encoded = headers.get("Content-Encoding", "identity").strip().lower() not in ("", "identity")
    renamed = {"transfer-encoding"} | ({"content-encoding", "content-length"} if encoded else set())
    return [
        (f"X-Archive-Orig-{name}" if name.lower() in renamed else name, value) for name, value in headers.items()
    ]


def _request_headers(url):
    """The request as egress sent it for `url` (egress.request: its User-Agent, our headers, then Host)."""
    parsed = urllib3.util.parse_url(url)
    default_port = {"http": 80, "https": 443}[parsed.scheme]
    host = parsed.host if parsed.port in (None, default_port) else f"{parsed.host}:{parsed.port}"
    headers = [("User-Agent", egress.USER_AGENT), *REQUEST_HEADERS.items(), ("Host", host)]
    return StatusAndHeaders(f"GET {parsed.request_uri} HTTP/1.1", headers, is_http_request=True)


def _decoded(head, content_type):
    """The page's text, in the charset its Content-Type or a <meta charset> in its first bytes names; else UTF-8.
    Undecodable bytes become U+FFFD: the text is only read for URLs, the bytes are archived as they are."""
    declared = _CHARSET.search(content_type) or _CHARSET.search(head[:2048].decode("ascii", errors="replace"))
    charset = declared.group(1) if declared else "utf-8"
    try:
        return head.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        return head.decode("utf-8", errors="replace")


def _compact(warc_date):
    return datetime.fromisoformat(warc_date.replace("Z", "+00:00")).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
