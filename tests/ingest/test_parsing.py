"""The raw format's awkward corners, one at a time."""

from datetime import date, datetime, timezone

import pytest

from catalog.ingest import UnreadableReport, parse_scraped_report
from catalog.ingest.dates import find_temporal, parse_dateline

BODY = "Militants released a video on Monday that they say shows two captured soldiers near the border town."


def report(*lines):
    return "\n".join(lines)


def test_an_empty_report_is_refused_with_a_reason():
    with pytest.raises(UnreadableReport, match="empty"):
        parse_scraped_report("  \n\t\n")


def test_binary_junk_is_refused_as_binary():
    with pytest.raises(UnreadableReport, match="binary"):
        parse_scraped_report(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")


def test_bytes_that_are_not_utf8_are_refused():
    with pytest.raises(UnreadableReport, match="not UTF-8"):
        parse_scraped_report("Titre\n\nUn rapport".encode("latin-1") + b"\xe9\xff")


def test_a_headline_without_a_body_is_not_a_report():
    with pytest.raises(UnreadableReport, match="No body text"):
        parse_scraped_report("Just a headline\n")


def test_a_bare_var_dump_is_not_a_report():
    with pytest.raises(UnreadableReport):
        parse_scraped_report('string(60) "[{"id":"1","title":"A related article","pic":"a.jpg"}]"')


def test_something_that_is_not_text_is_refused():
    with pytest.raises(UnreadableReport, match="not int"):
        parse_scraped_report(42)


def test_the_refusal_is_a_value_error():
    assert issubclass(UnreadableReport, ValueError)


def test_a_headline_given_once_is_still_the_title():
    parsed = parse_scraped_report(report("Headline given once", "October 4, 2017", "", BODY))
    assert parsed.title == "Headline given once"
    assert parsed.dateline == "October 4, 2017"
    assert parsed.published_at == datetime(2017, 10, 4, tzinfo=timezone.utc)
    assert parsed.paragraphs == [BODY]


def test_a_missing_dateline_is_a_warning_and_no_date():
    parsed = parse_scraped_report(report("Headline", "", "Headline", "", BODY))
    assert (parsed.dateline, parsed.published_at) == ("", None)
    assert any("No dateline" in warning for warning in parsed.warnings)
    assert parsed.paragraphs == [BODY]


def test_a_dateline_that_is_not_a_date_is_kept_as_text_with_a_warning():
    parsed = parse_scraped_report(report("Headline", "Wed Oct 45, 2017 99:99", "", BODY))
    assert parsed.dateline == "Wed Oct 45, 2017 99:99"
    assert parsed.published_at is None
    assert any("could not be read" in warning for warning in parsed.warnings)


def test_a_dateline_with_a_zone_is_converted_to_utc():
    assert parse_dateline("March 26, 2024 | 18:45 PKT").published_at == datetime(
        2024, 3, 26, 13, 45, tzinfo=timezone.utc
    )
    assert parse_dateline("Thu, 16 Feb 2023 12:03:44 +0200").published_at == datetime(
        2023, 2, 16, 10, 3, 44, tzinfo=timezone.utc
    )


def test_a_dotted_numeric_dateline_is_day_first():
    assert parse_dateline("04.10.2017 08:30").published_at == datetime(2017, 10, 4, 8, 30, tzinfo=timezone.utc)


def test_an_unknown_zone_is_taken_as_utc_with_a_warning():
    dateline = parse_dateline("Fri 13 Oct 2017 10:00 XYZ")
    assert dateline.published_at == datetime(2017, 10, 13, 10, 0, tzinfo=timezone.utc)
    assert "unknown" in dateline.warning


def test_a_missing_outlet_tag_is_a_warning():
    parsed = parse_scraped_report(report("Headline", "October 4, 2017", "", BODY))
    assert parsed.outlet == ""
    assert any("outlet tag" in warning for warning in parsed.warnings)


def test_an_outlet_tag_with_a_dash_or_an_em_dash_is_read():
    assert parse_scraped_report(report("H", "October 4, 2017", "", f"(Reuters) - {BODY}")).outlet == "Reuters"
    assert parse_scraped_report(report("H", "October 4, 2017", "", f"(afp) — {BODY}")).outlet == "afp"


def test_html_remnants_and_entities_are_cleaned_and_warned_about():
    raw = report(
        "Headline",
        "October 4, 2017",
        "",
        "<p>The group&#8217;s video &amp; photos were &quot;shared&quot; widely.<br>Officials said so.</p>"
        "<p>A second paragraph follows here now.</p>",
    )
    parsed = parse_scraped_report(raw)
    assert parsed.paragraphs == [
        'The group’s video & photos were "shared" widely. Officials said so.',
        "A second paragraph follows here now.",
    ]
    assert "HTML tags or entities were found and removed." in parsed.warnings


def test_scraped_text_that_merely_mentions_a_less_than_sign_keeps_it():
    parsed = parse_scraped_report(
        report("Headline", "October 4, 2017", "", "Losses were < 10 per cent, officials said.")
    )
    assert parsed.paragraphs == ["Losses were < 10 per cent, officials said."]


def test_crlf_and_a_byte_order_mark_are_harmless():
    raw = "\ufeffHeadline\r\n\r\nHeadline\r\nOctober 4, 2017\r\n\r\n" + BODY + "\r\n"
    parsed = parse_scraped_report(raw)
    assert (parsed.title, parsed.dateline, parsed.paragraphs) == ("Headline", "October 4, 2017", [BODY])


def test_several_captions_are_all_kept_and_cut_from_the_body():
    raw = report(
        "Headline",
        "October 4, 2017",
        "",
        BODY,
        "",
        "(Photo: First (left) caption. AFP)",
        "",
        "(Photo: Second caption. Reuters)",
    )
    parsed = parse_scraped_report(raw)
    assert parsed.captions == ["First (left) caption. AFP", "Second caption. Reuters"]
    assert parsed.caption == "First (left) caption. AFP\n\nSecond caption. Reuters"
    assert parsed.paragraphs == [BODY]


def test_a_var_dump_with_html_escaped_json_is_read():
    raw = report(
        "Headline",
        "October 4, 2017",
        "",
        BODY,
        "",
        'string(9) "[{&quot;id&quot;:&quot;7&quot;,&quot;pic&quot;:&quot;a.jpg&quot;,'
        '&quot;title&quot;:&quot;Rocket fire &amp;amp; strikes&quot;}]"',
    )
    parsed = parse_scraped_report(raw)
    assert [a.to_dict() for a in parsed.related_articles] == [
        {"id": "7", "title": "Rocket fire & strikes", "picture": "a.jpg"}
    ]


def test_a_truncated_var_dump_keeps_its_complete_articles_and_warns():
    raw = report(
        "Headline",
        "October 4, 2017",
        "",
        BODY,
        "",
        'string(300) "[{"id":"1","pic":"a.jpg","title":"Whole"},{"id":"2","pic":"b.j',
    )
    parsed = parse_scraped_report(raw)
    assert [a.id for a in parsed.related_articles] == ["1"]
    assert any("truncated" in warning for warning in parsed.warnings)
    assert parsed.paragraphs == [BODY]


def test_an_empty_var_dump_gives_no_articles_and_no_warning():
    parsed = parse_scraped_report(report("Headline", "October 4, 2017", "", BODY, "", 'string(2) "[]"'))
    assert parsed.related_articles == []
    assert not any("var_dump" in warning for warning in parsed.warnings)


def test_a_var_dump_in_the_middle_of_the_text_is_removed_and_the_text_after_it_kept():
    raw = report(
        "Headline",
        "October 4, 2017",
        "",
        BODY,
        "",
        'string(5) "[{"id":"1","pic":"a.jpg","title":"Middle"}]"',
        "",
        "A last paragraph after the dump.",
    )
    parsed = parse_scraped_report(raw)
    assert parsed.paragraphs == [BODY, "A last paragraph after the dump."]
    assert [a.title for a in parsed.related_articles] == ["Middle"]


def test_a_scare_quote_is_not_a_quote():
    parsed = parse_scraped_report(
        report("Headline", "October 4, 2017", "", 'The "proof of life" video was shared widely by the group on Monday.')
    )
    assert parsed.quotes == []


def test_a_quote_attributed_before_it_gets_its_speaker():
    parsed = parse_scraped_report(
        report("Headline", "October 4, 2017", "", 'The ministry spokesman said: "No soldier is missing."')
    )
    assert [(q.speaker, q.text) for q in parsed.quotes] == [("The ministry spokesman", "No soldier is missing.")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("claimed Thursday", "2017-09-28"),
        ("said on Tuesday", "2017-10-03"),
        ("said on Wednesday", "2017-10-04"),
        ("said on Monday", "2017-10-02"),
        ("said yesterday", "2017-10-03"),
        ("said last month", "2017-09"),
        ("said last week", "2017-W39"),
        ("claimed in January", "2017-01"),
        ("claimed in November", "2016-11"),
        ("said on 28 September", "2017-09-28"),
        ("said on Sept. 28", "2017-09-28"),
    ],
)
def test_relative_dates_are_resolved_against_a_wednesday_4_october_2017_dateline(text, expected):
    found = find_temporal(text, date(2017, 10, 4))
    assert [ref.formatted() for ref in found] == [expected]


def test_a_period_bound_is_not_a_day_of_statement():
    assert find_temporal("held since August", date(2017, 10, 4)) == []
