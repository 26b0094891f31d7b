"""Matching typed names against catalogue names in any script, and reading a list of URLs to capture."""

import datetime as dt

import pytest

from catalog.choices import Platform
from catalog.ingest.capture_list import parse_pasted, parse_sheet
from catalog.resolution.channel_urls import channel_of_url
from catalog.resolution.lookup import name_matches


@pytest.mark.parametrize("query", ["amaq", "Амак", "أعماق", "ama", "news ag"])
def test_a_query_in_any_script_finds_the_latin_name(query):
    assert name_matches(query, "Amaq News Agency")


@pytest.mark.parametrize("query, name", [("Tass", "Amaq News Agency"), ("Заболотный", "Amaq"), ("!!", "Amaq")])
def test_an_unrelated_query_finds_nothing(query, name):
    assert not name_matches(query, name)


def test_a_latin_query_finds_a_cyrillic_name():
    assert name_matches("zabolotn", "Роман Заболотный")


@pytest.mark.parametrize("url, expected", [
    ("https://t.me/amaqagency/1234", (Platform.TELEGRAM, "@amaqagency", "https://t.me/amaqagency")),
    ("https://t.me/s/amaqagency/1234", (Platform.TELEGRAM, "@amaqagency", "https://t.me/amaqagency")),
    ("https://twitter.com/someone/status/1", (Platform.X_TWITTER, "someone", "https://twitter.com/someone")),
    ("https://www.newsweek.com/isis-video", (Platform.WEBSITE, "newsweek.com", "https://www.newsweek.com/")),
])
def test_a_post_url_names_its_channel(url, expected):
    assert channel_of_url(url) == expected


def test_pasted_urls_keep_the_good_lines_and_report_the_bad_ones_by_number():
    rows, errors = parse_pasted("https://a.org/1\n\njavascript:alert(1)\nhttps://a.org/2\nhttps://a.org/1\n")

    assert [(row.line, row.url) for row in rows] == [(1, "https://a.org/1"), (4, "https://a.org/2")]
    assert [str(error) for error in errors] == [
        "Pasted list, line 3: “javascript:alert(1)” is not an http or https URL.",
        "Pasted list, line 5: The same URL as line 1; captured once.",
    ]


def test_a_sheet_gives_each_url_its_channel_and_posted_time():
    sheet = ("Link,Channel,Posted_at\r\n"
             "https://t.me/amaqagency/1,Telegram: @amaqagency,2017-10-03T14:05:00Z\r\n"
             "https://a.org/2,,2017-10-04\r\n").encode("utf-8-sig")

    rows, errors = parse_sheet(sheet)

    assert errors == []
    assert [(row.line, row.channel, row.posted_at) for row in rows] == [
        (2, "Telegram: @amaqagency", dt.datetime(2017, 10, 3, 14, 5, tzinfo=dt.UTC)),
        (3, "", dt.datetime(2017, 10, 4, tzinfo=dt.UTC)),
    ]


def test_a_sheet_reports_bad_dates_and_urls_by_line_and_keeps_the_rest():
    rows, errors = parse_sheet(b"url,posted_at\nhttps://a.org/1,2017-02-30\nnot a url,\nhttps://a.org/3,\n")

    assert [row.line for row in rows] == [4]
    assert [(error.line, error.source) for error in errors] == [(2, "Sheet"), (3, "Sheet")]
    assert "2017-02-30" in errors[0].message


def test_a_sheet_without_a_header_reads_url_channel_and_time_in_order():
    rows, errors = parse_sheet(b"https://a.org/1,Telegram: @x,2017-10-03\n")

    assert errors == []
    assert (rows[0].line, rows[0].channel) == (1, "Telegram: @x")


@pytest.mark.parametrize("data, message", [
    (b"title,when\nx,y\n", "No “url” column"),
    (b"\xff\xfe\x00u", "not UTF-8"),
    (b"", "The sheet is empty"),
])
def test_an_unreadable_sheet_says_why(data, message):
    rows, errors = parse_sheet(data)

    assert rows == []
    assert message in errors[0].message
