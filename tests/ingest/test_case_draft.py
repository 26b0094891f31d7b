"""The Deir Ezzor case, as a draft for an analyst."""


def test_the_media_item_is_an_amaq_video_released_on_tuesday_showing_prisoners(case_draft):
    item = case_draft["media_item"]
    assert (item["kind"], item["release_date"], item["producer"], item["producer_affiliation"]) == (
        "video",
        "2017-10-03",
        "Amaq",
        "Isis",
    )
    assert item["graphic"] == ["prisoners", "injured"]
    assert item["languages"] == ["ru", "ar"]
    assert item["title_suggestion"] == "Amaq video: Zabolotny Roman, Tsurkanov Gregory"


def test_the_channels_are_amaq_telegram_and_other_social_media(case_draft):
    assert [(c["platform"], c["name_as_written"]) for c in case_draft["channels"]] == [
        ("news_wire", "Amaq"),
        ("telegram", "Telegram"),
        ("other", "social media"),
    ]


def test_the_organisations_carry_their_roles_in_the_report(case_draft):
    roles = {o["name"]: (o["kind"], o["roles"]) for o in case_draft["organisations"]}
    assert roles["Amaq"] == ("armed_group_media", ["producer"])
    assert roles["Isis"] == ("armed_group", ["affiliate", "claimant"])
    assert roles["newsweek"] == ("news_outlet", ["source_outlet"])
    assert roles["Tass"] == ("news_outlet", ["wire"])
    assert roles["Associated Press"] == ("news_outlet", ["wire"])


def test_the_first_man_identifies_himself_with_his_birth_year_and_birthplace_as_stated(case_draft):
    first = case_draft["identities"][0]
    assert first["name_as_stated"] == "Zabolotny Roman"
    assert first["birth_year"] == 1979
    assert first["birthplace_as_stated"] == "Rustav Oblast in Aksaysk District in the village of Rassvet"
    assert (first["mode"], first["named_by"], first["script"]) == ("self_identified", None, "latin")
    assert first["evidence"].startswith('"I am Zabolotny Roman')


def test_the_second_man_is_named_by_the_first(case_draft):
    second = case_draft["identities"][1]
    assert (second["name_as_stated"], second["birth_year"], second["birthplace_as_stated"]) == (
        "Tsurkanov Gregory",
        1978,
        "the Domodedovo area",
    )
    assert (second["mode"], second["named_by"]) == ("named_by_other", 0)
    assert len(case_draft["identities"]) == 2


def test_the_claims_have_claimants_and_dates_resolved_against_the_dateline(case_draft):
    claims = [(c["kind"], c["claimant"], c["stated_on"], c["is_denial"]) for c in case_draft["claims"]]
    assert claims == [
        ("capture", "Isis", "2017-10-03", False),
        ("capture", "Moscow", None, True),
        ("capture", "One man", "2017-10-03", False),
        ("capture", "Isis", "2017-09-28", False),
        ("capture", "a representative of Russia's Hmeymim airbase in western Syria", "2017-09-28", True),
        ("capture", "the spokesperson", "2017-10-03", True),
        ("capture", "Russia's defense ministry", None, True),
        ("responsibility", "Isis", None, False),
        ("casualty", "Russia", None, False),
        ("responsibility", "The defense ministry", None, False),
    ]


def test_the_islamic_state_claim_of_thursday_is_dated_28_september(case_draft):
    claim = case_draft["claims"][3]
    assert claim["text"].startswith("Isis first claimed Thursday it had captured two Russian soldiers")
    assert (claim["stated_on"], claim["stated_on_text"]) == ("2017-09-28", "Thursday")


def test_the_hmeymim_denial_of_thursday_denies_only_the_claim_made_by_then(case_draft):
    denial = case_draft["claims"][4]
    assert denial["relations"] == [{"relation": "denies", "target": 3}]


def test_the_denial_repeated_on_tuesday_denies_every_capture_claim(case_draft):
    repeated = case_draft["claims"][5]
    assert repeated["text"] == "the spokesperson repeated these claims on Tuesday."
    assert repeated["relations"] == [
        {"relation": "denies", "target": 0},
        {"relation": "denies", "target": 2},
        {"relation": "denies", "target": 3},
        {"relation": "repeats", "target": 4},
    ]


def test_the_defence_ministry_statement_repeats_the_spokesperson(case_draft):
    assert {"relation": "repeats", "target": 5} in case_draft["claims"][6]["relations"]


def test_the_places_are_named_as_written_with_kind_hints(case_draft):
    assert [(p["name"], p["kind"]) for p in case_draft["places"]] == [
        ("Syria", "country"),
        ("Deir Ezzor", "city"),
        ("Rassvet", "village"),
        ("Shula", "village"),
        ("Rustav Oblast", "region"),
        ("Aksaysk District", "district"),
        ("Domodedovo", "city"),
        ("Euphrates", ""),
        ("Hmeymim", "facility"),
        ("Syrian Arab Republic", "country"),
        ("Deir Ezzor Governorate", "region"),
        ("Damascus", "city"),
    ]


def test_every_proposed_value_carries_the_sentence_it_came_from(case_draft):
    for section in ("organisations", "channels", "identities", "claims", "places"):
        for item in case_draft[section]:
            assert item["evidence"], (section, item)
