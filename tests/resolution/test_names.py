import pytest

from catalog.resolution import names


def test_григорий_shares_a_key_with_grigory_grigoriy_and_gregory():
    cyrillic = names.latin_keys("Григорий")
    for spelling in ("Grigory", "Grigoriy", "Gregory", "Grigorij", "Grigorii"):
        assert cyrillic & names.latin_keys(spelling), spelling


def test_different_given_names_do_not_share_a_key():
    assert not names.latin_keys("Григорий") & names.latin_keys("Georgy")


def test_it_transliterates_under_each_system():
    spellings = names.transliterate("Григорий Заболотный")
    assert spellings["bgn_pcgn"] == "Grigoriy Zabolotnyy"
    assert spellings["iso9"] == "Grigorij Zabolotnyj"
    assert spellings["iso9_system_b"] == "Grigorij Zabolotny`j"
    assert spellings["scientific"] == "Grigorij Zabolotnyj"
    assert spellings["passport"] == "Grigorii Zabolotnyi"
    assert spellings["english"] == "Grigory Zabolotny"


def test_it_knows_the_english_equivalents_of_russian_given_names():
    assert "Gregory" in names.english_given_names("Григорий")
    assert {"Yuri", "Yury"} <= set(names.english_given_names("Юрий"))
    assert "Alexander" in names.english_given_names("Александр")
    assert "Григорий" not in names.english_given_names("Gregory")  # it answers in Latin script
    assert "Gregory" in names.english_given_names("Grigoriy")


def test_it_offers_cyrillic_spellings_for_a_latin_name():
    assert names.to_cyrillic("Tsurkanov")[0] == "Цурканов"
    assert names.to_cyrillic("Zabolotny")[0] == "Заболотный"
    assert names.to_cyrillic("Grigory")[0] == "Григорий"
    assert names.to_cyrillic("Yuri")[0] == "Юрий"
    assert "Зайцев" in names.to_cyrillic("Zaytsev")[:2]


def test_normalising_drops_case_marks_hyphens_and_apostrophes_but_keeps_the_script():
    assert names.normalise("  Déir ez-Zôr ") == "deir ez zor"
    assert names.normalise("Il'ya  Solov’yov") == "ilya solovyov"
    assert names.normalise("ФЁДОР Йошкар-Ола") == "федор йошкар ола"
    assert names.normalise("دير الزور") == "دير الزور"


def test_arabic_normalisation_unifies_alef_hamza_ta_marbuta_diacritics_and_tatweel():
    assert names.normalise("أحمد") == names.normalise("احمد") == names.normalise("إحمد")
    assert names.normalise("الرقة") == names.normalise("الرقه")
    assert names.normalise("دَيْرُ الزُّورِ") == names.normalise("دير الزور")
    assert names.normalise("مـحـمـد") == names.normalise("محمد")


def test_arabic_romanisation_gives_comparable_keys():
    assert names.romanise_arabic("دير الزور") == "dir zur"
    assert names.consonant_skeleton(names.loose_token("muhammad")) == names.consonant_skeleton(
        names.loose_token(names.romanise_arabic("محمد")))


def test_consonant_skeletons_ignore_vowels_but_keep_a_final_i():
    skeleton = names.consonant_skeleton
    assert skeleton(names.loose_token("yusuf")) == skeleton(names.loose_token("youssef"))
    assert skeleton(names.loose_token("haddad")) != skeleton(names.loose_token("haddadi"))


def test_names_in_either_order_have_the_same_words():
    (forward,) = names.latin_keys("Zabolotny Roman")
    (backward,) = names.latin_keys("Роман Заболотный")
    assert sorted(forward.split()) == sorted(backward.split())


def test_an_empty_name_is_refused_with_a_clear_error():
    with pytest.raises(ValueError, match="name is needed"):
        names.latin_keys(" - ")
    with pytest.raises(ValueError, match="name is needed"):
        names.to_cyrillic("")
