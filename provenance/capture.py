"""Fetching evidence from a URL: plain HTTP for direct media files, yt-dlp for pages that embed media."""

import ipaddress
import os
import socket
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import requests
import yt_dlp
from django.conf import settings

from provenance.jobs import JobFailed, TransientJobError

DIRECT_MEDIA_TYPES = ("video/", "image/", "audio/", "application/octet-stream", "application/mp4")
CHUNK_SIZE = 1024 * 1024
TIMEOUT = (10, 120)


@dataclass
class Download:
    path: Path
    filename: str
    via: str
    final_url: str
    content_type: str = ""
    title: str = ""


def download(url, folder):
    """Save what `url` points at into `folder`; permanent problems raise JobFailed, passing ones TransientJobError."""
    refuse_unsafe_url(url)
    try:
        response = requests.get(url, stream=True, timeout=TIMEOUT, headers={"User-Agent": "provenance-catalog"})
    except (requests.ConnectionError, requests.Timeout) as problem:
        raise TransientJobError(f"Could not reach {url}: {problem}") from problem
    with response:
        if response.status_code >= 500 or response.status_code == 429:
            raise TransientJobError(f"{url} answered {response.status_code}; will try again.")
        if response.status_code >= 400:
            raise JobFailed(f"{url} answered {response.status_code} {response.reason}.")
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type.startswith(DIRECT_MEDIA_TYPES):
            filename = safe_filename(unquote(Path(urlparse(response.url).path).name))
            path = Path(folder) / "direct"
            _save_stream(response, path)
            return Download(path, filename, "http", response.url, content_type)
    return _download_with_yt_dlp(url, folder)


def probe_url(url):
    """The HTTP status a URL answers now (HEAD, or GET where HEAD is refused); unreachable raises JobFailed."""
    refuse_unsafe_url(url)
    try:
        response = requests.head(url, allow_redirects=True, timeout=TIMEOUT)
        if response.status_code in (405, 501):
            with requests.get(url, stream=True, timeout=TIMEOUT) as response:
                pass
    except requests.RequestException as problem:
        raise JobFailed(f"{url} could not be reached: {problem}") from problem
    return response.status_code


def refuse_unsafe_url(url):
    """Only http(s); and, unless allowed, no loopback or private addresses (the server must not probe its own network)."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise JobFailed(f"Only http and https URLs can be captured, not {url!r}.")
    if settings.CAPTURE_ALLOW_PRIVATE_ADDRESSES:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parsed.hostname, parsed.port or 443)}
    except socket.gaierror as problem:
        raise TransientJobError(f"Could not resolve {parsed.hostname}: {problem}") from problem
    for address in addresses:
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            raise JobFailed(f"{parsed.hostname} resolves to a non-public address ({address}); refused.")


def _save_stream(response, path):
    limit, size = settings.MAX_UPLOAD_BYTES, 0
    with open(path, "wb") as out:
        for chunk in response.iter_content(CHUNK_SIZE):
            size += len(chunk)
            if size > limit:
                raise JobFailed(f"The file at {response.url} is larger than the limit of {limit} bytes.")
            out.write(chunk)
    if size == 0:
        raise JobFailed(f"{response.url} returned an empty file.")


def _download_with_yt_dlp(url, folder):
    options = {
        "outtmpl": os.path.join(folder, "yt-dlp", "%(id)s.%(ext)s"),
        "format": "best",  # one file: merging separate streams would need an ffmpeg binary
        "noplaylist": True,
        "max_filesize": settings.MAX_UPLOAD_BYTES,
        "quiet": True,
        "noprogress": True,
        "no_warnings": True,
        "socket_timeout": TIMEOUT[1],
    }
    try:
        with yt_dlp.YoutubeDL(options) as downloader:
            info = downloader.extract_info(url, download=True)
    except yt_dlp.utils.DownloadError as problem:
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
