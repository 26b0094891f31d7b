"""The desk in the admin: reports ingested by pasting or uploading, drafts accepted or rejected whole, findings
triaged, proposals decided and checks queued with actions; scraped text always shown escaped."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog import services
from catalog.services.analysts import ensure_analyst_group
from catalog.choices import DraftStatus, FindingKind, FindingStatus, ProposalStatus, VerificationKind
from catalog.demo_case import REPORT_RAW_TEXT
from catalog.models import Claim, Finding, MediaItem, Report, ReportDraft, VariantProposal, VerificationRun
from provenance.choices import JobStatus
from provenance.models import FileMatch
from tests.desk.helpers import case_draft
from tests.factories import AnalystFactory, ItemFileFactory, MediaItemFactory, ReportFactory, UserFactory

pytestmark = pytest.mark.django_db

SCRAPED = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def admin_url(model, view, *args):
    return reverse(f"admin:catalog_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def browser(client):
    ensure_analyst_group()
    client.force_login(AnalystFactory(is_staff=True))
    return client


def act(browser, model, action, *objects):
    response = browser.post(admin_url(model, "changelist"),
                            {"action": action, "_selected_action": [obj.pk for obj in objects]}, follow=True)
    assert response.status_code == 200
    return [str(message) for message in get_messages(response.wsgi_request)]


# Ingesting


def test_the_ingest_page_opens_from_the_draft_lists_add_button(browser):
    response = browser.get(admin_url(ReportDraft, "add"))

    assert response.status_code == 200
    assert b"Ingest the report" in response.content


def test_pasted_text_is_ingested_and_its_draft_opens(browser):
    response = browser.post(admin_url(ReportDraft, "add"), {"raw_text": REPORT_RAW_TEXT, "tlp": "amber"})

    draft = ReportDraft.objects.get()
    assert response.status_code == 302
    assert response.url == admin_url(ReportDraft, "change", draft.pk)
    assert draft.report.raw_text == REPORT_RAW_TEXT
    assert not MediaItem.objects.exists()


def test_an_uploaded_txt_is_ingested_with_its_url_and_marking(browser):
    upload = SimpleUploadedFile("report.txt", REPORT_RAW_TEXT.encode(), content_type="text/plain")

    browser.post(admin_url(ReportDraft, "add"), {"file": upload, "url": "https://news.example/isis", "tlp": "green"})

    report = Report.objects.get()
    assert (report.raw_text, report.url, report.tlp) == (REPORT_RAW_TEXT, "https://news.example/isis", "green")


def test_the_same_text_again_opens_the_first_draft_and_says_so(browser):
    first = case_draft()

    response = browser.post(admin_url(ReportDraft, "add"), {"raw_text": REPORT_RAW_TEXT, "tlp": "amber"}, follow=True)

    assert response.redirect_chain[-1][0] == admin_url(ReportDraft, "change", first.pk)
    assert "was ingested before" in response.content.decode()
    assert ReportDraft.objects.count() == 1


@pytest.mark.parametrize("data, error", [
    ({"file": SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF")}, "The file is not UTF-8 text"),
    ({"raw_text": "12345 67890 ---- 0000"}, "The report has too few letters"),
    ({}, "Paste the report&#x27;s text or upload it"),
    ({"raw_text": REPORT_RAW_TEXT, "file": SimpleUploadedFile("r.txt", b"Headline")}, "not both"),
])
def test_unreadable_input_is_shown_as_an_error_on_the_form_and_nothing_is_stored(browser, data, error):
    response = browser.post(admin_url(ReportDraft, "add"), {"tlp": "amber", **data})

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Report.objects.exists()


def test_a_staff_member_who_is_no_analyst_cannot_ingest(client):
    client.force_login(UserFactory(is_staff=True))

    assert client.get(admin_url(ReportDraft, "add")).status_code == 403
    assert client.post(admin_url(ReportDraft, "add"), {"raw_text": REPORT_RAW_TEXT}).status_code == 403
    assert not Report.objects.exists()


# Drafts


def test_the_drafts_page_shows_every_part_readably_and_escaped(browser):
    draft = ReportDraft.objects.create(report=ReportFactory(title=SCRAPED), payload={
        "media_item": {"title_suggestion": f"Video {SCRAPED}", "evidence": f"It was {SCRAPED} released."},
        "claims": [{"text": f"They were captured {SCRAPED}", "claimant": "Isis", "stated_on": "2017-09-28"}],
        "warnings": [f"Odd markup {SCRAPED}"],
    })

    page = browser.get(admin_url(ReportDraft, "change", draft.pk)).content.decode()

    assert SCRAPED not in page
    assert f"They were captured {ESCAPED}" in page
    assert f"It was {ESCAPED} released." in page
    assert f"Odd markup {ESCAPED}" in page
    assert "claims.0" in page and "undecided" in page


def test_accept_whole_draft_builds_the_records_and_says_so(browser):
    draft = case_draft()

    messages = act(browser, ReportDraft, "accept_whole", draft)

    draft.refresh_from_db()
    assert draft.status == DraftStatus.ACCEPTED
    assert Claim.objects.count() == len(draft.payload["claims"])
    assert messages == ["1 report draft accepted."]
    page = browser.get(admin_url(ReportDraft, "change", draft.pk)).content.decode()
    assert "accepted by" in page and "catalog.claim:" in page


def test_reject_whole_draft_makes_nothing(browser):
    draft = case_draft()

    act(browser, ReportDraft, "reject_whole", draft)

    draft.refresh_from_db()
    assert draft.status == DraftStatus.REJECTED
    assert not MediaItem.objects.exists()


def test_a_draft_with_nothing_left_to_decide_is_reported_and_the_others_go_on(browser, analyst):
    decided, pending = case_draft(), services.ingest_report(REPORT_RAW_TEXT.replace("Tuesday", "Wednesday", 1))
    services.reject_draft(decided, analyst)

    messages = act(browser, ReportDraft, "accept_whole", decided, pending)

    assert f"{decided}: Every part of this draft is already decided." in messages
    assert "1 report draft accepted." in messages
    pending.refresh_from_db()
    assert pending.status == DraftStatus.ACCEPTED


# Findings, proposals, runs


def test_findings_are_triaged_with_the_actions_and_a_settled_one_is_reported(browser):
    first = services.raise_finding("one", FindingKind.URL_TAKEN_DOWN, "Gone.")
    second = services.raise_finding("two", FindingKind.URL_TAKEN_DOWN, "Gone too.")
    act(browser, Finding, "dismiss", second)

    messages = act(browser, Finding, "acknowledge", first, second)

    assert "1 finding acknowledged." in messages
    assert any("already dismissed" in message for message in messages)
    assert dict(Finding.objects.values_list("key", "status")) == {
        "one": FindingStatus.ACKNOWLEDGED, "two": FindingStatus.DISMISSED,
    }
    act(browser, Finding, "resolve", first)
    assert Finding.objects.get(key="one").status == FindingStatus.RESOLVED


def proposal():
    copy, original = ItemFileFactory(), ItemFileFactory()
    match = FileMatch.objects.create(query_file=copy.media_file, matched_file=original.media_file,
                                     query_match_percent=91, target_match_percent=85, best_distance=12, method="vpdq")
    return services.propose_variants([match])[0]


def test_a_variant_proposal_is_confirmed_with_the_action(browser):
    confirmed, rejected = proposal(), proposal()

    act(browser, VariantProposal, "confirm", confirmed)
    act(browser, VariantProposal, "reject", rejected)

    assert MediaItem.objects.get(pk=confirmed.media_item_id).variant_of_id == confirmed.matched_item_id
    assert dict(VariantProposal.objects.values_list("pk", "status")) == {
        confirmed.pk: ProposalStatus.CONFIRMED, rejected.pk: ProposalStatus.REJECTED,
    }
    assert any("already confirmed" in message for message in act(browser, VariantProposal, "reject", confirmed))


def test_a_verification_run_added_in_the_admin_is_queued_for_a_worker(browser, django_capture_on_commit_callbacks):
    item = MediaItemFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(admin_url(VerificationRun, "add"), {"kind": "liveness", "media_item": item.pk})

    run = VerificationRun.objects.get()
    assert response.status_code == 302
    assert (run.kind, run.media_item, run.status) == (VerificationKind.LIVENESS, item, JobStatus.PENDING)
    assert run.enqueued_at is not None


def test_queue_again_queues_one_new_run_per_kind_and_scope(browser):
    item = MediaItemFactory()
    runs = [services.request_verification(VerificationKind.TIMELINE, item) for _ in range(2)]
    runs.append(services.request_verification(VerificationKind.IDENTITY))

    messages = act(browser, VerificationRun, "queue_again", *runs)

    assert messages == ["2 verification runs queued."]
    assert VerificationRun.objects.filter(kind=VerificationKind.TIMELINE, media_item=item).count() == 3
    assert VerificationRun.objects.filter(kind=VerificationKind.IDENTITY).count() == 2


def test_desk_rows_are_not_edited_or_deleted_in_forms(browser):
    draft = case_draft()
    finding = services.raise_finding("one", FindingKind.URL_TAKEN_DOWN, "Gone.")

    browser.post(admin_url(ReportDraft, "change", draft.pk), {"status": "accepted"})
    browser.post(admin_url(Finding, "change", finding.pk), {"status": "resolved"})

    assert browser.post(admin_url(ReportDraft, "delete", draft.pk), {"post": "yes"}).status_code == 403
    assert ReportDraft.objects.get().status == DraftStatus.PENDING
    assert Finding.objects.get().status == FindingStatus.OPEN
