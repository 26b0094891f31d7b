"""The Deir Ezzor case (shared/cases/deir-ezzor-2017/report.txt), parsed."""

from datetime import datetime, timezone

from catalog.demo_case import REPORT_RAW_TEXT


def test_it_reads_the_headline_once_although_the_scraper_repeats_it(case_report):
    assert case_report.title == "Isis releases video of captured Russian soldiers that Russia denies losing in Syria"
    assert case_report.title not in case_report.body


def test_it_reads_the_dateline_as_written_and_as_utc(case_report):
    assert case_report.dateline == "Wed Oct 4, 2017 11:52:38"
    assert case_report.published_at == datetime(2017, 10, 4, 11, 52, 38, tzinfo=timezone.utc)


def test_it_takes_the_outlet_tag_out_of_the_lead(case_report):
    assert case_report.outlet == "newsweek"
    assert "(newsweek)" not in case_report.body
    assert case_report.paragraphs[1].startswith('The "proof of life" video was shared by Isis official Amaq')


def test_it_keeps_the_var_dump_out_of_the_body(case_report):
    assert "string(" not in case_report.body
    assert "contenttypeid" not in case_report.body
    assert case_report.paragraphs[-1].endswith("tanks and ammunition depots.")


def test_it_keeps_the_caption_out_of_the_body(case_report):
    assert "(Photo" not in case_report.body
    assert case_report.caption == (
        'A man identifies himself as "Zabolotny Roman" (R) and his companion as "Tsurkanov Gregory" (L), two '
        "Russian soldiers allegedly captured by Isis in the eastern Syrian city of Deir Ezzor in this video "
        "credited to ISIS's Amaq news agency. Russia previously denied any of its troops were captured. Social media"
    )


def test_it_reads_the_body_as_nine_clean_paragraphs(case_report):
    assert len(case_report.paragraphs) == 9
    assert case_report.paragraphs[0] == (
        "Isis released a video Tuesday of two injured men it claims are captured Russian soldiers that Moscow "
        "has denied losing."
    )
    assert all("\u00a0" not in p and "  " not in p for p in case_report.paragraphs)


def test_it_gives_each_quote_its_speaker(case_report):
    assert [(q.speaker, q.text[:40]) for q in case_report.quotes] == [
        ("the man", "I am Zabolotny Roman, I was born [in] 19"),
        ("the man", "Captured with me was Tsurkanov Gregory. "),
        ("the spokesperson", "All servicemen of the Russian Armed Forc"),
        ("the spokesperson", "There were no reports of incidents conne"),
    ]
    assert case_report.quotes[0].text.endswith("I was taken prisoner [sic] in the area of Shula")


def test_it_reads_both_related_articles_despite_the_wrong_declared_length(case_report):
    assert [a.to_dict() for a in case_report.related_articles] == [
        {
            "id": "3040596",
            "title": "Isis terrorists hand over Hezbollah body of Iranian martyr 'Hojaji'",
            "picture": "150417245201763500.jpg",
        },
        {
            "id": "3059396",
            "title": "Iranian soldier beheaded by Isis, mourned as an icon",
            "picture": "150649309280894300.jpg",
        },
    ]
    assert any("declares 324 bytes" in warning for warning in case_report.warnings)


def test_its_dictionary_form_is_plain_json_data(case_report):
    import json

    data = case_report.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["published_at"] == "2017-10-04T11:52:38+00:00"


def test_it_keeps_the_raw_text_exactly_as_received(case_report):
    assert case_report.raw_text == REPORT_RAW_TEXT
