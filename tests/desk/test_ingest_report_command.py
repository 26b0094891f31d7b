"""manage.py ingest_report PATH... [--url URL] [--tlp LEVEL]: scraped reports into drafts from the command line."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from catalog.choices import DraftStatus
from catalog.models import Claim, IdentityAssertion, Report, ReportDraft
from tests.desk.helpers import EXAMPLES

pytestmark = pytest.mark.django_db

REPORTS = sorted(EXAMPLES.glob("*.txt"))


def test_reports_never_seen_before_go_in_and_are_then_accepted_whole(capsys, analyst_client):
    call_command("ingest_report", *map(str, REPORTS))

    out = capsys.readouterr().out
    drafts = list(ReportDraft.objects.order_by("pk"))
    assert len(drafts) == len(REPORTS) == len(out.splitlines())
    for report, draft in zip(REPORTS, drafts):
        payload = draft.payload
        assert f"{report}: ingested as draft {draft.pk}" in out
        assert (f"{len(payload['identities'])} identities, {len(payload['claims'])} claims, "
                f"{len(payload['places'])} places") in out
        response = analyst_client.post(reverse("api-v1:report-drafts-accept", args=[draft.pk]), {}, format="json")
        assert response.status_code == 200, (report.name, response.data)
        assert response.data["status"] == DraftStatus.ACCEPTED
        assert {part["decision"] for part in response.data["sections"]} <= {"accepted"}
        assert Claim.objects.filter(report=draft.report).count() == len(payload["claims"])
        made = IdentityAssertion.objects.filter(media_item__drafts=draft)
        assert sorted(made.values_list("name_as_stated", flat=True)) == sorted(
            identity["name_as_stated"][:300] for identity in payload["identities"]
        )


def test_each_report_is_kept_byte_for_byte_with_the_url_and_marking_given(tmp_path):
    call_command("ingest_report", str(REPORTS[0]), url="https://news.example/houthi", tlp="green")

    report = Report.objects.get()
    assert report.raw_text.encode("utf-8") == REPORTS[0].read_bytes()
    assert (report.url, report.tlp) == ("https://news.example/houthi", "green")


def test_a_bad_file_is_reported_and_the_others_still_go_in(tmp_path, capsys):
    binary = tmp_path / "frame.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    numbers = tmp_path / "numbers.txt"
    numbers.write_text("1234 5678 9012\n3456 7890\n")

    with pytest.raises(CommandError, match="3 of 5 reports were not ingested"):
        call_command("ingest_report", str(REPORTS[1]), str(binary), str(tmp_path / "absent.txt"), str(numbers),
                     str(REPORTS[2]))

    assert ReportDraft.objects.count() == 2
    captured = capsys.readouterr()
    assert f"REFUSED {binary}: The file is not UTF-8 text" in captured.err
    assert f"REFUSED {tmp_path / 'absent.txt'}: No such file" in captured.err
    assert f"REFUSED {numbers}: The report has too few letters" in captured.err
    assert str(REPORTS[2]) in captured.out


def test_a_report_ingested_before_is_named_with_its_existing_draft(capsys):
    call_command("ingest_report", str(REPORTS[3]))
    draft = ReportDraft.objects.get()

    call_command("ingest_report", str(REPORTS[3]))

    assert f"already ingested as draft {draft.pk}" in capsys.readouterr().out
    assert ReportDraft.objects.count() == 1


@pytest.mark.parametrize("options, args", [({}, ["--tlp", "orange"]), ({"tlp": "orange"}, [])])
def test_an_unknown_marking_is_refused_before_anything_is_read(options, args):
    with pytest.raises(CommandError, match="orange"):
        call_command("ingest_report", str(REPORTS[0]), *args, **options)

    assert not Report.objects.exists()
