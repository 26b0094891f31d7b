"""Scraped text is text: every hostile string shows escaped, URLs are links only when http(s), bidi overrides are
made visible, Arabic and Cyrillic come through as written."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from catalog.workspace.text import http_url, visible_controls
from tests.workspace.case import (
    ARABIC,
    CYRILLIC,
    HOSTILE,
    IMG,
    JAVASCRIPT_URL,
    RLO,
    SCRIPT,
    SVG,
    MarkupScan,
)

pytestmark = pytest.mark.django_db

SHOWN = visible_controls(HOSTILE)  # what the page says: the RLO as a visible ⟦RLO⟧ label
ESCAPED = escape(SHOWN)


def pages(case):
    return {
        "queue": reverse("workspace:queue"),
        "items": reverse("workspace:items"),
        "dossier": reverse("workspace:item", args=[case.item.pk]),
        "draft": reverse("workspace:draft", args=[case.hostile_draft.pk]),
        "report draft": reverse("workspace:draft", args=[case.draft.pk]),
        "drafts": reverse("workspace:drafts"),
    }


def test_no_page_contains_a_hostile_string_unescaped(desk, case):
    for name, url in pages(case).items():
        html = desk.get(url).content.decode()
        for raw in (SCRIPT, IMG, SVG, RLO, "<img src=x", "<svg onload"):
            assert raw not in html, (name, raw)
        assert MarkupScan(html).problems() == [], name


@pytest.mark.parametrize("field, page", [
    ("report title", "draft"),
    ("organisation name (producer)", "dossier"),
    ("item title", "dossier"),
    ("claim text", "dossier"),
    ("denial text", "dossier"),
    ("name as stated", "dossier"),
    ("channel handle", "dossier"),
    ("finding message", "queue"),
    ("job error", "queue"),
    ("proposal title", "queue"),
    ("draft payload", "draft"),
])
def test_each_scraped_field_is_shown_escaped(desk, case, field, page):
    html = desk.get(pages(case)[page]).content.decode()
    expected = {
        "report title": case.hostile_draft.report.title,
        "organisation name (producer)": case.producer.name,
        "item title": case.item.title,
        "claim text": case.claim.text,
        "denial text": case.denial.text,
        "name as stated": case.arabic_assertion.name_as_stated,
        "channel handle": case.channel.handle,
        "finding message": case.finding.message,
        "job error": case.failed_enrichment.error,
        "proposal title": case.proposal.media_item.title,
        "draft payload": case.hostile_draft.payload["claims"][0]["text"],
    }[field]

    assert escape(visible_controls(expected)) in html


def test_report_body_caption_and_quotes_are_shown_escaped_on_the_draft_page(desk, case):
    draft = type(case.draft).objects.create(report=case.report, payload=case.hostile_draft.payload)

    html = desk.get(reverse("workspace:draft", args=[draft.pk])).content.decode()

    for text in (case.report.caption, case.report.raw_text, case.report.body, case.report.quotes.get().text,
                 case.report.quotes.get().speaker):
        assert escape(visible_controls(text)) in html
    assert ESCAPED in html


def test_sighting_urls_are_links_only_when_http(desk, case):
    html = desk.get(reverse("workspace:item", args=[case.item.pk])).content.decode()

    assert 'href="https://channel.example/post/1"' in html
    hrefs = [attrs.get("href", "") for tag, attrs in MarkupScan(html).tags if tag == "a"]
    assert not [href for href in hrefs if not href.startswith(("/", "#", "https://", "http://"))]
    assert f'<span class="unsafe-url" dir="ltr" title="Not an http(s) link: shown as text">{JAVASCRIPT_URL}' in html
    assert "data:text/html,&lt;script&gt;" in html  # the variant's data: URL, as text


def test_external_links_do_not_leak_the_desk(desk, case):
    html = desk.get(reverse("workspace:item", args=[case.item.pk])).content.decode()

    for tag, attrs in MarkupScan(html).tags:
        if tag == "a" and attrs.get("href", "").startswith("http"):
            assert attrs["rel"] == "noopener noreferrer nofollow"
            assert attrs["referrerpolicy"] == "no-referrer"


def test_bidi_overrides_are_made_visible(desk, case):
    html = desk.get(reverse("workspace:item", args=[case.item.pk])).content.decode()

    assert "\u27e6RLO\u27e7gpj.exe" in html
    assert RLO not in html


def test_arabic_and_cyrillic_come_through_as_written_with_their_own_direction(desk, case):
    draft_html = desk.get(reverse("workspace:draft", args=[case.draft.pk])).content.decode()
    dossier = desk.get(reverse("workspace:item", args=[case.item.pk])).content.decode()

    assert f'<span dir="auto">{ARABIC} ' in dossier  # the Arabic name as stated (mixed script: no lang)
    assert CYRILLIC in dossier  # via the candidate's reason: the Cyrillic name variant
    assert 'dir="auto"' in draft_html
    raw = type(case.draft).objects.create(report=case.report, payload={})  # its raw text holds both scripts
    raw_html = desk.get(reverse("workspace:draft", args=[raw.pk])).content.decode()
    for text in (ARABIC, CYRILLIC):
        assert f"\n{text}" in raw_html


def test_the_stylesheet_isolates_each_scraped_value():
    from django.contrib.staticfiles import finders

    with open(finders.find("workspace/workspace.css"), encoding="utf-8") as css:
        assert '[dir="auto"] { unicode-bidi: plaintext; }' in css.read()


@pytest.mark.parametrize("url, safe", [
    ("https://t.me/amaq/123", True),
    ("http://example.org/a?b=c", True),
    ("HTTPS://EXAMPLE.ORG/", True),
    ("javascript:alert(1)", False),
    (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:msgbox(1)", False),
    ("//evil.example/x", False),
    ("/relative/path", False),
    ("https:/\\evil.example", False),
    ("https://exa\u202emple.org", False),
    ("", False),
])
def test_only_absolute_http_urls_become_links(url, safe):
    assert bool(http_url(url)) is safe


def test_visible_controls_labels_overrides_and_control_characters():
    assert visible_controls("a\u202eb\u2066c\u0007d\ne") == "a\u27e6RLO\u27e7b\u27e6LRI\u27e7c\u27e6U+0007\u27e7d\ne"
    assert visible_controls("\u200fمرحبا") == "\u200fمرحبا"  # marks stay: they are common in Arabic text
