"""Failure classes left by the first round of issue 12 (producers named only as a sentence's subject, quotes in
other scripts and after an appositive), each written as a new sentence, not copied from a bench report."""

import pytest

from catalog.ingest import build_draft, parse_scraped_report


def draft_of(*paragraphs, dateline="2023-03-09 07:45 UTC", tag="(monitor) -- "):
    body = "\n\n".join(paragraphs)
    raw = f"Headline of the report\n\nHeadline of the report\n{dateline}\n\n{tag}{body}\n"
    return build_draft(parse_scraped_report(raw)).to_dict()


def quotes_of(paragraph):
    raw = f"Headline of the report\n\nHeadline of the report\n2023-03-09 07:45 UTC\n\n(monitor) -- {paragraph}\n"
    return parse_scraped_report(raw).quotes


def producer_of(*paragraphs, **options):
    return draft_of(*paragraphs, **options)["media_item"]["producer"]


@pytest.mark.parametrize(
    "paragraphs, producer",
    [
        (
            ["Ukraine's HUR intelligence agency said on Monday it had captured a pilot and released a video of him."],
            "Ukraine's HUR intelligence agency",
        ),
        (
            [
                "Kazakhstan's KNB security service said on Monday that it had detained a recruiter.",
                "In a video it released, the man says he was born in 1990 in Shymkent.",
            ],
            "KNB",
        ),
        (
            ["Rybar said on Monday that its sources had seen the strike.", "The channel posted a clip on Tuesday."],
            "Rybar",
        ),
        (['The project "Find Your Own" published a new video on Wednesday of a captured soldier.'], "Find Your Own"),
        (["Al-Qaida's media arm as-Sahab released a speech on Friday."], "as-Sahab"),
        (
            ["Islamic State's West Africa Province released three videos on Friday through its Amaq news agency."],
            "Amaq",
        ),
    ],
)
def test_a_producer_named_as_the_subject_of_a_release_is_found(paragraphs, producer):
    assert producer in producer_of(*paragraphs) or producer_of(*paragraphs) in producer


def test_a_group_that_released_a_video_gives_way_to_its_media_wing_named_later():
    producer = producer_of(
        "Ansar al-Islam said on Tuesday it had captured two soldiers and published a video of them.",
        "According to the group's al-Burhan media foundation, the video was filmed last week.",
    )

    assert producer == "al-Burhan"


def test_a_descriptive_project_is_not_resolved_to_an_earlier_party():
    producer = producer_of(
        "Ukraine's intelligence directorate said on Monday that 500 soldiers had surrendered.",
        "A still from a video published by the Ukrainian project shows two men.",
    )

    assert producer != "Ukraine's intelligence directorate"


def test_a_wire_dateline_before_the_subject_is_not_the_claimant():
    claims = draft_of(
        "ADEN, Monday -- The Houthis' military media office said on Sunday that its forces had captured a drone."
    )["claims"]

    assert claims[0]["claimant"].startswith("The Houthis' military media office")


def test_an_arabic_quote_leaves_out_the_arabic_comma_before_the_attribution():
    quotes = quotes_of('"أنا خالد العبد الله، من مواليد 1987 في الميادين،" the man says.')

    assert quotes[0].text == "أنا خالد العبد الله، من مواليد 1987 في الميادين"


def test_a_speaker_followed_by_an_appositive_is_read_before_the_colon():
    quotes = quotes_of('The third man, an Egyptian, says: "My name is Omar Adel, I was born in 1999 in Minya."')

    assert quotes[0].speaker == "an Egyptian"


def test_a_pronoun_after_a_suspect_stands_for_the_suspect_not_the_officer():
    quotes = quotes_of('In the video, the suspect speaks to an officer off camera. "My name is Ali Kaya," he says.')

    assert quotes[0].speaker == "the suspect"
