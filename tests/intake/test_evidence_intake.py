"""Bringing evidence into an item from the desk: uploads (one per request with JS, all at once without), URL
captures one by one or from a sheet, and the jobs panel that follows each file until its jobs are done."""

import hashlib
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from catalog import services
from catalog.choices import Platform
from catalog.models import Channel, ItemFile, Sighting, UrlCapture
from provenance.choices import EnrichmentKind, JobStatus
from provenance.models import EnrichmentJob
from provenance.services import run_enrichment_job
from tests.factories import MediaItemFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
CLIP = b"\x00\x00\x00\x18ftypmp42" + hashlib.sha512(b"intake").digest() * 500


def png(colour="red"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(desk, item, *files, **headers):
    return desk.post(reverse("workspace:item-evidence-upload", args=[item.pk]),
                     {"files": [SimpleUploadedFile(name, data) for name, data in files]}, **headers)


def jobs_panel(desk, item):
    response = desk.get(reverse("workspace:item-evidence-jobs", args=[item.pk]), **HTMX)
    assert response.status_code == 200
    return response.content.decode()


def run_all_jobs():
    for job in EnrichmentJob.objects.filter(status=JobStatus.PENDING):
        run_enrichment_job(job.pk)


def test_the_evidence_page_says_what_to_do_when_there_is_nothing_yet(desk):
    item = MediaItemFactory()

    html = desk.get(reverse("workspace:item-evidence", args=[item.pk])).content.decode()

    assert "No evidence yet. Upload the files you hold above, or paste the URLs" in html
    assert 'type="file" id="upload-files" name="files" multiple' in html
    assert "evidence-upload.js" in html


def test_several_files_are_attached_at_once_and_a_bad_one_loses_nothing(desk):
    item = MediaItemFactory()
    image = png()

    response = upload(desk, item, ("frame.png", image), ("empty.mp4", b""), ("clip.mp4", CLIP))

    assert response.status_code == 302
    links = {link.original_filename: link for link in ItemFile.objects.filter(media_item=item)}
    assert set(links) == {"frame.png", "clip.mp4"}
    for name, data in (("frame.png", image), ("clip.mp4", CLIP)):
        with default_storage.open(links[name].media_file.file.name, "rb") as stored:
            assert stored.read() == data  # the bytes accepted are the bytes kept
    shown = [str(message) for message in response.wsgi_request._messages]
    assert "Not attached: empty.mp4: The file is empty (zero bytes)." in shown


def test_the_upload_script_gets_one_answer_per_file(desk):
    item = MediaItemFactory()

    accepted = upload(desk, item, ("clip.mp4", CLIP), HTTP_ACCEPT="application/json")
    refused = upload(desk, item, ("empty.mp4", b""), HTTP_ACCEPT="application/json")

    assert accepted.status_code == 201
    assert json.loads(accepted.content)["received"][0].startswith("clip.mp4: received, SHA-256 ")
    assert refused.status_code == 200  # the script shows the refusal; a 4xx would also log a console error
    assert json.loads(refused.content)["received"] == []
    assert json.loads(refused.content)["refused"] == ["empty.mp4: The file is empty (zero bytes)."]


def test_a_file_over_the_size_limit_is_refused_in_words(desk, settings):
    settings.MAX_UPLOAD_BYTES = 100
    item = MediaItemFactory()

    response = upload(desk, item, ("clip.mp4", CLIP), HTTP_ACCEPT="application/json")

    assert "larger than the limit of 100 bytes" in json.loads(response.content)["refused"][0]
    assert not ItemFile.objects.exists()


def test_the_jobs_panel_polls_while_jobs_run_and_stops_when_they_are_done(desk):
    item = MediaItemFactory()
    upload(desk, item, ("frame.png", png()))

    running = jobs_panel(desk, item)
    assert "every 2s" in running
    assert "Hashing" in running and "Analysis" in running and "Matching" in running
    assert "starts after the analysis" in running
    assert running.count("chip--job-pending") == 2

    run_all_jobs()
    run_all_jobs()  # matching, if the analysis queued it

    done = jobs_panel(desk, item)
    assert "every 2s" not in done
    assert "evidence-changed from:body" in done  # a new upload still refreshes it
    assert "Nothing is running." in done
    assert done.count("chip--job-succeeded") >= 2
    assert ", took " in done


def test_a_failed_job_shows_its_reason_and_a_retry_that_queues_it_again(desk, django_capture_on_commit_callbacks):
    item = MediaItemFactory()
    upload(desk, item, ("clip.mp4", b"this is not a video at all"))
    run_all_jobs()
    analysis = EnrichmentJob.objects.get(kind=EnrichmentKind.ANALYSIS)
    assert analysis.status == JobStatus.FAILED

    html = jobs_panel(desk, item)
    assert "not an accepted media format, whatever its name says" in html
    retry = reverse("workspace:item-evidence-retry", args=[item.pk, "enrichment", analysis.pk])
    assert f'hx-post="{retry}"' in html
    assert "Retry analysis" in html

    with django_capture_on_commit_callbacks(execute=False) as sent:
        response = desk.post(retry, **HTMX)

    assert response.status_code == 200
    analysis.refresh_from_db()
    assert analysis.status == JobStatus.PENDING
    assert len(sent) == 1
    assert "Sent to a worker again; it is pending." in response.content.decode()
    assert "every 2s" in response.content.decode()


def test_retrying_a_job_that_did_not_fail_says_so(desk):
    item = MediaItemFactory()
    upload(desk, item, ("clip.mp4", CLIP))
    hashing = EnrichmentJob.objects.get(kind=EnrichmentKind.HASHES)

    response = desk.post(reverse("workspace:item-evidence-retry", args=[item.pk, "enrichment", hashing.pk]), **HTMX)

    assert "This job is pending, not failed; nothing to re-queue." in response.content.decode()


def test_a_job_of_another_item_cannot_be_retried_from_this_one(desk):
    item, other = MediaItemFactory(), MediaItemFactory()
    upload(desk, other, ("clip.mp4", CLIP))
    job = EnrichmentJob.objects.first()

    response = desk.post(reverse("workspace:item-evidence-retry", args=[item.pk, "enrichment", job.pk]))

    assert response.status_code == 404


def capture(desk, item, urls="", sheet=None, **headers):
    data = {"urls": urls}
    if sheet is not None:
        data["sheet"] = SimpleUploadedFile("sheet.csv", sheet.encode(), content_type="text/csv")
    return desk.post(reverse("workspace:item-evidence-capture", args=[item.pk]), data, **headers)


def test_a_pasted_url_is_captured_and_records_a_sighting_on_its_channel(desk, http_server):
    (http_server.folder / "release.mp4").write_bytes(CLIP)
    item = MediaItemFactory()

    response = capture(desk, item, http_server.url("release.mp4"), **HTMX)

    assert response.status_code == 200
    assert "1 capture queued, each with a sighting." in response.content.decode()
    job = UrlCapture.objects.get()
    assert (job.sighting.media_item, job.sighting.url) == (item, http_server.url("release.mp4"))
    assert (job.sighting.channel.platform, job.sighting.channel.handle) == (Platform.WEBSITE, "127.0.0.1")
    services.run_url_capture(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    html = jobs_panel(desk, item)
    assert 'sighting on <span dir="auto">Website: 127.0.0.1</span>' in html
    assert 'became <span dir="auto">release.mp4</span>' in html


def test_a_sheet_captures_its_good_rows_with_channel_and_time_and_reports_bad_lines(desk, amaq_telegram):
    item = MediaItemFactory()
    sheet = ("url,channel,posted_at\n"
             "https://t.me/amaqagency/1234,Telegram: @amaqagency,2017-10-03T14:05:00Z\n"
             "https://example.org/post,Telegram: @nobody,\n"
             "not a url,,\n"
             "https://example.org/other,,yesterday\n"
             "https://example.org/third,,\n")

    response = capture(desk, item, sheet=sheet, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "2 captures queued, each with a sighting." in html
    assert "Sheet, line 3: No channel in the catalogue is named “Telegram: @nobody”" in html
    assert "Sheet, line 4: “not a url” is not an http or https URL." in html
    assert "Sheet, line 5: “yesterday” is not a date" in html
    first = Sighting.objects.get(url="https://t.me/amaqagency/1234")
    assert (first.media_item, first.channel) == (item, amaq_telegram)
    assert first.posted_at.isoformat() == "2017-10-03T14:05:00+00:00"
    assert Sighting.objects.get(url="https://example.org/third").channel.handle == "example.org"
    assert UrlCapture.objects.count() == 2
    assert 'id="evidence-jobs"' in html and 'hx-swap-oob="true"' in html


def test_nothing_to_capture_is_refused_in_words(desk):
    response = capture(desk, MediaItemFactory(), "   \n")

    assert response.status_code == 422
    assert "Paste at least one URL, or choose a CSV sheet." in response.content.decode()
    assert not UrlCapture.objects.exists()


def test_only_bad_lines_capture_nothing_and_say_why(desk):
    response = capture(desk, MediaItemFactory(), "file:///etc/passwd\n", **HTMX)

    assert UrlCapture.objects.count() == 0
    assert "Nothing was captured:" in response.content.decode()
    assert "Pasted list, line 1: “file:///etc/passwd” is not an http or https URL." in response.content.decode()


def test_the_api_capture_records_a_sighting_on_the_channel_its_address_names(analyst_client, amaq_telegram):
    item = MediaItemFactory()

    response = analyst_client.post(reverse("api-v1:media-items-captures", args=[item.pk]),
                                   {"url": "https://t.me/amaqagency/99"}, format="json")

    assert response.status_code == 202, response.data
    sighting = Sighting.objects.get(pk=response.data["sighting"])
    assert (sighting.media_item, sighting.channel, sighting.url) == (item, amaq_telegram, "https://t.me/amaqagency/99")


def test_a_new_channel_is_catalogued_for_a_url_on_an_unknown_one(analyst):
    job = services.request_url_capture(MediaItemFactory(), "https://x.com/unknown_mirror/status/5", analyst)

    channel = Channel.objects.get(handle="unknown_mirror")
    assert (job.sighting.channel, channel.platform, channel.url) == (
        channel, Platform.X_TWITTER, "https://x.com/unknown_mirror")


def test_capturing_the_same_url_again_keeps_one_sighting(analyst):
    item = MediaItemFactory()

    first = services.request_url_capture(item, "https://example.org/post", analyst)
    second = services.request_url_capture(item, "https://example.org/post", analyst)

    assert first.sighting == second.sighting
    assert Sighting.objects.filter(media_item=item).count() == 1


def test_a_failed_capture_shows_its_reason_and_can_be_retried(desk, http_server):
    item = MediaItemFactory()
    capture(desk, item, http_server.url("gone.mp4"), **HTMX)
    job = UrlCapture.objects.get()
    services.run_url_capture(job.pk)

    html = jobs_panel(desk, item)
    assert "404" in html and "Retry the capture" in html

    response = desk.post(reverse("workspace:item-evidence-retry", args=[item.pk, "capture", job.pk]), **HTMX)

    job.refresh_from_db()
    assert job.status == JobStatus.PENDING
    assert "Sent to a worker again; it is pending." in response.content.decode()
    assert Sighting.objects.filter(media_item=item).count() == 1  # the retry records no second sighting


def test_the_api_capture_takes_the_channel_and_posted_time_when_given(analyst_client, amaq_telegram):
    item = MediaItemFactory()

    response = analyst_client.post(reverse("api-v1:media-items-captures", args=[item.pk]), {
        "url": "https://mirror.example.org/v/1", "channel": amaq_telegram.pk, "posted_at": "2017-10-03T14:05:00Z",
    }, format="json")

    assert response.status_code == 202, response.data
    sighting = Sighting.objects.get(pk=response.data["sighting"])
    assert (sighting.channel, sighting.posted_at.isoformat()) == (amaq_telegram, "2017-10-03T14:05:00+00:00")


def test_an_address_without_a_host_records_no_sighting_and_fails_under_the_egress_rule(analyst):
    job = services.request_url_capture(MediaItemFactory(), "file:///etc/passwd", analyst)
    services.run_url_capture(job.pk)

    job.refresh_from_db()
    assert job.sighting is None
    assert not Sighting.objects.exists() and not Channel.objects.exists()
    assert "Only http and https" in job.error
