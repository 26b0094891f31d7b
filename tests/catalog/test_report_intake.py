"""Reports brought in at the desk are kept at once and read into a draft by a background job."""

import pytest
from django.core.exceptions import ValidationError

from catalog.demo_case import REPORT_RAW_TEXT
from catalog.models import Report, ReportDraft, ReportIngest
from catalog.services import report_intake
from provenance.choices import JobStatus
from tests.factories import AnalystFactory
from tests.integration.workers import running_worker, wait_for


@pytest.mark.django_db
def test_a_report_is_kept_as_received_and_its_reading_queued():
    analyst = AnalystFactory()

    received = report_intake.receive_report(REPORT_RAW_TEXT.encode(), url="https://example.org/r", user=analyst,
                                            filename="isis.txt")

    ingest = received.ingest
    assert received.draft is None
    assert (ingest.raw_text, ingest.status, ingest.requested_by) == (REPORT_RAW_TEXT, JobStatus.PENDING, analyst)
    assert ingest.filename == "isis.txt"
    assert Report.objects.count() == 0


@pytest.mark.django_db
def test_reading_makes_the_draft_and_links_it_to_the_job():
    ingest = report_intake.receive_report(REPORT_RAW_TEXT).ingest

    report_intake.run_report_ingest(ingest.pk)

    ingest.refresh_from_db()
    assert ingest.status == JobStatus.SUCCEEDED
    assert ingest.draft.report.raw_text == REPORT_RAW_TEXT


@pytest.mark.django_db
def test_an_unreadable_report_fails_with_the_reason_and_its_text_is_kept():
    text = "just one line, no title, no body"
    ingest = report_intake.receive_report(text).ingest

    report_intake.run_report_ingest(ingest.pk)

    ingest.refresh_from_db()
    assert ingest.status == JobStatus.FAILED
    assert ingest.error
    assert ingest.raw_text == text
    assert ReportDraft.objects.count() == 0


@pytest.mark.django_db
def test_a_report_ingested_before_answers_with_its_draft_and_queues_nothing():
    first = report_intake.receive_report(REPORT_RAW_TEXT).ingest
    report_intake.run_report_ingest(first.pk)

    again = report_intake.receive_report(REPORT_RAW_TEXT.replace("\n", "\r\n"))

    assert again.ingest is None
    assert again.draft.report.raw_text == REPORT_RAW_TEXT
    assert ReportIngest.objects.count() == 1


@pytest.mark.django_db
def test_a_report_brought_twice_while_it_is_read_is_read_once():
    first = report_intake.receive_report(REPORT_RAW_TEXT).ingest

    again = report_intake.receive_report("  " + REPORT_RAW_TEXT)

    assert again.ingest.pk == first.pk
    assert ReportIngest.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("data, reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
    ("text with a \x00 NUL", "NUL bytes"),
    ("  \n\t ", "empty"),
])
def test_binary_or_empty_input_is_refused_with_a_reason(data, reason):
    with pytest.raises(ValidationError) as refused:
        report_intake.receive_report(data)

    assert reason in " ".join(refused.value.messages)
    assert ReportIngest.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_reads_the_report_once_the_request_commits():
    ingest = report_intake.receive_report(REPORT_RAW_TEXT, user=AnalystFactory()).ingest

    with running_worker() as worker:
        wait_for(lambda: ReportIngest.objects.get(pk=ingest.pk).status in (JobStatus.SUCCEEDED, JobStatus.FAILED),
                 timeout=120)

    ingest.refresh_from_db()
    assert ingest.status == JobStatus.SUCCEEDED, f"{ingest.error}\n{worker.log_path.read_text()}"
    assert ingest.enqueued_at is not None
    assert ingest.draft.report.title.startswith("Isis releases video")
