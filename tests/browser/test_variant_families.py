"""Variant families in a real browser, by keyboard: the queue shows a family with its members, an analyst opens a
member side by side with the family's file, reveals a blurred frame (logged) and confirms the member."""

import pytest

from catalog.choices import ProposalStatus
from catalog.models import VariantProposal
from provenance import matching
from provenance.choices import EnrichmentKind
from provenance.models import EnrichmentJob, SensitiveMediaAccess
from provenance.services import run_enrichment_job
from tests.browser.conftest import log_in
from tests.factories import MediaItemFactory
from tests.workspace.case import attach_analysed_video

pytestmark = pytest.mark.django_db(transaction=True)


def catalogue(media, name, title, **fields):
    item = MediaItemFactory(title=title, **fields)
    link = attach_analysed_video(media, item, name)
    run_enrichment_job(EnrichmentJob.objects.get(media_file=link.media_file, kind=EnrichmentKind.MATCHING).pk)
    return item


def press(page, locator, key="Enter"):
    locator.focus()
    page.keyboard.press(key)


def test_an_analyst_compares_a_family_member_side_by_side_and_confirms_it_by_keyboard(
    open_page, shoot, media, first_analyst
):
    matching.reset_index()
    original = catalogue(media, "original", "Amaq release of the captured men", is_graphic=True)
    mirrored = catalogue(media, "mirrored", "Mirrored re-upload on X")
    branded = catalogue(media, "with a logo", "News channel re-upload with its badge")
    member, other = (VariantProposal.objects.get(media_item=item) for item in (mirrored, branded))
    page, watch = open_page()
    log_in(page, first_analyst)

    # 1. The queue: one entry for the family, with both members.
    family = page.locator(f"#family-{original.pk}")
    family.wait_for()
    assert page.locator(".entry.family").count() == 1
    assert family.locator(".family__member").count() == 2
    assert "2 new members to decide" in family.inner_text()
    page.keyboard.press("j")  # the queue's shortcut focuses the entry
    assert page.evaluate("document.activeElement.id") == f"family-{original.pk}"
    shoot(page, "families-queue")

    # 2. Side by side, opened from the member's row with the keyboard.
    press(page, page.locator(f"#proposal-{member.pk}").get_by_role("link", name="Compare side by side"))
    page.wait_for_url(f"**/desk/proposals/{member.pk}/")
    assert page.locator(".compare__side").count() == 2
    assert page.locator(".strip img.blurred").count() > 0  # the family's footage is graphic: both strips blurred
    assert "mirrored left to right" in page.locator(".facts").inner_text()
    assert page.locator(".match-frames tbody tr").count() == 8
    shoot(page, "families-side-by-side")

    # 3. A blurred frame of the family's file, revealed with a reason: logged.
    side = page.locator(".compare__side").nth(1)
    matched_file = member.file_match.matched_file
    page.locator(f"#reveal-reason-{matched_file.pk}").fill("compare the faces")
    frame = side.locator(".frame").first
    frame_id = frame.get_attribute("id")
    press(page, frame.get_by_role("button", name="Reveal"))
    page.locator(f"#{frame_id}.frame--revealed img").wait_for()
    access = SensitiveMediaAccess.objects.get()
    assert (access.user, access.reason, access.derived_file.media_file) == (first_analyst, "compare the faces",
                                                                            matched_file)
    shoot(page, "families-frame-revealed")

    # 4. Confirm from the page; back in the queue, the family keeps its other member.
    press(page, page.get_by_role("button", name=f"Confirm: “{mirrored.title}” is a variant of “{original.title}”"))
    page.wait_for_url("**/desk/")
    assert f"Confirmed: “{mirrored.title}” is a variant of “{original.title}”." in page.locator(".messages").inner_text()
    member.refresh_from_db()
    assert (member.status, member.decided_by) == (ProposalStatus.CONFIRMED, first_analyst)
    family = page.locator(f"#family-{original.pk}")
    assert family.locator(".family__member").count() == 1
    assert family.locator(f"#proposal-{other.pk}").count() == 1
    assert "1 confirmed" in family.inner_text()
    shoot(page, "families-confirmed")
    watch.assert_calm()
    matching.reset_index()
