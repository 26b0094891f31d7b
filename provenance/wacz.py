"""Packaging WARC records as a WACZ (Web Archive Collection Zipped, spec 1.1.1), which replay tools open directly.

The ZIP holds `archive/data.warc.gz`, its CDXJ index `indexes/index.cdx`, the pages `pages/pages.jsonl`, and
`datapackage.json`, which lists every file with its SHA-256 and size; `datapackage-digest.json` holds the digest
of that list, so one hash covers the whole package. Members are stored uncompressed, as the spec asks, so a
reader can seek into the WARC inside the ZIP.

We write this ourselves (with warcio for the records) rather than use the `wacz` package: wacz 0.6.0 pulls 27
packages, and its indexer's `surt` uses tldextract, which downloads the public suffix list on first use — an
outbound connection outside the egress rule.
"""

import hashlib
import ipaddress
import json
import uuid
import zipfile
from datetime import UTC, datetime
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

WACZ_VERSION = "1.1.1"
WARC_NAME = "data.warc.gz"
INDEXED_TYPES = ("response", "resource", "revisit")


def package(warc_path, destination, *, main_url, main_date, title="", software=""):
    """Write the WACZ for one page's WARC file at `destination`; returns `destination`."""
    index = "".join(f"{line}\n" for line in sorted(cdxj_lines(warc_path))).encode()
    pages = [{"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}]
    pages.append({"id": uuid.uuid4().hex, "url": main_url, "ts": main_date, **({"title": title} if title else {})})
    pages_jsonl = "".join(json.dumps(page, ensure_ascii=False) + "\n" for page in pages).encode()
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_STORED) as archive:
        resources = [
            _write(archive, f"archive/{WARC_NAME}", path=warc_path),
            _write(archive, "indexes/index.cdx", data=index),
            _write(archive, "pages/pages.jsonl", data=pages_jsonl),
        ]
        now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
        datapackage = {
            "profile": "data-package", "wacz_version": WACZ_VERSION, "title": title or main_url,
            "software": software, "created": now, "modified": now,
            "mainPageURL": main_url, "mainPageDate": main_date, "resources": resources,
        }
        datapackage_bytes = json.dumps(datapackage, ensure_ascii=False, indent=2).encode()
        archive.writestr("datapackage.json", datapackage_bytes)
        digest = {"path": "datapackage.json", "hash": f"sha256:{hashlib.sha256(datapackage_bytes).hexdigest()}"}
        archive.writestr("datapackage-digest.json", json.dumps(digest, indent=2))
    return destination


def _write(archive, name, path=None, data=None):
    """Add one member and describe it for datapackage.json (streamed from `path`, or `data` in memory)."""
    digest, size = hashlib.sha256(), 0
    if path is not None:
        with open(path, "rb") as source, archive.open(name, "w", force_zip64=True) as member:
            while chunk := source.read(1024 * 1024):
                digest.update(chunk)
                size += len(chunk)
                member.write(chunk)
    else:
        archive.writestr(name, data)
        digest.update(data)
        size = len(data)
    return {"name": name.rsplit("/", 1)[-1], "path": name, "hash": f"sha256:{digest.hexdigest()}", "bytes": size}


def cdxj_lines(warc_path):
    """One CDXJ line per captured response: "<SURT key> <14-digit time> {json}", with the record's place in the
    WARC (offset and length of its gzip member) so a replay reads just that record."""
    lines = []
    with open(warc_path, "rb") as stream:
        records = ArchiveIterator(stream)
        for record in records:
            if record.rec_type not in INDEXED_TYPES:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            fields = {"url": url}
            if record.http_headers is not None:
                fields["mime"] = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip()
                fields["status"] = record.http_headers.get_statuscode()
            fields["digest"] = record.rec_headers.get_header("WARC-Payload-Digest") or ""
            records.read_to_end(record)
            fields.update(
                length=str(records.get_record_length()), offset=str(records.get_record_offset()), filename=WARC_NAME
            )
            timestamp = _timestamp(record.rec_headers.get_header("WARC-Date"))
            lines.append(f"{surt(url)} {timestamp} {json.dumps(fields, ensure_ascii=False)}")
    return lines


def _timestamp(warc_date):
    return datetime.fromisoformat(warc_date.replace("Z", "+00:00")).astimezone(UTC).strftime("%Y%m%d%H%M%S")


def surt(url):
    """The URL's Sort-friendly URI Reordering Transform key, as replay tools sort CDX lines: host labels
    reversed ("com,example)/path"), "www." and default ports dropped, query arguments sorted, all lower case.
    IP addresses are not reversed."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        ipaddress.ip_address(host)
        key = host
    except ValueError:
        labels = host.split(".")
        if labels[0] == "www" and len(labels) > 2:
            labels = labels[1:]
        key = ",".join(reversed(labels))
    port = parts.port
    if port and port != {"http": 80, "https": 443}.get(parts.scheme.lower()):
        key += f":{port}"
    query = "&".join(sorted(parts.query.split("&"))) if parts.query else ""
    return f"{key}){parts.path or '/'}{'?' + query if query else ''}".lower()
