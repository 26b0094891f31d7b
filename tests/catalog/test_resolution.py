import pytest

from catalog import services
from catalog.choices import PlaceKind
from catalog.models import Place
from tests.factories import IdentityAssertionFactory, PersonFactory, PersonNameVariantFactory, PlaceFactory

pytestmark = pytest.mark.django_db


def test_the_stated_name_in_either_order_ranks_the_right_person_first():
    roman = PersonFactory(canonical_name="Roman Zabolotny", birth_year=1979)
    PersonNameVariantFactory(person=roman, name="Роман Заболотный")
    PersonFactory(canonical_name="Roman Zabolotsky", birth_year=1990)
    assertion = IdentityAssertionFactory(name_as_stated="Zabolotny Roman", birth_year_as_stated=1979)

    candidates = services.person_candidates(assertion)

    assert candidates[0].person == roman
    assert candidates[0].score > candidates[1].score
    assert any("1979" in reason for reason in candidates[0].reasons)


def test_a_cyrillic_assertion_finds_a_person_recorded_in_latin_script():
    grigory = PersonFactory(canonical_name="Grigory Tsurkanov", birth_year=1978)
    PersonFactory(canonical_name="Georgy Tsurkanov", birth_year=1960)
    assertion = IdentityAssertionFactory(name_as_stated="Григорий Цурканов", birth_year_as_stated=1978)

    assert services.person_candidates(assertion)[0].person == grigory


def test_a_misspelt_region_resolves_to_one_place_with_its_parents():
    place = services.resolve_place("Rustav Oblast")

    assert (place.name, place.country_code, place.gazetteer_id) == ("Rostov Oblast", "RU-ROS", "iso:RU-ROS")
    assert place.parent.kind == PlaceKind.COUNTRY
    assert place.latitude is not None


def test_spellings_in_several_scripts_resolve_to_the_same_catalogue_place():
    latin = services.resolve_place("Deir Ezzor")
    transliterated = services.resolve_place("Deir ez-Zor")
    arabic = services.resolve_place("دير الزور")

    assert latin.pk == transliterated.pk == arabic.pk
    assert Place.objects.filter(gazetteer_id=latin.gazetteer_id).count() == 1


def test_an_unknown_place_resolves_to_nothing():
    PlaceFactory(name="Somewhere")

    assert services.resolve_place("Qwzxplk Vvrrtt") is None
