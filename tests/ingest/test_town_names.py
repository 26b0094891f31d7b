"""Which words are towns is asked of the gazetteer table (one copy per database), not of a list in each process."""

from types import SimpleNamespace

import pytest

from catalog.choices import PlaceKind
from catalog.ingest.names import CITY_POPULATION, is_city_name, is_demonym
from catalog.ingest.places import extract_places
from catalog.models import GazetteerEntry, GazetteerName
from catalog.resolution.gazetteer_keys import index_keys


@pytest.fixture(autouse=True)
def forgotten_answers():
    is_city_name.cache_clear()
    yield
    is_city_name.cache_clear()


def add_town(name, population, *aliases, entry_id="gn:990000001"):
    entry = GazetteerEntry.objects.create(id=entry_id, name=name, kind=PlaceKind.CITY, country_code="SY",
                                          population=population, source="test")
    GazetteerName.objects.bulk_create(
        GazetteerName(entry=entry, alias=alias, key=key, match=match, skeleton=skeleton)
        for alias in {name, *aliases} for key, match, skeleton in index_keys(alias)
    )


def places(text):
    report = SimpleNamespace(title="", paragraphs=[text], captions=[])
    return [(place.name, place.kind) for place in extract_places(report, [])]


def test_a_town_known_only_to_the_gazetteer_table_is_drafted_as_a_city():
    assert places("Fighters entered Zarqawiyah on Monday.") == []
    add_town("Zarqawiyah", CITY_POPULATION)
    is_city_name.cache_clear()

    assert places("Fighters entered Zarqawiyah on Monday.") == [("Zarqawiyah", PlaceKind.CITY)]


def test_a_town_is_found_by_any_of_its_names_whatever_the_accents_and_apostrophes():
    add_town("Zarqawiyah", CITY_POPULATION, "Zarqāwiyya")
    assert is_city_name("Zarqawiyya")
    assert is_city_name("Zarqawiyah")


def test_a_place_smaller_than_a_town_is_not_one():
    add_town("Zarqawiyah", CITY_POPULATION - 1)
    assert not is_city_name("Zarqawiyah")


def test_a_town_named_like_a_nationality_is_a_town():
    assert is_demonym("Syrian")
    add_town("Syrian", CITY_POPULATION)
    is_city_name.cache_clear()

    assert not is_demonym("Syrian")


def test_the_gazetteers_real_towns_are_towns():
    assert is_city_name("Kramatorsk") and is_city_name("Raqqa")
    assert not is_city_name("kramatorsk")  # a word in prose, not a name
