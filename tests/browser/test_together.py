"""Working together in a browser, by keyboard: one analyst assigns an item to a colleague and comments on it; the
colleague's open inbox and dossier show both without a reload (htmx polling)."""

import pytest

from catalog.services import together
from tests.browser.conftest import log_in
from tests.factories import MediaItemFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_assignment_and_a_comment_reach_a_colleagues_open_inbox_without_a_reload(
    open_page, shoot, first_analyst, second_analyst, settings
):
    settings.WORKSPACE_POLL_SECONDS = 1
    item = MediaItemFactory(title="Convoy on the coastal road")

    # 1. The colleague's inbox is open, and empty: it says what to do.
    colleague, colleague_watch = open_page()
    log_in(colleague, second_analyst)
    colleague.get_by_role("link", name="Inbox").press("Enter")
    colleague.wait_for_url("**/desk/inbox/")
    assert "Nothing for you yet" in colleague.inner_text("#inbox")
    shoot(colleague, "together-inbox-empty")
    colleague.evaluate("window.loadedOnce = true")  # gone if the page reloads

    # 2. The first analyst assigns the item to the colleague and comments, from the dossier, by keyboard.
    author, author_watch = open_page()
    log_in(author, first_analyst)
    author.goto(f"/desk/items/{item.pk}/#together")
    assert "Nobody has this item yet" in author.inner_text("#together")
    author.select_option("#assign-assignee", label=second_analyst.username)
    author.locator("#together").get_by_role("button", name="Assign").press("Enter")
    author.locator("#together .notice--done").wait_for()
    author.fill("#comment-body", "Geolocated the bridge: km 41 of the coastal road.")
    author.get_by_role("button", name="Add the comment").press("Enter")
    author.get_by_text("Geolocated the bridge: km 41 of the coastal road.").wait_for()
    assert together.current_assignment(item).assignee == second_analyst
    shoot(author, "together-dossier")

    # 3. The colleague's inbox shows both, without a reload.
    colleague.get_by_text("assigned it to you").wait_for()
    colleague.get_by_text("Geolocated the bridge").wait_for()
    assert colleague.evaluate("window.loadedOnce") is True
    shoot(colleague, "together-inbox-updated")

    # 4. A comment from the colleague appears in the author's open dossier, again without a reload.
    together.comment_on_item(item, second_analyst, "Confirmed with the 2016 street view.")
    author.get_by_text("Confirmed with the 2016 street view.").wait_for()
    colleague_watch.assert_calm()
    author_watch.assert_calm()
