"""POST /api/v1/reports/ingest/: a scraped report comes in as text or as a .txt file and becomes a draft."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.choices import DraftStatus
from catalog.demo_case import REPORT_RAW_TEXT
from catalog.models import Claim, MediaItem, Quote, Report, ReportDraft
from tests.desk.helpers import EXAMPLES

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:report-ingest-list")


def upload(content, name="report.txt"):
    return SimpleUploadedFile(name, content, content_type="text/plain")


def test_pasted_text_becomes_a_pending_draft_and_nothing_is_published(analyst_client):
    response = analyst_client.post(URL, {"raw_text": REPORT_RAW_TEXT}, format="json")

    assert response.status_code == 201, response.data
    draft = ReportDraft.objects.get(pk=response.data["id"])
    assert draft.report.raw_text == REPORT_RAW_TEXT
    assert response.data["status"] == DraftStatus.PENDING
    assert response.data["report"]["title"].startswith("Isis releases video of captured Russian soldiers")
    assert response.data["report"]["tlp"] == "amber"
    assert Quote.objects.filter(report=draft.report).count() == 4
    assert (MediaItem.objects.count(), Claim.objects.count()) == (0, 0)


def test_the_draft_lists_every_decidable_part_as_undecided(analyst_client):
    response = analyst_client.post(URL, {"raw_text": REPORT_RAW_TEXT}, format="json")

    sections = response.data["sections"]
    assert sections[0] == {"path": "media_item", "section": "media_item",
                           "label": "Amaq video: Zabolotny Roman, Tsurkanov Gregory",
                           "decision": None, "decided_by": None, "record": None}
    identities = [part["label"] for part in sections if part["section"] == "identities"]
    assert identities == ["Zabolotny Roman", "Tsurkanov Gregory"]
    assert len([part for part in sections if part["section"] == "claims"]) == len(response.data["payload"]["claims"])
    assert {part["decision"] for part in sections} == {None}


def test_the_same_text_again_answers_200_with_the_first_draft(analyst_client):
    first = analyst_client.post(URL, {"raw_text": REPORT_RAW_TEXT}, format="json")

    again = analyst_client.post(URL, {"raw_text": REPORT_RAW_TEXT, "tlp": "red"}, format="json")

    assert again.status_code == 200
    assert again.data["id"] == first.data["id"]
    assert Report.objects.count() == 1
    assert Report.objects.get().tlp == "amber"


def test_a_txt_file_as_scraped_is_kept_byte_for_byte(analyst_client):
    raw = (EXAMPLES / "10-tigray-crlf-bom-several-dumps.txt").read_bytes()

    response = analyst_client.post(URL, {"file": upload(raw), "url": "https://news.example/tigray", "tlp": "green"},
                                   format="multipart")

    assert response.status_code == 201, response.data
    report = Report.objects.get()
    assert report.raw_text.encode("utf-8") == raw
    assert (report.url, report.tlp) == ("https://news.example/tigray", "green")


@pytest.mark.parametrize("content, reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "not UTF-8"),
    (b"Headline\n\nA body with\x00 a NUL byte in the middle of it, as binary data has.", "NUL"),
    (b"", "empty"),
])
def test_a_binary_or_empty_file_is_refused_with_the_reason_and_stores_nothing(analyst_client, content, reason):
    response = analyst_client.post(URL, {"file": upload(content)}, format="multipart")

    assert response.status_code == 400
    assert reason in " ".join(response.data["file"])
    assert not Report.objects.exists()


def test_text_the_parser_cannot_read_is_refused_under_the_field_it_came_in(analyst_client):
    response = analyst_client.post(URL, {"file": upload("1234 5678 ---- 9999\n".encode())}, format="multipart")

    assert response.status_code == 400
    assert "too few letters" in response.data["file"][0]
    assert not Report.objects.exists()


def test_pasted_text_with_nul_bytes_is_refused_as_binary(analyst_client):
    response = analyst_client.post(URL, {"raw_text": "Headline\n\nSome\x00binary"}, format="json")

    assert response.status_code == 400
    assert "null characters are not allowed" in response.data["raw_text"][0].lower()
    assert not Report.objects.exists()


def test_a_report_is_sent_one_way_only(analyst_client):
    neither = analyst_client.post(URL, {"url": "https://news.example/a"}, format="json")
    both = analyst_client.post(URL, {"raw_text": REPORT_RAW_TEXT, "file": upload(REPORT_RAW_TEXT.encode())},
                               format="multipart")

    assert neither.status_code == both.status_code == 400
    assert set(neither.data) == {"raw_text", "file"}
    assert set(both.data) == {"raw_text", "file"}
    assert not Report.objects.exists()


def test_an_unknown_marking_or_a_bad_url_is_refused_per_field(analyst_client):
    response = analyst_client.post(URL, {"raw_text": REPORT_RAW_TEXT, "tlp": "orange", "url": "not a url"},
                                   format="json")

    assert response.status_code == 400
    assert set(response.data) == {"tlp", "url"}
    assert not Report.objects.exists()



def test_a_copy_of_a_report_ingested_before_answers_200_with_the_first_draft_whatever_its_spacing(analyst_client):
    first = analyst_client.post(URL, {"raw_text": REPORT_RAW_TEXT}, format="json")
    copy = REPORT_RAW_TEXT.replace("\n", "\r\n").replace("'", "&#x27;") + "\r\n\r\n"

    again = analyst_client.post(URL, {"file": upload(copy.encode())}, format="multipart")

    assert again.status_code == 200, again.data
    assert again.data["id"] == first.data["id"]
    assert Report.objects.count() == 1
