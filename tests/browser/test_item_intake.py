"""A new item from scratch in a real browser: create it with its producer and channel picked from suggestions typed
in Cyrillic, drop and upload its files with a progress bar each, capture its URLs, watch the jobs finish, retry a
failure. And the same forms without JavaScript."""

import hashlib
import io

import pytest
from PIL import Image

from catalog import services
from catalog.choices import TLP, OrganizationKind, Platform
from catalog.models import Channel, ItemFile, MediaItem, Organization, UrlCapture
from provenance.choices import EnrichmentKind, JobStatus
from provenance.models import EnrichmentJob
from provenance.services import run_enrichment_job
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

CLIP = b"\x00\x00\x00\x18ftypmp42" + hashlib.sha512(b"browser intake").digest() * 500


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def catalogue(transactional_db):
    amaq = Organization.objects.create(name="Amaq News Agency", kind=OrganizationKind.ARMED_GROUP_MEDIA)
    channel = Channel.objects.create(platform=Platform.TELEGRAM, handle="@amaqagency", url="https://t.me/amaqagency",
                                     operator=amaq)
    return amaq, channel


def run_pending_jobs():
    for job in EnrichmentJob.objects.filter(status=JobStatus.PENDING):
        run_enrichment_job(job.pk)


def test_an_analyst_creates_an_item_attaches_files_captures_a_url_and_retries_a_failure(
    open_page, shoot, first_analyst, catalogue, http_server
):
    amaq, channel = catalogue
    page, watch = open_page()
    log_in(page, first_analyst)

    # 1. The items list has none yet and says what to do.
    page.goto("/desk/items/")
    page.get_by_text("No item yet.").wait_for()
    shoot(page, "intake-items-empty")
    page.get_by_role("link", name="New item").click()
    page.wait_for_url("**/desk/items/new/")

    # 2. The producer and channel are typed in Cyrillic; the suggestions offer the Latin records.
    page.fill("#id_title", "Amaq proof-of-life video")
    page.locator("#id_producer").press_sequentially("Амак")
    page.locator('#producer-options option[value="Amaq News Agency"]').wait_for(state="attached")
    page.fill("#id_producer", "Nobody Media")  # first, a name the catalogue does not hold
    page.locator("#id_channel_1").press_sequentially("амак")
    page.locator('#channel-options option[value="Telegram: @amaqagency"]').wait_for(state="attached")
    page.fill("#id_channel_1", "Telegram: @amaqagency")
    page.select_option("#id_tlp", "red")
    shoot(page, "intake-item-form")
    page.get_by_role("button", name="Create the item").focus()
    page.keyboard.press("Enter")
    page.get_by_text("No organisation in the catalogue is named “Nobody Media”").wait_for()
    assert not MediaItem.objects.exists()
    shoot(page, "intake-item-refused")

    page.fill("#id_producer", "Amaq News Agency")
    page.get_by_role("button", name="Create the item").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/evidence/")
    item = MediaItem.objects.get()
    assert (item.producer, item.tlp, item.created_by) == (amaq, TLP.RED, first_analyst)
    assert list(item.sightings.values_list("channel", flat=True)) == [channel.pk]
    page.get_by_text("No evidence yet.").wait_for()
    shoot(page, "intake-evidence-empty")

    # 3. Three files chosen at once, each with its own progress bar; the empty one is refused with its reason.
    page.set_input_files("#upload-files", [
        {"name": "frame.png", "mimeType": "image/png", "buffer": png()},
        {"name": "broken.mp4", "mimeType": "video/mp4", "buffer": b"this is not a video at all"},
        {"name": "empty.mp4", "mimeType": "video/mp4", "buffer": b""},
    ])
    page.get_by_role("button", name="Upload").click()
    page.locator(".upload--done").nth(1).wait_for()
    refused = page.locator(".upload--refused")
    refused.wait_for()
    assert "empty.mp4: The file is empty (zero bytes)." in refused.inner_text()
    assert page.locator(".uploads progress").count() == 3
    # 4. And one dropped on the drop zone.
    dropped = page.evaluate_handle(
        "() => { const t = new DataTransfer(); t.items.add(new File(['dropped clip bytes'], 'dropped.mp4', "
        "{type: 'video/mp4'})); return t; }")
    page.dispatch_event("#upload-form", "drop", {"dataTransfer": dropped})
    page.locator(".upload--done").nth(2).wait_for()
    assert set(ItemFile.objects.filter(media_item=item).values_list("original_filename", flat=True)) == {
        "frame.png", "broken.mp4", "dropped.mp4"}
    page.locator("#evidence-jobs").get_by_text("Working: this list updates by itself.").wait_for()
    page.locator("#evidence-jobs h3", has_text="dropped.mp4").wait_for()
    shoot(page, "intake-uploaded")

    # 5. A worker runs the jobs; the panel follows by itself, then stops polling.
    run_pending_jobs()
    run_pending_jobs()
    page.locator("#evidence-jobs").get_by_text("Nothing is running.").wait_for()
    retry = page.get_by_role("button", name="Retry analysis").first
    retry.wait_for()
    assert "not an accepted media format" in page.locator("#evidence-jobs").inner_text()
    shoot(page, "intake-jobs-done-with-a-failure")
    retry.focus()
    page.keyboard.press("Enter")
    page.get_by_text("Sent to a worker again; it is pending.").wait_for()
    failed = EnrichmentJob.objects.filter(kind=EnrichmentKind.ANALYSIS, status=JobStatus.PENDING)
    assert failed.count() >= 1
    shoot(page, "intake-retried")

    # 6. Capture from pasted URLs: the good line goes, the bad one is reported by number.
    (http_server.folder / "release.mp4").write_bytes(CLIP)
    page.fill("#id_urls", f"{http_server.url('release.mp4')}\nnot a url")
    page.get_by_role("button", name="Capture").click()
    page.get_by_text("1 capture queued, each with a sighting.").wait_for()
    assert "Pasted list, line 2: “not a url” is not an http or https URL." in page.locator("#capture").inner_text()
    job = UrlCapture.objects.get()
    assert job.sighting.media_item == item
    services.run_url_capture(job.pk)
    page.locator(f"#capture-{job.pk} .chip--job-succeeded").wait_for()
    shoot(page, "intake-captured")
    watch.assert_calm()


def test_without_javascript_an_item_is_created_files_uploaded_and_a_sheet_captured(
    open_page, shoot, first_analyst, catalogue
):
    amaq, channel = catalogue
    page, _ = open_page(javascript=False)
    log_in(page, first_analyst)

    page.goto("/desk/items/new/")
    page.fill("#id_title", "Without JS")
    page.fill("#id_producer", "amaq news agency")  # the exact name, in any case, picks the record
    page.get_by_role("button", name="Create the item").click()
    page.wait_for_url("**/evidence/")
    assert MediaItem.objects.get().producer == amaq
    page.set_input_files("#upload-files", [
        {"name": "a.png", "mimeType": "image/png", "buffer": png()},
        {"name": "empty.mp4", "mimeType": "video/mp4", "buffer": b""},
    ])
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url("**/evidence/")
    messages = page.locator(".messages").inner_text()
    assert "a.png: received" in messages
    assert "Not attached: empty.mp4: The file is empty (zero bytes)." in messages
    shoot(page, "intake-no-javascript-uploaded")

    # A sheet of URLs, as auto-archiver users keep them: the good row is queued with its sighting, the bad reported.
    page.set_input_files("#id_sheet", {"name": "sheet.csv", "mimeType": "text/csv", "buffer": (
        b"url,channel,posted_at\nhttps://t.me/amaqagency/5,Telegram: @amaqagency,2017-10-03\nnot a url,,\n")})
    page.get_by_role("button", name="Capture").click()
    page.wait_for_url("**/evidence/")
    messages = page.locator(".messages").inner_text()
    assert "1 capture queued, each with a sighting." in messages
    assert "Sheet, line 3: “not a url” is not an http or https URL." in messages
    sighting = UrlCapture.objects.get().sighting
    assert (sighting.channel, sighting.posted_at.date().isoformat()) == (channel, "2017-10-03")
    shoot(page, "intake-no-javascript-sheet")
