"""Sharing administration in a browser, by keyboard: add a partner, widen its clearance, issue a key (shown once),
set its expiry, revoke it, add a webhook and pause it."""

import pytest

from catalog.choices import TLP
from catalog.models import Partner, PartnerAPIKey, WebhookSubscription
from catalog.services.analysts import grant_partner_management
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_partner_manager_administers_sharing_from_the_desk(open_page, shoot, first_analyst):
    grant_partner_management(first_analyst)
    page, watch = open_page()
    log_in(page, first_analyst)

    # 1. The Sharing page, empty: it says what to do.
    page.get_by_role("link", name="Sharing").press("Enter")
    page.wait_for_url("**/desk/sharing/")
    assert "No partner yet" in page.inner_text("main")
    shoot(page, "sharing-empty")

    # 2. Add a partner.
    page.get_by_label("Name").fill("Newsroom North")
    page.get_by_label("highest TLP it may read").select_option(TLP.GREEN)
    page.get_by_role("button", name="Add the partner").press("Enter")
    page.wait_for_url("**/desk/sharing/partners/*/")
    partner = Partner.objects.get(name="Newsroom North")
    shoot(page, "sharing-partner")

    # 3. Widen its clearance.
    page.get_by_label("highest TLP it may read").select_option(TLP.AMBER)
    page.locator("#clearance").get_by_role("button", name="Save").press("Enter")
    page.locator("#clearance .notice--done").wait_for()
    partner.refresh_from_db()
    assert partner.max_tlp == TLP.AMBER

    # 4. Issue a key: shown once.
    page.locator("#key-name").fill("CMS import")
    page.get_by_role("button", name="Issue a key").press("Enter")
    page.locator("#new-key").wait_for()
    plain = page.inner_text("#new-key").strip()
    key = PartnerAPIKey.objects.get(partner=partner)
    assert PartnerAPIKey.objects.get_from_key(plain) == key
    shoot(page, "sharing-key-issued")

    # 5. Set an expiry, then revoke it.
    page.locator(f"#expire-{key.prefix}").fill("2031-01-01")
    page.locator(f"#key-{key.prefix}").get_by_role("button", name="Set expiry").press("Enter")
    page.locator("#keys .chip--pending").wait_for()
    page.get_by_role("button", name=f"Revoke key {key.prefix}").press("Enter")
    page.locator("#keys .chip--closed").wait_for()
    key.refresh_from_db()
    assert key.revoked and key.expiry_date.year == 2031
    assert page.locator("#new-key").count() == 0  # gone for good
    shoot(page, "sharing-key-revoked")

    # 6. A webhook, then pause it.
    page.locator("#webhook-url").fill("https://hooks.north.example/catalogue")
    page.get_by_label("Verification status changed").check()
    page.get_by_role("button", name="Add the webhook").press("Enter")
    page.locator("#new-secret").wait_for()
    subscription = WebhookSubscription.objects.get(partner=partner)
    assert page.inner_text("#new-secret").strip() == subscription.secret
    page.locator(f"#webhook-{subscription.pk}").get_by_role("button", name="Pause").press("Enter")
    page.locator(f"#webhook-{subscription.pk}").get_by_role("button", name="Resume").wait_for()
    subscription.refresh_from_db()
    assert not subscription.is_active
    shoot(page, "sharing-webhook-paused")
    watch.assert_calm()
