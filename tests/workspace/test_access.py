"""Who gets in, what the pages send with them (policy, no inline script), and the static assets they rely on."""

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.workspace.case import HTMX, MarkupScan

pytestmark = pytest.mark.django_db


def page_urls(case):
    return [
        reverse("workspace:queue"),
        reverse("workspace:items"),
        reverse("workspace:item", args=[case.item.pk]),
        reverse("workspace:drafts"),
        reverse("workspace:draft", args=[case.draft.pk]),
        reverse("workspace:draft", args=[case.hostile_draft.pk]),
    ]


def test_the_front_page_leads_to_the_desk(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/desk/"


def test_anonymous_callers_are_sent_to_the_login_page(client, case):
    for url in page_urls(case):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/desk/login/?next="), url


def test_anonymous_htmx_requests_are_told_to_log_in(client, case):
    response = client.post(reverse("workspace:finding-decide", args=[case.finding.pk]), {"decision": "dismiss"},
                           HTTP_HX_CURRENT_URL="http://testserver/desk/items/7/", **HTMX)

    assert response.status_code == 401
    assert response["HX-Redirect"] == "/desk/login/?next=%2Fdesk%2Fitems%2F7%2F"
    case.finding.refresh_from_db()
    assert case.finding.status == "open"


def test_an_analyst_logs_in_on_the_desk_login_page(client, analyst):
    login = client.get(reverse("workspace:login"))
    assert login.status_code == 200

    response = client.post(reverse("workspace:login"),
                           {"username": analyst.username, "password": "correct horse battery staple"})

    assert response.status_code == 302
    assert response["Location"] == "/desk/"
    assert client.get("/desk/").status_code == 200


def test_a_logged_in_user_who_is_not_an_analyst_is_refused(case):
    client = Client()
    client.force_login(UserFactory())

    for url in page_urls(case):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("workspace:finding-decide", args=[case.finding.pk]),
                       {"decision": "dismiss"}).status_code == 403


def test_staff_members_are_analysts_too(case):
    client = Client()
    client.force_login(UserFactory(is_staff=True))

    assert client.get(reverse("workspace:queue")).status_code == 200


def test_actions_need_post_and_a_csrf_token(analyst, case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)
    url = reverse("workspace:finding-decide", args=[case.finding.pk])

    assert client.get(url).status_code == 405
    assert client.post(url, {"decision": "dismiss"}).status_code == 403  # no CSRF token
    case.finding.refresh_from_db()
    assert case.finding.status == "open"


def test_every_page_carries_a_strict_content_security_policy(desk, case):
    for url in page_urls(case) + [reverse("workspace:login")]:
        policy = desk.get(url)["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
        assert directives["script-src"] == "'self'", url
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, url
        assert directives["object-src"] == "'none'"
        assert "frame-ancestors" in directives


def test_pages_hold_no_inline_script_handler_or_style(desk, case):
    for url in page_urls(case):
        html = desk.get(url).content.decode()
        assert MarkupScan(html).problems() == [], url


def test_the_pages_load_their_scripts_and_styles_from_this_origin(desk):
    html = desk.get(reverse("workspace:queue")).content.decode()
    scripts = [attrs["src"] for tag, attrs in MarkupScan(html).tags if tag == "script"]

    assert scripts == ["/static/workspace/htmx-2.0.11.min.js", "/static/workspace/workspace.js"]
    assert '<link rel="stylesheet" href="/static/workspace/workspace.css">' in html
    for name in ("workspace/htmx-2.0.11.min.js", "workspace/workspace.js", "workspace/workspace.css",
                 "workspace/favicon.svg"):
        assert finders.find(name), name
    with open(finders.find("workspace/htmx-2.0.11.min.js"), encoding="utf-8") as vendored:
        assert vendored.read().startswith("var htmx=")  # the library itself, vendored, not a loader of it


def test_the_keyboard_help_is_on_every_desk_page(desk, case):
    for url in page_urls(case):
        html = desk.get(url).content.decode()
        assert '<dialog id="help"' in html, url
        for key in ("<kbd>j</kbd>", "<kbd>k</kbd>", "<kbd>Enter</kbd>", "<kbd>?</kbd>"):
            assert key in html, (url, key)


def test_pages_are_utf8(desk, case):
    response = desk.get(reverse("workspace:item", args=[case.item.pk]))

    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert '<meta charset="utf-8">' in response.content.decode()


@pytest.mark.parametrize("path", ["/desk/items/{key}/", "/desk/files/{key}/original/", "/desk/drafts/{key}/"])
def test_a_key_beyond_any_row_is_not_found_not_a_server_error(client, analyst, path):
    client.force_login(analyst)

    for key in (10**18 - 1, 10**30):
        assert client.get(path.format(key=key)).status_code == 404
