"""The keyboard (j/k/Enter in the queue, ? for help, visible focus) and hostile text in a real browser."""

import pytest

from tests.browser.conftest import log_in
from tests.workspace.case import build_case

pytestmark = pytest.mark.django_db(transaction=True)


def focused_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_j_k_and_enter_move_through_the_queue_and_open_an_entry(open_page, shoot, first_analyst):
    build_case(first_analyst)
    page, watch = open_page()
    log_in(page, first_analyst)
    entries = page.locator("[data-entry]").evaluate_all(
        "entries => entries.filter(entry => !entry.parentElement.closest('details:not([open])')).map(entry => entry.id)")
    assert len(entries) >= 4

    page.keyboard.press("j")
    assert focused_id(page) == entries[0]
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert focused_id(page) == entries[2]
    page.keyboard.press("k")
    assert focused_id(page) == entries[1]
    outline = page.evaluate("getComputedStyle(document.activeElement).boxShadow")
    assert outline != "none"  # the focused entry is marked
    shoot(page, "keyboard-queue-focus")

    page.keyboard.press("k")
    assert focused_id(page) == entries[0]
    target = page.locator(f"#{entries[0]} [data-open]").get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")
    watch.assert_calm()


def test_question_mark_opens_the_shortcut_help_and_escape_closes_it(open_page, shoot, first_analyst):
    page, watch = open_page()
    log_in(page, first_analyst)

    page.keyboard.press("?")
    help_dialog = page.locator("#help")
    assert help_dialog.evaluate("dialog => dialog.open")
    assert "Next entry" in help_dialog.inner_text()
    shoot(page, "keyboard-help")
    page.keyboard.press("Escape")
    assert not help_dialog.evaluate("dialog => dialog.open")
    watch.assert_calm()


def test_shortcuts_stay_off_while_typing(open_page, first_analyst):
    page, _ = open_page()
    log_in(page, first_analyst)
    page.goto("/desk/items/")

    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.tagName") in ("INPUT", "SELECT")
    page.keyboard.type("jk?")
    assert not page.locator("#help").evaluate("dialog => dialog.open")


def test_tab_reaches_the_skip_link_first_and_focus_is_visible(open_page, first_analyst):
    page, _ = open_page()
    log_in(page, first_analyst)

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Tab")
    style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert style != "none"


def test_hostile_text_never_runs_on_any_page(open_page, shoot, first_analyst):
    case = build_case(first_analyst)
    page, watch = open_page()
    log_in(page, first_analyst)
    pages = {
        "queue": "/desk/",
        "items": "/desk/items/",
        "dossier": f"/desk/items/{case.item.pk}/",
        "hostile-draft": f"/desk/drafts/{case.hostile_draft.pk}/",
        "drafts": "/desk/drafts/",
    }
    for name, url in pages.items():
        page.goto(url)
        injected = page.evaluate(
            "document.querySelectorAll('img[src=\"x\"], svg[onload], script:not([src]), [onerror], [onload]').length"
        )
        assert injected == 0, name
        assert page.evaluate("[...document.links].filter(a => !/^https?:/.test(a.href)).length") == 0, name
        shoot(page, f"hostile-{name}")
    # The hostile text is on the page, as text.
    page.goto(pages["dossier"])
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    assert "\u27e6RLO\u27e7gpj.exe" in page.locator("h1").inner_text()
    watch.assert_calm()
