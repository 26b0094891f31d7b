"""A server that compresses although asked not to: egress hands over the decoded bytes, so the archive keeps the
encoding headers under X-Archive-Orig- names and a replay reads the body as stored, not as gzip."""

import gzip
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from catalog.services import web_archives
from provenance.choices import JobStatus
from tests.factories import SightingFactory
from tests.web_archive.site import stored_wacz

pytestmark = pytest.mark.django_db

PAGE = b"<html><head><title>Compressed</title></head><body>Release</body></html>"


class GzipEverything(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = gzip.compress(PAGE)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def gzip_server(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), GzipEverything)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EGRESS_ALLOWED_TEST_ORIGINS = [f"127.0.0.1:{server.server_port}"]
    yield f"http://127.0.0.1:{server.server_port}/page.html"
    server.shutdown()
    server.server_close()


def test_a_compressed_answer_is_kept_decoded_with_its_encoding_headers_renamed(gzip_server):
    job = web_archives.request_web_archive(sighting=SightingFactory(url=gzip_server))
    web_archives.run_web_archive(job.pk)
    job.refresh_from_db()

    assert job.status == JobStatus.SUCCEEDED, job.error
    page = stored_wacz(job).response(gzip_server)
    assert page["payload"] == PAGE
    assert page["http"].protocol == "HTTP/1.1"
    assert page["http"].get_header("Content-Encoding") is None
    assert page["http"].get_header("X-Archive-Orig-Content-Encoding") == "gzip"
    assert page["http"].get_header("X-Archive-Orig-Content-Length") == str(len(gzip.compress(PAGE)))
    assert page["http"].get_header("Content-Type") == "text/html; charset=utf-8"
