"""Ingesting a report at the desk: pasted or uploaded, read in the background, then on to its draft."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.demo_case import REPORT_RAW_TEXT
from catalog.models import ReportIngest
from catalog.services import report_intake
from provenance.choices import JobStatus
from tests.workspace.case import HTMX

pytestmark = pytest.mark.django_db
NEW = reverse("workspace:report-new")


def test_pasting_a_report_keeps_it_and_leads_to_a_page_that_follows_its_reading(desk):
    response = desk.post(NEW, {"raw_text": REPORT_RAW_TEXT, "tlp": "amber", "url": ""})

    ingest = ReportIngest.objects.get()
    assert ingest.raw_text == REPORT_RAW_TEXT
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:report-ingest", args=[ingest.pk])
    status = desk.get(response["Location"]).content.decode()
    assert "Waiting for a worker to read the report" in status
    assert 'hx-trigger="every 1s"' in status
    assert "<progress" in status


def test_an_uploaded_file_is_read_as_received(desk):
    desk.post(NEW, {"file": SimpleUploadedFile("amaq.txt", REPORT_RAW_TEXT.encode()), "tlp": "red"})

    ingest = ReportIngest.objects.get()
    assert (ingest.raw_text, ingest.filename, ingest.tlp) == (REPORT_RAW_TEXT, "amaq.txt", "red")


def test_once_read_the_poll_sends_the_page_to_the_draft(desk):
    ingest = report_intake.receive_report(REPORT_RAW_TEXT).ingest
    report_intake.run_report_ingest(ingest.pk)
    ingest.refresh_from_db()

    polled = desk.get(reverse("workspace:report-ingest", args=[ingest.pk]), **HTMX)
    loaded = desk.get(reverse("workspace:report-ingest", args=[ingest.pk]))

    draft_url = reverse("workspace:draft", args=[ingest.draft_id])
    assert polled["HX-Redirect"] == draft_url
    assert loaded.status_code == 302 and loaded["Location"] == draft_url


def test_a_report_that_cannot_be_read_says_why_and_offers_its_text_back(desk):
    ingest = report_intake.receive_report("one line only").ingest
    report_intake.run_report_ingest(ingest.pk)

    page = desk.get(reverse("workspace:report-ingest", args=[ingest.pk])).content.decode()
    again = desk.get(f"{NEW}?again={ingest.pk}").content.decode()

    assert "The report could not be read:" in page
    assert "hx-trigger" not in page
    assert f"?again={ingest.pk}" in page
    assert "one line only</textarea>" in again


def test_a_report_ingested_before_opens_its_draft_with_its_title(desk):
    ingest = report_intake.receive_report(REPORT_RAW_TEXT).ingest
    report_intake.run_report_ingest(ingest.pk)
    ingest.refresh_from_db()

    response = desk.post(NEW, {"raw_text": REPORT_RAW_TEXT.replace("\n", "\r\n"), "tlp": "amber"}, follow=True)

    assert response.redirect_chain == [(reverse("workspace:draft", args=[ingest.draft_id]), 302)]
    assert "“Isis releases video of captured Russian soldiers that Russia denies losing in Syria” was ingested " \
           "before: here is its draft." in response.content.decode()
    assert ReportIngest.objects.count() == 1


@pytest.mark.parametrize("data, message", [
    ({"raw_text": "", "tlp": "amber"}, "Paste the report&#x27;s text or choose its file."),
    ({"file": SimpleUploadedFile("x.png", b"\x89PNG\x00\xff"), "tlp": "amber"}, "not UTF-8 text"),
    ({"raw_text": "a\x00b", "tlp": "amber"}, "Null characters are not allowed."),
])
def test_bad_input_is_refused_with_a_clear_error_and_the_form_kept(desk, data, message):
    response = desk.post(NEW, data)

    assert response.status_code == 200
    assert 'class="form-error"' in response.content.decode()
    assert message in response.content.decode()
    assert ReportIngest.objects.count() == 0


def test_anonymous_callers_get_the_login_page(client):
    response = client.post(NEW, {"raw_text": REPORT_RAW_TEXT})

    assert response.status_code == 302 and "/desk/login/" in response["Location"]
    assert ReportIngest.objects.count() == 0


def test_the_empty_draft_list_says_how_to_make_one(desk):
    html = desk.get(reverse("workspace:drafts")).content.decode()

    assert "No drafts yet." in html
    assert f'href="{NEW}"' in html


def test_a_running_reading_says_so(desk):
    ingest = report_intake.receive_report(REPORT_RAW_TEXT).ingest
    ReportIngest.objects.filter(pk=ingest.pk).update(status=JobStatus.RUNNING)

    html = desk.get(reverse("workspace:report-ingest", args=[ingest.pk]), **HTMX).content.decode()

    assert html.startswith('<div id="ingest-status"')
    assert "Reading the report" in html


def test_the_draft_list_keeps_a_report_that_could_not_be_read_in_view(desk):
    ingest = report_intake.receive_report("one line only", filename="broken.txt").ingest
    report_intake.run_report_ingest(ingest.pk)

    html = desk.get(reverse("workspace:drafts")).content.decode()

    assert "Reports being read or not readable" in html
    assert f'href="{reverse("workspace:report-ingest", args=[ingest.pk])}">' in html
    assert "broken.txt" in html and "could not be read" in html
