"""Our own scraped reports (examples/*.txt), each against its reviewed expectations (examples/*.json)."""

import json

import pytest

from catalog.ingest import build_draft, parse_scraped_report

from .conftest import EXAMPLES

NAMES = sorted(path.stem for path in EXAMPLES.glob("*.txt"))


def load(name):
    report = parse_scraped_report((EXAMPLES / f"{name}.txt").read_bytes())
    expected = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return report, build_draft(report).to_dict(), expected


def test_there_are_at_least_ten_examples_each_with_expectations():
    assert len(NAMES) >= 10
    assert all((EXAMPLES / f"{name}.json").exists() for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_report_parts_are_read_as_expected(name):
    report, _, expected = load(name)
    parsed = report.to_dict()
    for field in (
        "title",
        "dateline",
        "published_at",
        "outlet",
        "paragraphs",
        "captions",
        "related_articles",
        "warnings",
    ):
        assert parsed[field] == expected[field], field
    assert [{"speaker": q["speaker"], "text": q["text"]} for q in parsed["quotes"]] == expected["quotes"]


@pytest.mark.parametrize("name", NAMES)
def test_the_media_item_and_its_channels_are_drafted_as_expected(name):
    _, draft, expected = load(name)
    assert {key: draft["media_item"][key] for key in expected["media_item"]} == expected["media_item"]
    assert [c["platform"] for c in draft["channels"]] == expected["channels"]


@pytest.mark.parametrize("name", NAMES)
def test_the_identities_are_drafted_as_expected(name):
    _, draft, expected = load(name)
    keys = ("name_as_stated", "name_variants", "birth_year", "birthplace_as_stated", "mode", "named_by")
    assert [{key: i[key] for key in keys} for i in draft["identities"]] == expected["identities"]


@pytest.mark.parametrize("name", NAMES)
def test_the_claims_and_their_links_are_drafted_as_expected(name):
    _, draft, expected = load(name)
    claims = [
        {
            "text": c["text"],
            "kind": c["kind"],
            "claimant": c["claimant"],
            "stated_on": c["stated_on"],
            "is_denial": c["is_denial"],
            "denies": [r["target"] for r in c["relations"] if r["relation"] == "denies"],
            "repeats": [r["target"] for r in c["relations"] if r["relation"] == "repeats"],
        }
        for c in draft["claims"]
    ]
    assert claims == expected["claims"]


@pytest.mark.parametrize("name", NAMES)
def test_the_places_are_drafted_as_expected(name):
    _, draft, expected = load(name)
    assert [[p["name"], p["kind"]] for p in draft["places"]] == expected["places"]


def test_cyrillic_and_arabic_names_are_kept_exactly_as_written():
    _, wagner, _ = load("03-wagner-prisoners-cyrillic")
    _, anbar, _ = load("05-arabic-headline-anbar")
    assert wagner["identities"][0]["name_as_stated"] == "Сергей Николаевич Фомин"
    assert wagner["identities"][0]["script"] == "cyrillic"
    assert anbar["identities"][0]["name_as_stated"] == "حيدر كاظم الجبوري"
    assert anbar["identities"][0]["script"] == "arabic"
    assert anbar["identities"][0]["name_variants"] == ["Haidar Kadhim al-Jubouri"]


def test_an_arabic_headline_stays_the_title_as_written():
    report, _, _ = load("05-arabic-headline-anbar")
    assert report.title == "داعش يبث تسجيلا لشرطي عراقي أسير في الأنبار"


def test_a_report_without_a_dateline_leaves_relative_days_unresolved():
    report, draft, _ = load("06-iswap-no-dateline")
    assert report.published_at is None
    assert draft["media_item"]["release_date"] is None
    assert all(claim["stated_on"] is None for claim in draft["claims"])
    assert any("dateline" in warning for warning in draft["warnings"])


def test_the_draft_never_holds_html():
    for name in NAMES:
        _, draft, _ = load(name)
        assert "<p>" not in json.dumps(draft) and "&quot;" not in json.dumps(draft)
