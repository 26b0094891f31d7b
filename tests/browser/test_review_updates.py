"""The Review section of a dossier updates again and again through htmx without a console error or a CSP
violation.

The cause of the old intermittent CSP errors: htmx "settles" a swap by copying the `style` attribute of an element
onto its replacement with the same id. An analyst who had resized the rationale box (the browser writes the new
size in the textarea's style attribute) thus made htmx set an inline style, which the policy refuses. htmx's
`attributesToSettle` (in base.html) no longer lists `style`."""

import pytest

from tests.browser.conftest import log_in
from tests.factories import ClaimFactory, MediaItemFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_review_section_updates_repeatedly_without_a_console_error(open_page, shoot, first_analyst):
    item = MediaItemFactory(title="Harvest festival footage")
    claim = ClaimFactory(media_item=item, text="Filmed near the river crossing in spring")
    page, watch = open_page()
    log_in(page, first_analyst)
    page.goto(f"/desk/items/{item.pk}/")
    for round_ in range(4):
        page.select_option("#verdict-authenticity", index=1 + round_ % 2)
        # What dragging the box's resize handle does: the browser writes the size into its style attribute.
        page.locator("#verdict-rationale").evaluate("box => { box.style.height = (120 + box.offsetHeight) + 'px'; }")
        page.fill("#verdict-rationale", f"Round {round_}: the frames match the original release.")
        page.locator("#review").get_by_role("button", name="Record verdict").press("Enter")
        page.locator("#review .notice--done").wait_for()
        # A claim's verdict swaps the claims and, out of band, the Review section again.
        page.locator(f"#claim-{claim.pk} summary").press("Enter")
        page.select_option(f"#claim-{claim.pk}-status", index=1 + round_ % 2)
        page.locator(f"#claim-{claim.pk}-rationale").evaluate("box => { box.style.height = '140px'; }")
        page.fill(f"#claim-{claim.pk}-rationale", f"Round {round_}: the river bend is upstream.")
        page.locator(f"#claim-{claim.pk}").get_by_role("button", name="Record verdict").press("Enter")
        page.wait_for_function("n => document.querySelectorAll('#review .history__entry').length === n",
                               arg=2 * (round_ + 1))
        page.locator("#claims .notice--done").wait_for()
    shoot(page, "review-updates")
    watch.assert_calm()
