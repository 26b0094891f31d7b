"""Forms of report the rules first met in bench/extraction/unseen/: birth statements, translations, captions,
unnamed distributors and statements dated to a week or a month (issue 12)."""

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog import services
from catalog.ingest import UnreadableReport, build_draft, parse_scraped_report
from catalog.models import Claim


def report(body, dateline="2023-03-09 07:45 UTC", caption=""):
    raw = f"Headline of the report\n\nHeadline of the report\n{dateline}\n\n(monitor) -- {body}\n"
    return raw + (f"\n(Photo: {caption})\n" if caption else "")


def draft_of(body, **options):
    return build_draft(parse_scraped_report(report(body, **options))).to_dict()


def only_identity(body, **options):
    identities = draft_of(body, **options)["identities"]
    assert len(identities) == 1, identities
    return identities[0]


def test_a_russian_birth_statement_keeps_the_year_out_of_the_place():
    identity = only_identity('"Меня зовут Кочетов Дмитрий, я родился в 1981 году в Нижнем Новгороде," the man says.')

    assert identity["birth_year"] == 1981
    assert identity["birthplace_as_stated"] == "Нижнем Новгороде"


def test_a_russian_birth_date_with_day_and_month_gives_the_year_and_the_place():
    identity = only_identity('"Меня зовут Алексей Гринкевич, родился 12 мая 1990 года в Гомеле," the man says.')

    assert (identity["birth_year"], identity["birthplace_as_stated"]) == (1990, "Гомеле")


def test_a_birthplace_keeps_its_district_after_the_comma():
    identity = only_identity(
        '"My name is Serhat Koc, I was born in 1984 in Nevsehir province, in the district of Urgup," the man says.'
    )

    assert identity["birthplace_as_stated"] == "Nevsehir province, in the district of Urgup"


@pytest.mark.parametrize(
    ("quote", "name", "year", "place"),
    [
        ("اسمي فيصل عبدالله الشهري، من مواليد عام 1993 في خميس مشيط", "فيصل عبدالله الشهري", 1993, "خميس مشيط"),
        ("Ben Mehmet Aslan, 1990 Gaziantep doğumluyum", "Mehmet Aslan", 1990, "Gaziantep"),
        ("Adım Serhat Koç, 1984 yılında Nevşehir'in Ürgüp ilçesinde doğdum", "Serhat Koç", 1984,
         "Nevşehir'in Ürgüp ilçesinde"),
        ("Je m'appelle Camille Dubois, je suis née en 1999 à Lyon", "Camille Dubois", 1999, "Lyon"),
    ],
)
def test_birth_statements_are_read_in_arabic_turkish_and_french(quote, name, year, place):
    identity = only_identity(f'"{quote}," the man says.')

    assert (identity["name_as_stated"], identity["birth_year"], identity["birthplace_as_stated"]) == (name, year, place)


def test_an_arabic_i_am_from_is_not_taken_for_a_name():
    draft = draft_of('The officer gives his name as Ali Hassan Deeb. "أنا من مواليد اللاذقية عام 1987," he says.')

    assert [(i["name_as_stated"], i["birth_year"]) for i in draft["identities"]] == [("Ali Hassan Deeb", 1987)]


def test_a_bracketed_translation_belongs_to_the_speaker_of_the_quote():
    parsed = parse_scraped_report(report(
        '"Меня зовут Кочетов Дмитрий, я родился в 1981 году в Нижнем Новгороде," he says (translated: '
        '"My name is Kochetov Dmitry, I was born in 1981 in Nizhny Novgorod"). The man sits at a table.'
    ))

    speakers = {quote.speaker for quote in parsed.quotes}
    assert len(parsed.quotes) == 2 and len(speakers) == 1
    assert parsed.quotes[1].translation is True


def test_a_name_in_a_translation_is_a_variant_of_the_same_identity():
    identity = only_identity(
        'A soldier sits at a table. "Меня зовут Кочетов Дмитрий, я родился в 1981 году в Нижнем Новгороде," he says '
        '(translated: "My name is Kochetov Dmitry, I was born in 1981 in Nizhny Novgorod").'
    )

    assert identity["name_as_stated"] == "Кочетов Дмитрий"
    assert identity["name_variants"] == ["Kochetov Dmitry"]


def test_a_caption_naming_a_person_asserts_an_identity_with_his_birth():
    identity = only_identity(
        "Guards at the camp released a short video of two women being questioned.",
        caption="Dutch national Sanne Verhoef, born in 1994 in Utrecht, in a still from the video. Asayish",
    )

    assert (identity["name_as_stated"], identity["mode"], identity["birth_year"]) == (
        "Sanne Verhoef", "named_by_other", 1994)


def test_a_caption_name_in_latin_script_joins_the_cyrillic_identity_of_the_quote():
    identity = only_identity(
        '"Я Андрей Ковальчук, 1998 года рождения," the prisoner says.',
        caption="Andriy Kovalchuk, a soldier of the 47th brigade, in the WarGonzo clip. WarGonzo",
    )

    assert identity["name_variants"] == ["Andriy Kovalchuk"]


def test_a_channel_that_posts_amaq_material_does_not_make_amaq_the_producer():
    draft = draft_of(
        "A video showing three kneeling men began circulating on Telegram on Sunday. It carries no logo; it was "
        "first shared by a channel that regularly posts Amaq material."
    )

    assert draft["media_item"]["producer"] == ""
    assert "news_wire" not in {channel["platform"] for channel in draft["channels"]}
    assert draft["media_item"]["distributed_by"] == "distributed by a channel that regularly posts Amaq material"


def test_a_channel_associated_with_a_group_is_reported_as_such_not_as_the_group():
    draft = draft_of(
        "A video of a captured soldier was distributed on Sunday by a Telegram channel associated with Hezbollah."
    )

    assert draft["media_item"]["producer"] == ""
    assert draft["media_item"]["distributed_by"] == "distributed by a Telegram channel associated with Hezbollah"


def test_a_channel_associated_with_a_named_media_wing_still_names_that_wing():
    draft = draft_of(
        "The three-minute video was posted on X by an account associated with the group's Umar Media wing."
    )

    assert draft["media_item"]["producer"] == "Umar Media"


@pytest.mark.parametrize(
    ("when", "precision", "earliest", "latest"),
    [
        ("last week", "week", "2023-02-27", "2023-03-05"),
        ("earlier this month", "month", "2023-03-01", "2023-03-31"),
        ("in March", "month", "2023-03-01", "2023-03-31"),
        ("on Tuesday", "day", "2023-03-07", "2023-03-07"),
    ],
)
def test_a_claim_dated_to_a_week_or_a_month_carries_its_range(when, precision, earliest, latest):
    claims = draft_of(f"Russia's defence ministry said {when} that none of its soldiers had been captured.")["claims"]

    assert [(c["stated_on_precision"], c["stated_on_earliest"], c["stated_on_latest"]) for c in claims] == [
        (precision, earliest, latest)
    ]


@pytest.mark.parametrize(
    ("dateline", "published"),
    [
        ("2023-03-09 07:45 UTC+3", "2023-03-09T04:45:00+00:00"),
        ("Tue 14 Mar 2023 09.40 GMT", "2023-03-14T09:40:00+00:00"),
        ("12/05/2022 - 14h32", "2022-05-12T14:32:00+00:00"),
        ("Issued: 3 February 2024, 16:00 EET", "2024-02-03T14:00:00+00:00"),
        ("20 октября 2017, 14:10", "2017-10-20T14:10:00+00:00"),
        ("jeudi 9 février 2023 - 08:00", "2023-02-09T08:00:00+00:00"),
        ("Published on 08/12/2022 à 15:20 - Modified on 08/12/2022 à 16:05", "2022-12-08T15:20:00+00:00"),
    ],
)
def test_datelines_in_other_forms_are_read(dateline, published):
    parsed = parse_scraped_report(report("Russia's defence ministry said on Monday that it had no losses.", dateline))

    assert parsed.to_dict()["published_at"] == published


def test_a_wire_dateline_before_the_outlet_tag_is_not_taken_into_the_body():
    raw = "Headline\n\nHeadline\n2023-03-14\n\nKYIV, March 14 (Reuters) - Ukraine's SBU said on Monday it held a man.\n"

    parsed = parse_scraped_report(raw)

    assert parsed.outlet == "Reuters"
    assert parsed.paragraphs[0].startswith("Ukraine's SBU said")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_parsing_any_text_either_says_why_it_cannot_or_keeps_the_raw_text(text):
    try:
        parsed = parse_scraped_report(report(text))
    except UnreadableReport as error:
        assert str(error)
        return
    assert parsed.raw_text == report(text)
    build_draft(parsed).to_dict()


@pytest.mark.django_db
def test_accepting_a_draft_stores_a_claim_dated_last_week_as_a_week_range(analyst_client):
    draft = services.ingest_report(
        report("Russia's defence ministry said last week that none of its soldiers near Bakhmut had been captured.")
    )

    response = analyst_client.post(
        reverse("api-v1:report-drafts-accept", args=[draft.pk]), {"paths": ["claims.0"]}, format="json"
    )

    assert response.status_code == 200, response.data
    claim = Claim.objects.get()
    assert claim.stated_on is None
    assert (claim.stated_on_earliest, claim.stated_on_latest, claim.stated_on_precision) == (
        dt.date(2023, 2, 27), dt.date(2023, 3, 5), "week")
