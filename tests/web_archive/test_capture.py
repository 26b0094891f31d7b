"""Archiving a page through the real service and egress path: the WARC records hold every resource the page embeds,
byte for byte with its HTTP status line and headers, and the WACZ is stored as evidence with its custody."""

import hashlib
import io
import json

import pytest
from warcio.archiveiterator import ArchiveIterator

from catalog.models import WebArchiveCapture
from catalog.services import web_archives
from provenance.choices import CustodyAction, EnrichmentKind, JobStatus
from provenance.jobs import TransientJobError
from provenance.models import EnrichmentJob
from tests.factories import AnalystFactory, ReportFactory, SightingFactory
from tests.web_archive.site import stored_wacz

pytestmark = pytest.mark.django_db

EMBEDDED = ["photos/still.jpg", "photos/still,large.png", "photos/poster.jpg", "media/release.mp4",
            "static/site.css", "static/app.js"]


def archive(url, user=None, **subject):
    if not subject:
        subject = {"sighting": SightingFactory(url=url)}
    job = web_archives.request_web_archive(user=user or AnalystFactory(), **subject)
    web_archives.run_web_archive(job.pk)
    job.refresh_from_db()
    return job


def test_it_archives_the_page_and_every_resource_it_embeds_with_their_exact_bytes(site):
    job = archive(site.url("index.html"))

    assert job.status == JobStatus.SUCCEEDED, job.error
    wacz = stored_wacz(job)
    page = wacz.response(site.url("index.html"))
    assert page["payload"] == (site.server.folder / "index.html").read_bytes()
    for path in EMBEDDED:
        response = wacz.response(site.url(path))
        assert response["payload"] == site.files[path], path
        assert response["warc"].get_header("WARC-Payload-Digest").startswith("sha1:")
    assert {record["uri"] for record in wacz.of_type("response")} == {site.url(p) for p in ["index.html", *EMBEDDED]}


def test_links_and_frames_are_not_followed(site):
    archive(site.url("index.html"))

    assert "/elsewhere.html" not in site.server.requested_paths
    assert "/frame.html" not in site.server.requested_paths
    assert site.server.requested_paths.count("/photos/still.jpg") == 1  # img src, srcset and og:image: one fetch


def test_each_response_keeps_its_http_status_line_and_headers(site):
    wacz = stored_wacz(archive(site.url("index.html")))

    video = wacz.response(site.url("media/release.mp4"))
    assert video["http"].protocol == "HTTP/1.0"  # what the test server speaks
    assert video["http"].statusline == "200 OK"
    assert video["http"].get_header("Content-Type") == "video/mp4"
    assert video["http"].get_header("Content-Length") == str(len(site.files["media/release.mp4"]))
    assert video["http"].get_header("Last-Modified")
    assert video["http"].get_header("Server").startswith("SimpleHTTP")


def test_each_response_has_its_request_record_and_the_warcinfo_comes_first(site):
    wacz = stored_wacz(archive(site.url("index.html")))

    assert wacz.records[0]["type"] == "warcinfo"
    responses = {record["warc"].get_header("WARC-Record-ID"): record for record in wacz.of_type("response")}
    requests = wacz.of_type("request")
    assert len(requests) == len(responses) == 1 + len(EMBEDDED)
    for request in requests:
        answered = responses[request["warc"].get_header("WARC-Concurrent-To")]
        assert answered["uri"] == request["uri"]
        assert request["http"].protocol == "GET"
        assert request["http"].get_header("Host") == site.server.origin
        assert request["http"].get_header("User-Agent") == "provenance-catalog"


def test_the_datapackage_digests_match_the_files_in_the_wacz(site):
    wacz = stored_wacz(archive(site.url("index.html")))

    package = wacz.datapackage
    assert package["wacz_version"] == "1.1.1"
    assert package["mainPageURL"] == site.url("index.html")
    listed = {resource["path"]: resource for resource in package["resources"]}
    assert set(listed) == {"archive/data.warc.gz", "indexes/index.cdx", "pages/pages.jsonl"}
    for path, resource in listed.items():
        assert resource["hash"] == "sha256:" + hashlib.sha256(wacz.members[path]).hexdigest()
        assert resource["bytes"] == len(wacz.members[path])
    digest = json.loads(wacz.members["datapackage-digest.json"])
    assert digest["hash"] == "sha256:" + hashlib.sha256(wacz.members["datapackage.json"]).hexdigest()


def test_the_index_finds_each_response_record_at_its_offset_in_the_warc(site):
    wacz = stored_wacz(archive(site.url("index.html")))

    lines = wacz.members["indexes/index.cdx"].decode().splitlines()
    assert lines == sorted(lines)
    warc = wacz.members["archive/data.warc.gz"]
    indexed = set()
    for line in lines:
        key, timestamp, fields = line.split(" ", 2)
        fields = json.loads(fields)
        assert len(timestamp) == 14 and timestamp.isdigit()
        assert key.startswith("127.0.0.1:")
        record = warc[int(fields["offset"]):int(fields["offset"]) + int(fields["length"])]
        [found] = list(ArchiveIterator(io.BytesIO(record)))
        assert found.rec_headers.get_header("WARC-Target-URI") == fields["url"]
        indexed.add(fields["url"])
    assert indexed == {record["uri"] for record in wacz.of_type("response")}


def test_pages_jsonl_names_the_page_its_title_and_capture_time(site):
    job = archive(site.url("index.html"))
    wacz = stored_wacz(job)

    header, page = [json.loads(line) for line in wacz.members["pages/pages.jsonl"].decode().splitlines()]
    assert header["format"] == "json-pages-1.0"
    assert page["url"] == site.url("index.html")
    assert page["title"] == 'Amaq & the "proof of life" video'
    assert page["ts"] == wacz.response(site.url("index.html"))["warc"].get_header("WARC-Date")
    assert job.captured_at.isoformat().replace("+00:00", "Z") == page["ts"]


def test_the_wacz_is_evidence_with_its_hash_custody_and_a_hashing_job(site):
    analyst = AnalystFactory()
    sighting = SightingFactory(url=site.url("index.html"))

    job = archive(sighting.url, user=analyst, sighting=sighting)

    media_file = job.media_file
    acquired = media_file.custody_events.get(action=CustodyAction.ACQUIRED)
    assert acquired.actor == analyst.username
    assert acquired.detail["via"] == "web archive"
    assert acquired.detail["url"] == sighting.url
    assert acquired.detail["sighting"] == sighting.pk
    assert acquired.detail["original_filename"].endswith(".wacz")
    assert media_file.custody_events.filter(action=CustodyAction.STORED).exists()
    assert EnrichmentJob.objects.filter(media_file=media_file, kind=EnrichmentKind.HASHES).exists()
    assert job.result["sha256"] == media_file.sha256
    assert not media_file.item_links.exists()  # evidence of a page, not a file of the item partners could read


def test_a_reports_page_is_archived_too(site):
    report = ReportFactory(url=site.url("index.html"))

    job = archive(report.url, report=report)

    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.media_file.custody_events.get(action=CustodyAction.ACQUIRED).detail["report"] == report.pk
    assert stored_wacz(job).response(site.url("media/release.mp4"))["payload"] == site.files["media/release.mp4"]


def test_a_resource_that_fails_is_noted_and_the_archive_is_still_made(site):
    site.server.status_overrides["/static/app.js"] = 500
    (site.server.folder / "photos" / "poster.jpg").unlink()

    job = archive(site.url("index.html"))

    assert job.status == JobStatus.SUCCEEDED, job.error
    wacz = stored_wacz(job)
    assert wacz.response(site.url("static/app.js"))["http"].get_statuscode() == "500"
    assert wacz.response(site.url("photos/poster.jpg"))["http"].get_statuscode() == "404"
    outcomes = {outcome["url"]: outcome for outcome in wacz.notes["resources"]}
    assert outcomes[site.url("photos/poster.jpg")]["status"] == 404
    assert outcomes[site.url("media/release.mp4")]["sha256"] == hashlib.sha256(site.files["media/release.mp4"]).hexdigest()


def test_resources_past_the_count_limit_are_noted_and_not_fetched(site, settings):
    settings.WEB_ARCHIVE_MAX_RESOURCES = 2

    wacz = stored_wacz(archive(site.url("index.html")))

    skipped = [outcome for outcome in wacz.notes["resources"] if "error" in outcome]
    assert len(skipped) == len(EMBEDDED) - 2
    assert all("more than 2 resources" in outcome["error"] for outcome in skipped)
    assert len(wacz.of_type("response")) == 3
    for outcome in skipped:
        assert outcome["url"].removeprefix(site.url("")) not in [p.lstrip("/") for p in site.server.requested_paths]


def test_a_resource_past_the_size_limit_is_noted_and_left_out(site, settings):
    page_size = len((site.server.folder / "index.html").read_bytes())
    settings.WEB_ARCHIVE_MAX_BYTES = page_size + len(site.files["media/release.mp4"]) - 1  # never room for the video

    job = archive(site.url("index.html"))

    assert job.status == JobStatus.SUCCEEDED, job.error
    wacz = stored_wacz(job)
    assert site.url("media/release.mp4") not in {record["uri"] for record in wacz.of_type("response")}
    [video] = [outcome for outcome in wacz.notes["resources"] if outcome["url"] == site.url("media/release.mp4")]
    assert "larger than the limit" in video["error"]


def test_a_missing_page_fails_the_capture_with_a_readable_reason(site):
    job = archive(site.url("gone.html"))

    assert job.status == JobStatus.FAILED
    assert "404" in job.error
    assert job.media_file is None


def test_a_page_whose_server_errs_is_retried_later_not_failed(site):
    site.server.status_overrides["/index.html"] = 503
    job = web_archives.request_web_archive(sighting=SightingFactory(url=site.url("index.html")))

    with pytest.raises(TransientJobError):
        web_archives.run_web_archive(job.pk)

    job.refresh_from_db()
    assert job.status == JobStatus.PENDING
    assert "503" in job.error


def test_running_a_capture_twice_fetches_the_page_once(site):
    job = archive(site.url("index.html"))

    web_archives.run_web_archive(job.pk)

    assert site.server.requested_paths.count("/index.html") == 1
    assert WebArchiveCapture.objects.get(pk=job.pk).media_file == job.media_file
