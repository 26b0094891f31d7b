import pytest

from catalog.resolution.people import (
    CONFIDENT,
    AssertedIdentity,
    PersonRecord,
    find_contradictions,
    name_similarity,
    rank_candidates,
)

pytestmark = pytest.mark.django_db  # birthplaces are compared through the gazetteer table

ROMAN = PersonRecord("roman", "Roman Zabolotny", ("Роман Заболотный",), 1979,
                     "Rassvet, Aksaysky District, Rostov Oblast")
GRIGORY = PersonRecord("grigory", "Григорий Цурканов", (), 1978, "Domodedovo")
RUSLAN = PersonRecord("ruslan", "Ruslan Zabolotny", (), 1979, "Krasnodar")
GEORGY = PersonRecord("georgy", "Georgy Tsurkanov", (), 1990, "Domodedovo")
PERSONS = [ROMAN, GRIGORY, RUSLAN, GEORGY]


def test_it_matches_names_in_either_order():
    assert name_similarity("Zabolotny Roman", "Roman Zabolotny") == 1.0
    best = rank_candidates(AssertedIdentity("Zabolotny Roman"), PERSONS)[0]
    assert best.person_id == "roman" and best.score >= CONFIDENT


@pytest.mark.parametrize("spelling", ["Grigory Tsurkanov", "Grigoriy Tsurkanov", "Gregory Tsurkanov",
                                      "Tsurkanov Gregory", "Grigorij Curkanov"])
def test_latin_spellings_find_the_person_recorded_in_cyrillic(spelling):
    best = rank_candidates(AssertedIdentity(spelling), PERSONS)[0]
    assert best.person_id == "grigory" and best.score >= CONFIDENT


def test_an_arabic_name_meets_its_latin_spelling_but_not_a_different_name():
    assert name_similarity("أحمد الحمدان", "Ahmad al-Hamdan") > 0.9
    assert name_similarity("أحمد الحمدان", "Mohammed al-Hamdani") < name_similarity("أحمد الحمدان", "Ahmad Hamdan")


def test_the_identities_stated_in_the_video_rank_the_right_person_first_with_reasons():
    roman = rank_candidates(AssertedIdentity(
        "Zabolotny Roman", 1979, "Rustav Oblast in Aksaysk District in the village of Rassvet"), PERSONS)
    assert [c.person_id for c in roman[:2]] == ["roman", "ruslan"]
    assert roman[0].score > 0.95
    assert roman[0].reasons[1] == "birth year 1979 matches"
    assert "agrees with the recorded" in roman[0].reasons[2] and "both are Rassvet" in roman[0].reasons[2]
    grigory = rank_candidates(AssertedIdentity("Tsurkanov Gregory", 1978, "in the Domodedovo area"), PERSONS)
    assert grigory[0].person_id == "grigory" and grigory[0].score > 0.95
    assert grigory[1].person_id == "georgy" and "contradicts the recorded 1990" in grigory[1].reasons[1]


def test_birth_year_decides_between_namesakes():
    older = PersonRecord("older", "Roman Zabolotny", (), 1979)
    younger = PersonRecord("younger", "Roman Zabolotnyy", (), 1985)
    without_year = rank_candidates(AssertedIdentity("Роман Заболотный"), [older, younger])
    assert without_year[0].score == without_year[1].score
    assert rank_candidates(AssertedIdentity("Роман Заболотный", 1985), [older, younger])[0].person_id == "younger"
    assert rank_candidates(AssertedIdentity("Роман Заболотный", 1979), [older, younger])[0].person_id == "older"


def test_a_contradicting_birth_year_lowers_the_score_and_says_so():
    agreeing = rank_candidates(AssertedIdentity("Roman Zabolotny", 1979), [ROMAN])[0]
    contradicting = rank_candidates(AssertedIdentity("Roman Zabolotny", 1985), [ROMAN])[0]
    assert contradicting.score < CONFIDENT < agreeing.score
    assert contradicting.reasons[1] == "birth year 1985 contradicts the recorded 1979"


def test_a_birthplace_within_the_recorded_one_is_agreement_and_another_region_is_not():
    inside = rank_candidates(AssertedIdentity("Roman Zabolotny", birthplace="Rostov Oblast"), [ROMAN])[0]
    elsewhere = rank_candidates(AssertedIdentity("Roman Zabolotny", birthplace="Krasnodar Krai"), [ROMAN])[0]
    assert inside.score > elsewhere.score
    assert "contains Rassvet" in inside.reasons[1]
    assert "contradicts" in elsewhere.reasons[1]


def test_a_similar_name_ranks_below_the_same_name():
    ranked = rank_candidates(AssertedIdentity("Ruslan Zabolotny"), PERSONS)
    assert [c.person_id for c in ranked[:2]] == ["ruslan", "roman"]
    assert ranked[1].score < CONFIDENT


def test_unrelated_names_are_not_candidates():
    assert rank_candidates(AssertedIdentity("Vasily Lomachenko", 1979), PERSONS) == []


def test_an_assertion_without_a_name_is_refused_with_a_clear_error():
    with pytest.raises(ValueError, match="needs a name"):
        rank_candidates(AssertedIdentity("  "), PERSONS)


def test_different_birth_years_for_one_person_are_a_finding():
    findings = find_contradictions([
        AssertedIdentity("Zabolotny Roman", 1979, source="IS video"),
        AssertedIdentity("Роман Заболотный", 1981, source="VK profile"),
    ])
    assert [f.kind for f in findings] == ["birth_year"]
    assert findings[0].message == (
        "Different birth years are stated for this person: 1979 (IS video); 1981 (VK profile).")
    assert findings[0].values == ("1979", "1981")


def test_birthplaces_at_different_levels_of_one_place_agree_but_different_places_do_not():
    stated_in_video = "Rustav Oblast in Aksaysk District in the village of Rassvet"
    nested = [AssertedIdentity("Roman Zabolotny", birthplace=stated_in_video),
              AssertedIdentity("Roman Zabolotny", birthplace="Rostov Oblast")]
    assert find_contradictions(nested) == []
    apart = nested + [AssertedIdentity("Roman Zabolotny", birthplace="Deir ez-Zor", source="a repost")]
    (finding,) = find_contradictions(apart)
    assert finding.kind == "birthplace"
    assert "'Deir ez-Zor' (a repost)" in finding.message and "Rassvet (RU) is not Deir ez-Zor (SY)" in finding.message


def test_conflicting_affiliations_are_a_finding_but_a_respelling_is_not():
    assert find_contradictions([AssertedIdentity("X", affiliation="Russian Armed Forces"),
                                AssertedIdentity("X", affiliation="russian armed forces")]) == []
    (finding,) = find_contradictions([AssertedIdentity("X", affiliation="Russian Armed Forces"),
                                      AssertedIdentity("X", affiliation="FSB")])
    assert finding.kind == "affiliation"
    assert finding.message == ("Conflicting affiliations are stated for this person: "
                               "'Russian Armed Forces' (assertion 1) and 'FSB' (assertion 2).")
