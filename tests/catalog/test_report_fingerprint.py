"""One report is ingested once, however its copy is spaced, line-broken or HTML-escaped: a normalised content hash,
stored on the report and unique in the database."""

import html

import pytest
from django.db import IntegrityError

from catalog import services
from catalog.demo_case import REPORT_RAW_TEXT
from catalog.models import Report, ReportDraft
from catalog.text import report_fingerprint
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


def respaced(text):
    """The same report as another scraper saves it: CRLF, a byte-order mark, doubled spaces, escaped entities."""
    return "\ufeff" + html.escape(text.replace("\n", "\r\n").replace(" ", "  "), quote=True) + "\r\n\r\n"


def test_a_copy_with_other_line_endings_whitespace_and_entities_has_the_same_fingerprint():
    assert report_fingerprint(respaced(REPORT_RAW_TEXT)) == report_fingerprint(REPORT_RAW_TEXT)
    assert report_fingerprint("Tom &amp; Jerry&nbsp;met") == report_fingerprint("Tom & Jerry met")


def test_a_changed_word_gives_another_fingerprint():
    assert report_fingerprint(REPORT_RAW_TEXT.replace("Tuesday", "Monday", 1)) != report_fingerprint(REPORT_RAW_TEXT)


def test_ingesting_a_respaced_copy_returns_the_first_draft_and_makes_no_report():
    first = services.ingest_report(REPORT_RAW_TEXT)

    again = services.ingest_report(respaced(REPORT_RAW_TEXT))

    assert again.pk == first.pk
    assert (Report.objects.count(), ReportDraft.objects.count()) == (1, 1)
    assert first.report.content_hash == report_fingerprint(REPORT_RAW_TEXT)


def test_the_database_refuses_a_second_report_with_the_same_fingerprint():
    services.ingest_report(REPORT_RAW_TEXT)

    with pytest.raises(IntegrityError):
        ReportFactory(raw_text="another copy", content_hash=report_fingerprint(REPORT_RAW_TEXT))


def test_reports_made_elsewhere_without_a_fingerprint_do_not_collide():
    ReportFactory(raw_text="")
    ReportFactory(raw_text="")

    assert Report.objects.filter(content_hash__isnull=True).count() == 2
