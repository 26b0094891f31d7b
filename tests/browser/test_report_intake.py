"""A report from paste to accepted records in the browser: read in the background with a progress indicator,
corrected (claimant, channel name) with the keyboard, accepted after a confirmation that counts what it creates;
the same report brought again opens its draft; a draft about a catalogued video is attached to it."""

import re

from catalog import services
from catalog.demo_case import REPORT_RAW_TEXT
from catalog.models import Channel, Claim, MediaItem, ReportDraft
from catalog.services import draft_edits
from tests.browser.conftest import log_in
from tests.factories import IdentityAssertionFactory, MediaItemFactory, OrganizationFactory
from tests.integration.workers import running_worker

WORKER_STEP_MS = 120_000  # the first reading in a fresh worker loads the gazetteer


def test_an_analyst_ingests_a_report_corrects_its_draft_and_accepts_it_after_confirming(
    open_page, shoot, first_analyst
):
    ministry = OrganizationFactory(name="Russian Ministry of Defence")
    page, watch = open_page()
    log_in(page, first_analyst)

    # 1. No drafts yet: the page says what to do.
    page.goto("/desk/drafts/")
    assert "No drafts yet." in page.locator("main").inner_text()
    shoot(page, "intake-no-drafts")

    # 2. Paste the report.
    page.locator("main").get_by_role("link", name="Ingest a report").first.click()
    page.wait_for_url("**/desk/reports/new/")
    page.get_by_label("Paste the report").fill(REPORT_RAW_TEXT)
    shoot(page, "intake-pasted")
    page.get_by_role("button", name="Ingest the report").click()

    # 3. Its reading waits for a worker, with a progress indicator; then the page opens the draft by itself.
    page.wait_for_url(re.compile(r".*/desk/reports/ingests/\d+/$"))
    assert page.locator("progress").count() == 1
    shoot(page, "intake-reading")
    with running_worker():
        page.wait_for_url(re.compile(r".*/desk/drafts/\d+/$"), timeout=WORKER_STEP_MS)
    draft = ReportDraft.objects.get()
    shoot(page, "intake-draft")

    # 4. The claimant "Russia's defense ministry" becomes a catalogued organisation, picked from suggestions,
    # all with the keyboard.
    index = next(i for i, claim in enumerate(draft.payload["claims"]) if claim["claimant"] == "Russia's defense ministry")
    entry = page.locator(f"#p-claims-{index}")
    entry.get_by_text("Link the claimant…").focus()
    page.keyboard.press("Enter")
    field = entry.get_by_label("Claimant organisation")
    field.focus()
    page.keyboard.type("Ministry of")
    entry.locator("datalist option[value='Russian Ministry of Defence']").wait_for(state="attached")
    field.fill("Russian Ministry of Defence")
    page.keyboard.press("Enter")
    page.locator("#draft-body .notice--done").wait_for()
    assert "Corrected the claim" in page.locator("#draft-body .notice--done").inner_text()
    shoot(page, "intake-claimant-linked")

    # 5. The channel the report calls "Telegram" gets a name.
    channel = page.locator("#p-channels-1")
    channel.get_by_text("Name this channel…").click()
    channel.get_by_label("Channel name or handle").fill("@amaq_agency")
    channel.get_by_role("button", name="Save the name").click()
    page.locator("#p-channels-1 .entry__title", has_text="@amaq_agency").wait_for()
    shoot(page, "intake-channel-named")

    # 6. "Accept all" asks first, saying how many records it will create.
    # The count is the acceptance's own, made and rolled back: in a fresh web process it loads the gazetteer.
    page.get_by_role("link", name="Accept all undecided…").click(timeout=WORKER_STEP_MS)
    page.wait_for_url(f"**/desk/drafts/{draft.pk}/accept-all/")
    summary = page.locator("#plan-summary").inner_text()
    assert re.search(r"creates \d+ records", summary)
    shoot(page, "intake-confirm-accept-all")
    page.get_by_role("button", name=re.compile(r"Yes, create \d+ records")).click()
    page.wait_for_url(f"**/desk/drafts/{draft.pk}/")
    assert "Every part is decided." in page.locator("#draft-body").inner_text()
    shoot(page, "intake-accepted")
    assert Claim.objects.get(text__startswith="Russia's defense ministry releasing").claimant_organization == ministry
    assert Channel.objects.filter(platform="telegram", handle="@amaq_agency").exists()

    # 7. The same report again, with other line endings: the desk opens the existing draft.
    page.goto("/desk/reports/new/")
    page.get_by_label("Paste the report").fill(REPORT_RAW_TEXT.replace("\n", "\n\n"))
    page.get_by_role("button", name="Ingest the report").click()
    page.wait_for_url(f"**/desk/drafts/{draft.pk}/")
    assert "was ingested before: here is its draft." in page.locator(".messages").inner_text()
    shoot(page, "intake-duplicate")
    assert ReportDraft.objects.count() == 1
    watch.assert_calm()


def test_a_draft_about_a_catalogued_video_is_attached_to_it_and_bad_input_is_explained(
    open_page, shoot, first_analyst
):
    amaq = OrganizationFactory(name="Amaq")
    item = MediaItemFactory(title="Amaq video: two Russian prisoners", producer=amaq)
    IdentityAssertionFactory(media_item=item, name_as_stated="Zabolotny Roman")
    draft = services.ingest_report(REPORT_RAW_TEXT)
    page, watch = open_page()
    log_in(page, first_analyst)

    # 1. Nothing pasted: the form says what is missing.
    page.goto("/desk/reports/new/")
    page.get_by_role("button", name="Ingest the report").click()
    assert "Paste the report's text or choose its file." in page.locator("main").inner_text()
    shoot(page, "attach-empty-report-refused")

    # 2. The draft says which catalogued item it looks like, and why.
    page.goto(f"/desk/drafts/{draft.pk}/")
    matches = page.locator("#draft-matches")
    assert "This looks like Amaq video: two Russian prisoners" in matches.inner_text()
    shoot(page, "attach-looks-like")

    # 3. A place the gazetteer is unsure of is picked among its ranked candidates, with the keyboard.
    draft.payload["places"][1].update(confident=False, candidates=[
        {"id": "gn:170794", "name": "Deir ez-Zor", "country": "SY", "admin1": "Deir ez-Zor", "latitude": 35.3, "longitude": 40.1,
         "score": 0.8},
        {"id": "iso:SY-DY", "name": "Deir ez-Zor Governorate", "country": "SY", "admin1": "", "latitude": 35.3, "longitude": 40.1,
         "score": 0.6},
    ])
    draft.save()
    page.reload()
    place = page.locator("#p-places-1")
    place.get_by_label("Deir ez-Zor Governorate").focus()
    page.keyboard.press("Space")
    place.get_by_role("button", name="Use the chosen place").press("Enter")
    page.locator("#p-places-1 legend", has_text="Chosen place").wait_for()
    shoot(page, "attach-place-chosen")
    draft.refresh_from_db()
    assert draft.payload["places"][1]["chosen_candidate"] == "iso:SY-DY"

    # 4. Attach to it; accepting then adds the parts to that item.
    page.locator("#draft-matches").get_by_role("button", name="Attach to this item").click()
    page.locator("#draft-body .notice--done", has_text="adds its parts to").wait_for()
    shoot(page, "attach-attached")
    page.get_by_role("link", name="Accept all undecided…").click(timeout=WORKER_STEP_MS)
    assert "no new item is made" in page.locator("main").inner_text()
    shoot(page, "attach-confirm")
    page.get_by_role("button", name=re.compile(r"Yes, create \d+ records")).click()
    page.wait_for_url(f"**/desk/drafts/{draft.pk}/")
    draft.refresh_from_db()
    assert draft.media_item == item
    assert MediaItem.objects.count() == 1
    assert draft_edits.attached_item(draft) == item
    watch.assert_calm()
