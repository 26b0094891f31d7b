"""A page to archive, served from the tests' local HTTP server, with media the test makes itself: Pillow writes
the pictures, PyAV the H.264 video. `read_wacz` opens an archive the way a replay tool would."""

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from warcio.archiveiterator import ArchiveIterator

from tests.media.synthetic import natural_frames, natural_image, write_mp4

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Amaq &amp; the "proof of life" video</title>
<link rel="stylesheet" href="/static/site.css">
<meta property="og:image" content="{og_image}">
<meta property="og:video" content="/media/release.mp4">
<script src="static/app.js"></script></head>
<body><h1>Release</h1>
<img src="photos/still.jpg" srcset="photos/still.jpg 1x, photos/still,large.png 2x" alt="still">
<video poster="photos/poster.jpg" controls><source src="media/release.mp4" type="video/mp4"></video>
<a href="/elsewhere.html">not followed: a link, not an embed</a><iframe src="/frame.html"></iframe>
</body></html>"""


@dataclass
class Site:
    server: object
    files: dict = field(default_factory=dict)  # path -> bytes, of every embedded resource

    def url(self, path):
        return self.server.url(path)

    def page(self, html, name="post.html"):
        (self.server.folder / name).write_text(html, encoding="utf-8")
        return self.url(name)


def _jpeg(seed, width, height):
    buffer = io.BytesIO()
    natural_image(seed, width, height).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _png(seed, width, height):
    buffer = io.BytesIO()
    natural_image(seed, width, height).save(buffer, "PNG")
    return buffer.getvalue()


def build_site(server):
    site = Site(server)
    folder = server.folder
    for sub in ("photos", "media", "static"):
        (folder / sub).mkdir()
    site.files = {
        "photos/still.jpg": _jpeg(1, 160, 120),
        "photos/still,large.png": _png(2, 320, 240),
        "photos/poster.jpg": _jpeg(3, 128, 72),
        "static/site.css": b"body { font-family: sans-serif; }\n",
        "static/app.js": b"console.log('release');\n",
    }
    for path, content in site.files.items():
        (folder / path).write_bytes(content)
    video = folder / "media" / "release.mp4"
    write_mp4(video, natural_frames(4, 128, 72, 1), 128, 72)
    site.files["media/release.mp4"] = video.read_bytes()
    site.page(PAGE.format(og_image=server.url("photos/still.jpg")), "index.html")
    return site


@dataclass
class Archive:
    members: dict  # name -> bytes
    records: list  # every WARC record, read: (type, target URI, WARC headers, HTTP headers, payload)

    def of_type(self, record_type):
        return [record for record in self.records if record["type"] == record_type]

    def response(self, url):
        [response] = [record for record in self.of_type("response") if record["uri"] == url]
        return response

    @property
    def notes(self):
        [metadata] = self.of_type("metadata")
        return json.loads(metadata["payload"])

    @property
    def datapackage(self):
        return json.loads(self.members["datapackage.json"])


def read_wacz(content):
    """The archive's members and its WARC records, read back with warcio as a replay tool reads them."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        members = {name: package.read(name) for name in package.namelist()}
        stored = {info.filename: info.compress_type for info in package.infolist()}
    assert set(stored.values()) == {zipfile.ZIP_STORED}
    records = []
    for record in ArchiveIterator(io.BytesIO(members["archive/data.warc.gz"])):
        records.append({
            "type": record.rec_type,
            "uri": record.rec_headers.get_header("WARC-Target-URI"),
            "warc": record.rec_headers,
            "http": record.http_headers,
            "payload": record.content_stream().read(),
        })
    return Archive(members, records)


def stored_wacz(capture):
    with default_storage.open(capture.media_file.file.name, "rb") as stored:
        content = stored.read()
    assert hashlib.sha256(content).hexdigest() == capture.media_file.sha256
    return read_wacz(content)
