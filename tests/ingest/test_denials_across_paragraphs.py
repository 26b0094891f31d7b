"""Denials the first round missed (issue 12, point 5): a party's quoted answer in a later paragraph, "rejected
what it called ... accusations", a party never denying its own claim, and a statement linked only to the claim
it answers. Paragraphs are separated by blank lines, as in a scraped report."""

from catalog.ingest import build_draft, parse_scraped_report


def claims_of(*paragraphs, dateline="Sat, 18 Nov 2023 10:14:00 +0200"):
    body = "\n\n".join(paragraphs)
    raw = f"Headline of the report\n\nHeadline of the report\n{dateline}\n\n(monitor) -- {body}\n"
    return build_draft(parse_scraped_report(raw)).to_dict()["claims"]


def denied_by(claims, index):
    return [relation["target"] for relation in claims[index]["relations"] if relation["relation"] == "denies"]


def test_not_one_of_ours_quoted_in_the_next_paragraph_denies_the_capture_claim():
    claims = claims_of(
        "A Chechen Telegram channel said on Friday that its fighters had captured a Georgian volunteer near Bakhmut.",
        "Georgia's defence ministry answered the next morning.",
        '"He is not one of ours. Georgian citizens fighting abroad do so privately," the ministry said on Saturday.',
    )

    assert len(claims) == 2
    denial = claims[1]
    assert (denial["is_denial"], denial["claimant"], denial["kind"]) == (True, "the ministry", "capture")
    assert denial["text"].startswith("He is not one of ours")
    assert denial["stated_on"] == "2023-11-18"
    assert denied_by(claims, 1) == [0]


def test_a_quote_that_negates_nothing_said_before_stays_a_quote_only():
    claims = claims_of(
        "Kenya's army said on Friday that it had repelled an attack near Lamu.",
        '"There is no place for these groups in our country," the army said.',
    )

    assert [claim["is_denial"] for claim in claims] == [False]


def test_a_refusal_in_a_quote_is_not_a_denial():
    claims = claims_of(
        "Al-Shabaab said on Friday that it had captured two Kenyan soldiers near Lamu.",
        '"We will not allow the terrorists to use our men for propaganda," a Kenyan army spokesman said.',
    )

    assert [claim["is_denial"] for claim in claims] == [False]


def test_a_quote_after_a_reported_denial_gives_its_words_and_makes_no_second_denial():
    claims = claims_of(
        "Al-Shabaab said on Friday that it had captured two Kenyan soldiers near Lamu.",
        'The Kenya Defence Forces denied on Saturday that any soldier was missing. "We have no missing personnel '
        'in that sector," a spokesman told reporters.',
    )

    assert [claim["is_denial"] for claim in claims] == [False, True]
    assert denied_by(claims, 1) == [0]


def test_rejecting_what_it_called_unfounded_accusations_is_a_denial():
    claims = claims_of(
        "Amnesty International said in March that soldiers had killed dozens of civilians near Djibo.",
        "Burkina Faso's government rejected on Friday what it called unfounded accusations.",
    )

    denial = claims[-1]
    assert (denial["is_denial"], denial["claimant"]) == (True, "Burkina Faso's government")
    assert denied_by(claims, len(claims) - 1) == [0]


def test_a_partys_denial_never_links_to_its_own_claim():
    claims = claims_of(
        "The Taliban government's spokesman said on Thursday that security forces had arrested six ISIS-K members.",
        "Islamic State Khorasan said in March that the Taliban had tortured its members in custody.",
        "The Taliban have previously denied such accusations.",
    )

    assert claims[2]["is_denial"]
    assert denied_by(claims, 2) == [1]


def test_a_denial_that_says_what_it_denies_does_not_answer_an_unrelated_statement():
    claims = claims_of(
        "A source close to the investigation told Le Monde that the man left for Syria in 2013.",
        "Hayat Tahrir al-Sham denied on Monday that it accepts foreign fighters in its ranks.",
    )

    assert claims[1]["is_denial"]
    assert denied_by(claims, 1) == []


def test_rejecting_accusations_of_something_no_claim_says_answers_no_claim():
    claims = claims_of(
        "Pakistan's military said on Monday that security forces had captured a senior TTP commander.",
        "A TTP spokesman said in a statement that the man had left the group two years ago.",
        "Afghanistan's foreign ministry rejected what it called baseless accusations of support for militants.",
    )

    assert claims[2]["is_denial"]
    assert denied_by(claims, 2) == []


def test_a_denial_naming_a_place_answers_the_claim_about_that_place_only():
    claims = claims_of(
        "The Islamic Resistance in Iraq said on Friday that its fighters had attacked the US base at al-Tanf.",
        "The group said earlier this week that it had struck a vital target in Eilat.",
        "A US defence official denied that any attack had hit al-Tanf.",
    )

    assert denied_by(claims, 2) == [0]


def test_a_foreign_ministry_denial_answers_the_claim_that_blames_its_country_not_another_partys_statement():
    claims = claims_of(
        "Jordan's army said on Thursday that it had captured three smugglers linked to Iran-backed militias.",
        "Syria's army said last month that it had stepped up patrols along the border.",
        "Iran's foreign ministry denied on Friday any link to the smugglers.",
    )

    assert denied_by(claims, 2) == [0]


def test_denying_that_a_captive_belonged_to_a_group_answers_the_capture_claim():
    claims = claims_of(
        "Turkey's intelligence agency (MIT) said on Thursday it had captured a senior PKK militant in Iraq.",
        "The Firat news agency, which is close to the PKK, denied on Friday that the man had been a member of the group.",
    )

    assert claims[0]["claimant"] == "Turkey's intelligence agency (MIT)"
    assert denied_by(claims, 1) == [0]
