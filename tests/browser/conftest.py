"""Browser tests: Playwright for Python driving Debian's Chromium (/usr/bin/chromium, installed by `make test`;
Playwright's own browser download is never used) against pytest-django's live server.

Without Chromium (or Playwright) the tests skip with the reason; with REQUIRE_SERVICES=1 (CI) they fail instead.
Every page may raise no dialog (an alert() would mean injected script ran) and log no console error (a
Content-Security-Policy violation shows there). Screenshots go to test-artifacts/browser/; every page a test
shoots is also checked with axe-core (`assert_accessible`): no serious or critical violation.
"""

import importlib.util
import os
import shutil
import weakref
from pathlib import Path

import pytest

from tests.conftest import require_service
from tests.factories import AnalystFactory

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
# How long one step (a click and the swap it causes, a page load) may take before the test fails.
STEP_TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser():
    require_service(f"Chromium ({CHROMIUM})", os.path.exists(CHROMIUM),
                    hint="run `bin/ensure-system-packages chromium chromium-driver` to install it (make test does)")
    require_service("Playwright for Python", importlib.util.find_spec("playwright") is not None,
                    hint="install requirements.txt")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django would then refuse ORM calls from test code.
    allow_async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield launched
            launched.close()
    finally:
        if allow_async_unsafe is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = allow_async_unsafe


@pytest.fixture(scope="session")
def artifacts():
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


class Watch:
    """What a page did that it must not: dialogs, console errors, uncaught exceptions."""

    def __init__(self):
        self.dialogs, self.errors = [], []

    def attach(self, page):
        def on_dialog(dialog):
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def assert_calm(self):
        assert self.dialogs == [], f"a dialog opened: injected script ran? {self.dialogs}"
        assert self.errors == [], f"console errors (a blocked inline script or style?): {self.errors}"


@pytest.fixture
def open_page(browser, live_server):
    """open_page(javascript=True) → (page, watch): a fresh context (no cookies) on the live server."""
    contexts, watches = [], []

    def open_(javascript=True):
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900},
                                      java_script_enabled=javascript, locale="en-GB", timezone_id="UTC")
        context.set_default_timeout(STEP_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        if not javascript:
            WITHOUT_JAVASCRIPT.add(page)
        watch = Watch()
        watch.attach(page)
        watches.append(watch)
        return page, watch

    yield open_
    for context in contexts:
        context.close()
    for watch in watches:
        watch.assert_calm()


SHOTS = {"count": 0}


@pytest.fixture
def shoot(artifacts):
    """shoot(page, "walkthrough-login") saves a full-page screenshot as test-artifacts/browser/<nn>-<name>.png,
    numbered in the order taken, and checks the page with axe-core: every step a test records is a page checked."""

    def shoot_(page, name):
        SHOTS["count"] += 1
        path = artifacts / f"{SHOTS['count']:02d}-{name}.png"
        # caret="initial": hiding the caret would inject a <style>, which the Content-Security-Policy (rightly) blocks.
        page.screenshot(path=str(path), full_page=True, caret="initial")
        assert_accessible(page)
        return path

    return shoot_


# axe-core's impacts that fail a page; "minor" and "moderate" ones are reported by axe but do not fail the test.
BLOCKING_IMPACTS = ("serious", "critical")
# axe-core runs as a script in the page: pages opened without JavaScript (the no-JS fallbacks) are not checked; every
# desk page is also visited with JavaScript, where it is.
WITHOUT_JAVASCRIPT = weakref.WeakSet()


def assert_accessible(page):
    """axe-core (bundled by axe-playwright-python) on the page as it is now: no serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    if page in WITHOUT_JAVASCRIPT:
        return

    violations = Axe().run(page).response["violations"]
    blocking = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}: "
        + "; ".join(f"{' '.join(node['target'])} {node['html'][:160]}" for node in violation["nodes"][:5])
        for violation in violations if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert blocking == [], f"accessibility violations on {page.url}:\n" + "\n".join(blocking)


def log_in(page, user):
    page.goto("/desk/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/desk/")


@pytest.fixture
def first_analyst(transactional_db):
    return AnalystFactory(username="amira")


@pytest.fixture
def second_analyst(transactional_db):
    return AnalystFactory(username="boris")
