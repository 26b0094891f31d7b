"""The first five minutes, in a browser: the demo case shows at once a near-duplicate proposal and a finding in the
queue, a dossier with blurred keyframes, the file's hashes and transliteration candidates for both men, and a verdict
awaiting a second analyst in the inbox."""

import pytest
from django.core.management import call_command

from catalog.demo_case import ITEM_TITLE
from catalog.demo_showcase import REUPLOAD_TITLE
from catalog.models import MediaItem
from catalog.resolution.gazetteer import get_gazetteer
from provenance.choices import DerivedKind
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_new_analyst_finds_the_demo_case_showing_every_feature(open_page, shoot, first_analyst):
    call_command("load_demo_case")
    # The identity candidates compare birthplaces through the gazetteer, built once per process (seconds to tens of
    # seconds on a busy machine): built here, in the live server's process, so the page load stays a step.
    get_gazetteer()
    item = MediaItem.objects.get(title=ITEM_TITLE)
    page, watch = open_page()
    log_in(page, first_analyst)

    # 1. The queue: the re-upload's proposal and the timeline finding wait there.
    proposals = page.locator("section[aria-labelledby=q-proposals]")
    assert REUPLOAD_TITLE in proposals.inner_text()
    assert ITEM_TITLE in page.locator("section[aria-labelledby=q-findings]").inner_text()
    shoot(page, "first-minutes-queue")

    # 2. The dossier: keyframes blurred (the item is graphic), the file's hashes and custody, both men's candidates.
    page.goto(f"/desk/items/{item.pk}/")
    media_file = item.files.get().media_file
    html = page.content()
    for unblurred in media_file.derived_files.filter(kind=DerivedKind.KEYFRAME):
        assert f"/desk/frames/{unblurred.pk}/image/" not in html
    assert page.locator(".strip .frame").count() >= 2
    assert media_file.sha256 in page.inner_text("#evidence")
    identities = page.inner_text("#identities")
    assert "Roman Zabolotny" in identities and "Grigory Tsurkanov" in identities
    shoot(page, "first-minutes-dossier")

    # 3. The inbox: the demo analyst's verdict awaits a second analyst, this one.
    page.get_by_role("link", name="Inbox").press("Enter")
    page.wait_for_url("**/desk/inbox/")
    assert "demo-analyst's verdict “Disputed” awaits a second analyst" in page.inner_text("#inbox")
    shoot(page, "first-minutes-inbox")
    watch.assert_calm()
