"""An analyst's day in a real browser: log in, open the queue, accept a report draft, reveal a blurred frame of the
item it made, record a verdict; a second analyst approves it."""

import re

import pytest

from catalog import services
from catalog.choices import DraftStatus
from catalog.demo_case import REPORT_RAW_TEXT
from catalog.models import ReportDraft, ReviewApproval, ReviewEvent
from provenance.choices import DerivedKind
from provenance.models import DerivedFile, SensitiveMediaAccess
from tests.browser.conftest import log_in
from tests.workspace.case import attach_analysed_video

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_analyst_accepts_a_draft_reveals_a_frame_records_a_verdict_and_a_colleague_approves_it(
    open_page, shoot, media, first_analyst, second_analyst
):
    draft = services.ingest_report(REPORT_RAW_TEXT)
    page, watch = open_page()

    # 1. Log in: the front page leads to the login page, then back to the desk.
    page.goto("/")
    page.wait_for_url("**/desk/login/?next=/desk/")
    shoot(page, "walkthrough-login")
    log_in(page, first_analyst)

    # 2. The queue.
    entry = page.locator(f"#draft-{draft.pk}")
    entry.wait_for()
    assert "Isis releases video of captured Russian soldiers" in entry.inner_text()
    shoot(page, "walkthrough-queue")

    # 3. Accept the report draft, after a confirmation that counts the records it creates; back to the queue.
    entry.get_by_role("link", name="Accept all…").click()
    page.wait_for_url(f"**/desk/drafts/{draft.pk}/accept-all/?from=queue", timeout=120_000)  # loads the gazetteer
    shoot(page, "walkthrough-confirm-accept-all")
    page.get_by_role("button", name=re.compile(r"Yes, create \d+ records")).click()
    page.wait_for_url("**/desk/")
    assert "The draft is accepted." in page.locator(".messages").inner_text()
    draft.refresh_from_db()
    assert draft.status == DraftStatus.ACCEPTED
    item = draft.media_item
    assert item.is_graphic  # the report speaks of prisoners
    shoot(page, "walkthrough-draft-accepted")

    # 4. The item gets its video (as a worker would analyse it); its frames are blurred until revealed.
    link = attach_analysed_video(media, item)
    page.goto(f"/desk/items/{item.pk}/")
    html = page.content()
    for unblurred in DerivedFile.objects.filter(media_file=link.media_file,
                                                kind__in=(DerivedKind.KEYFRAME, DerivedKind.THUMBNAIL)):
        assert f"/desk/frames/{unblurred.pk}/" not in html
    assert "<video" not in html
    shoot(page, "walkthrough-dossier-blurred")

    frame = page.locator(".strip .frame").first
    frame_id = frame.get_attribute("id")
    page.fill(f"#reveal-reason-{link.media_file.pk}", "reading the insignia")
    frame.get_by_role("button", name="Reveal").click()
    revealed = page.locator(f"#{frame_id}.frame--revealed img")
    revealed.wait_for()
    page.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=revealed.element_handle())
    access = SensitiveMediaAccess.objects.get()
    assert (access.user, access.reason) == (first_analyst, "reading the insignia")
    assert access.derived_file.kind == DerivedKind.KEYFRAME
    assert f"/desk/frames/{access.derived_file.pk}/image/" in revealed.get_attribute("src")
    revealed.scroll_into_view_if_needed()
    shoot(page, "walkthrough-frame-revealed")

    # 5. Record an authenticity verdict with its rationale.
    page.select_option("#verdict-authenticity", "OriginalMediaContent")
    page.fill("#verdict-rationale", "Same frames and audio as the Amaq release on Telegram; no sign of editing.")
    page.locator("#review").get_by_role("button", name="Record verdict").click()
    page.locator("#review .notice--done").wait_for()
    event = ReviewEvent.objects.get(media_item=item)
    assert (event.new_value, event.analyst) == ("OriginalMediaContent", first_analyst)
    assert page.locator(f"#review-{event.pk}").get_by_role("button", name="Approve").count() == 0
    page.locator("#review").scroll_into_view_if_needed()
    shoot(page, "walkthrough-verdict-recorded")
    watch.assert_calm()

    # 6. A second analyst approves it from their queue... or here, from the dossier.
    colleague_page, colleague_watch = open_page()
    log_in(colleague_page, second_analyst)
    assert colleague_page.locator(f"#verdict-{event.pk}").get_by_role("button", name="Approve").count() == 1
    shoot(colleague_page, "walkthrough-colleague-queue")
    colleague_page.goto(f"/desk/items/{item.pk}/#review")
    colleague_page.fill(f"#approve-note-{event.pk}", "Checked the frames myself.")
    colleague_page.locator(f"#review-{event.pk}").get_by_role("button", name="Approve").click()
    colleague_page.get_by_text(re.compile("approved by boris")).wait_for()
    approval = ReviewApproval.objects.get(review_event=event)
    assert (approval.approver, approval.note) == (second_analyst, "Checked the frames myself.")
    item.refresh_from_db()
    assert item.published_authenticity == "OriginalMediaContent"
    colleague_page.locator("#review").scroll_into_view_if_needed()
    shoot(colleague_page, "walkthrough-approved")
    colleague_watch.assert_calm()


def test_without_javascript_the_forms_still_work(open_page, shoot, first_analyst):
    draft = services.ingest_report(REPORT_RAW_TEXT)
    page, _ = open_page(javascript=False)
    log_in(page, first_analyst)

    page.locator(f"#draft-{draft.pk}").get_by_role("link", name="Accept all…").click()
    page.wait_for_url(f"**/desk/drafts/{draft.pk}/accept-all/?from=queue", timeout=120_000)
    page.get_by_role("button", name=re.compile(r"Yes, create \d+ records")).click()
    page.wait_for_url("**/desk/")
    assert "The draft is accepted." in page.locator(".messages").inner_text()
    assert ReportDraft.objects.get(pk=draft.pk).status == DraftStatus.ACCEPTED
    shoot(page, "no-javascript-accepted")
