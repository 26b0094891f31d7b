"""Fetching evidence from a URL: plain HTTP for direct media files, yt-dlp for pages that embed media."""

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import yt_dlp
from django.conf import settings

from provenance import egress
from provenance.jobs import JobFailed, TransientJobError

DIRECT_MEDIA_TYPES = ("video/", "image/", "audio/", "application/octet-stream", "application/mp4")
CHUNK_SIZE = 1024 * 1024
TIMEOUT = (10, 120)
# A liveness probe needs only the status line: a server that will not give it promptly counts as unreachable.
PROBE_TIMEOUT = (10, 30)


@dataclass
class Download:
    path: Path
    filename: str
    via: str
    final_url: str
    content_type: str = ""
    title: str = ""


def download(url, folder):
    """Save what `url` points at into `folder`; permanent problems raise JobFailed, passing ones TransientJobError.

    Every connection, the yt-dlp ones included, goes through provenance.egress, which refuses internal addresses.
    """
    with egress.request("GET", url, timeout=TIMEOUT, max_bytes=settings.MAX_UPLOAD_BYTES) as response:
        if response.status >= 500 or response.status == 429:
            raise TransientJobError(f"{url} answered {response.status}; will try again.")
        if response.status >= 400:
            raise JobFailed(f"{url} answered {response.status} {response.reason}.")
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type.startswith(DIRECT_MEDIA_TYPES):
            filename = safe_filename(unquote(Path(urlparse(response.url).path).name))
            path = Path(folder) / "direct"
            _save_stream(response, path)
            return Download(path, filename, "http", response.url, content_type)
    return _download_with_yt_dlp(url, folder)


def probe_url(url):
    """The HTTP status a URL answers now (HEAD, or GET where HEAD is refused); refused or unreachable: JobFailed."""
    try:
        with egress.request("HEAD", url, timeout=PROBE_TIMEOUT) as response:
            status = response.status
        if status in (405, 501):
            with egress.request("GET", url, timeout=PROBE_TIMEOUT) as response:
                status = response.status
    except egress.EgressUnavailable as problem:
        raise JobFailed(f"{url} could not be reached: {problem}") from problem
    return status


def _save_stream(response, path):
    with open(path, "wb") as out:
        for chunk in response.iter_content(CHUNK_SIZE):  # egress stops it past MAX_UPLOAD_BYTES
            out.write(chunk)
    if response.bytes_read == 0:
        raise JobFailed(f"{response.url} returned an empty file.")


def _download_with_yt_dlp(url, folder):
    options = {
        "outtmpl": os.path.join(folder, "yt-dlp", "%(id)s.%(ext)s"),
        # One file (merging streams would need ffmpeg), fetched by yt-dlp's own downloaders: an external one such as
        # ffmpeg (also used for live streams) would open connections outside the egress rule.
        "format": "best[protocol^=http]/best[protocol=m3u8_native]",
        "external_downloader": {"default": "native"},
        "match_filter": yt_dlp.utils.match_filter_func("!is_live"),
        "noplaylist": True,
        "max_filesize": settings.MAX_UPLOAD_BYTES,
        "quiet": True,
        "noprogress": True,
        "no_warnings": True,
        "socket_timeout": TIMEOUT[1],
    }
    downloader = egress.youtube_dl(options)
    try:
        with downloader:
            info = downloader.extract_info(url, download=True)
    except yt_dlp.utils.YoutubeDLError as problem:  # DownloadError, or a RequestError the downloader passed on
        if downloader.egress_refusals:
            refusal = downloader.egress_refusals[0]
            raise JobFailed(f"No media could be captured from {url}: {refusal}") from refusal
        message = str(problem)
        if any(word in message for word in ("timed out", "Connection", "Temporary failure")):
            raise TransientJobError(message) from problem
        raise JobFailed(f"No media could be captured from {url}: {message}") from problem
    downloads = info.get("requested_downloads") or []
    if not downloads or not Path(downloads[0]["filepath"]).exists():
        raise JobFailed(f"No media could be captured from {url} (it may exceed the size limit).")
    path = Path(downloads[0]["filepath"])
    return Download(path, safe_filename(path.name), "yt-dlp", info.get("webpage_url") or url, title=info.get("title", ""))


def safe_filename(name):
    """A captured name is the remote site's choice: keep it as a label, minus anything that could mislead."""
    cleaned = "".join(char for char in name if unicodedata.category(char) not in ("Cc", "Cf"))
    cleaned = cleaned.replace("/", "_").replace("\\", "_").strip(". ")
    return cleaned[:255] or "capture"
