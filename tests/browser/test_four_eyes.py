"""Four-eyes review in a browser, by keyboard: a colleague sends a verdict back from the queue, its author withdraws it
from the dossier, records a better one, and the colleague rejects that one from the dossier."""

import pytest

from catalog import services
from catalog.choices import MediaAuthenticity, ReviewOutcome
from catalog.models import ReviewDecision
from tests.browser.conftest import log_in
from tests.factories import MediaItemFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_colleague_sends_back_the_author_withdraws_and_a_later_verdict_is_rejected(
    open_page, shoot, first_analyst, second_analyst, settings
):
    settings.FOUR_EYES_REVIEW = True
    item = MediaItemFactory(title="Convoy on the coastal road")
    event = services.review_item_authenticity(item, MediaAuthenticity.STAGED, first_analyst, "The dust looks added.")

    # 1. The colleague's queue: send the verdict back with a comment, all by keyboard.
    colleague, colleague_watch = open_page()
    log_in(colleague, second_analyst)
    entry = colleague.locator(f"#verdict-{event.pk}")
    entry.locator("summary").focus()
    colleague.keyboard.press("Enter")
    entry.get_by_label("Reason or comment").fill("Compare with the unedited upload first.")
    shoot(colleague, "four-eyes-queue-send-back")
    entry.get_by_role("button", name="Send back").focus()
    colleague.keyboard.press("Enter")
    colleague.locator(f"#verdict-{event.pk}.entry--done").wait_for()
    assert "Sent back to amira" in entry.inner_text()
    assert "Convoy on the coastal road" in entry.inner_text()
    shoot(colleague, "four-eyes-sent-back")

    # 2. The author sees why in the dossier and withdraws the verdict.
    author, author_watch = open_page()
    log_in(author, first_analyst)
    author.goto(f"/desk/items/{item.pk}/#review")
    history = author.locator(f"#review-{event.pk}")
    assert "sent back by boris" in history.inner_text()
    assert "Compare with the unedited upload first." in history.inner_text()
    history.locator("summary").press("Enter")
    history.get_by_role("button", name="Withdraw").press("Enter")
    author.locator("#review .notice--done").wait_for()
    assert "Withdrawn: the verdict “Staged content” on “Convoy on the coastal road”" in author.locator(
        "#review .notice--done").inner_text()
    item.refresh_from_db()
    assert item.authenticity == MediaAuthenticity.NOT_ASSESSED
    shoot(author, "four-eyes-withdrawn")

    # 3. A better verdict, which the colleague rejects with a reason from the dossier.
    author.select_option("#verdict-authenticity", MediaAuthenticity.ORIGINAL)
    author.fill("#verdict-rationale", "Same frames as the unedited upload.")
    author.locator("#review").get_by_role("button", name="Record verdict").press("Enter")
    author.locator("#review .chip--pending").first.wait_for()
    later = item.review_events.latest("created_at")

    colleague.goto(f"/desk/items/{item.pk}/#review")
    entry = colleague.locator(f"#review-{later.pk}")
    entry.locator("summary").press("Enter")
    entry.get_by_label("Reason or comment").fill("The unedited upload is itself a re-encode.")
    entry.get_by_role("button", name="Reject").press("Enter")
    colleague.locator("#review .notice--done").wait_for()
    assert "rejected by boris" in colleague.locator(f"#review-{later.pk}").inner_text()
    shoot(colleague, "four-eyes-rejected")
    assert list(ReviewDecision.objects.values_list("outcome", flat=True)) == [
        ReviewOutcome.SENT_BACK, ReviewOutcome.WITHDRAWN, ReviewOutcome.REJECTED]
    colleague_watch.assert_calm()
    author_watch.assert_calm()
