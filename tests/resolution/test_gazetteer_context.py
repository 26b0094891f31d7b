"""Context ranking and honest uncertainty: compound phrases, the report's country, places GeoNames lacks."""

import io
import json

import pytest
from django.core.management import call_command

from catalog.models import GazetteerEntry, GazetteerName
from catalog.resolution import gazetteer as gazetteer_module
from catalog.resolution.gazetteer import get_gazetteer
from catalog.resolution.gazetteer_source import DATA_DIR, GEONAMES, build_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def gazetteer():
    return get_gazetteer()


@pytest.mark.parametrize("phrase, place_id, country", [
    ("Urgup, Nevsehir", "gn:298326", "TR"),
    ("born in Nevsehir province, in the district of Urgup", "gn:298326", "TR"),
    ("Kirkuk Governorate, Hawija", "gn:390188", "IQ"),
    ("Bakhmut, Donetsk Oblast", "gn:713174", "UA"),
    ("Rustav Oblast in Aksaysk District in the village of Rassvet", "local:rassvet-aksaysky", "RU"),
])
def test_a_town_and_its_province_named_together_resolve_to_the_town(gazetteer, phrase, place_id, country):
    best = gazetteer.resolve(phrase)[0]

    assert (best.place_id, best.country_code, best.confident) == (place_id, country, True)


def test_a_town_named_alone_is_confident_only_when_prominent(gazetteer):
    assert gazetteer.best("Urgup") is None  # 16,000 people, and nothing else said
    assert gazetteer.best("Nevsehir").country_code == "TR"


def test_another_place_the_report_names_supports_a_village_in_its_province(gazetteer):
    alone = gazetteer.resolve("Hawija", "IQ")[0]
    beside_kirkuk = gazetteer.resolve("Hawija", "IQ", context=["Kirkuk"])[0]

    assert alone.place_id == beside_kirkuk.place_id == "gn:390188"
    assert beside_kirkuk.confident and beside_kirkuk.score > alone.score


@pytest.mark.parametrize("village", ["Khasham", "Hatla"])
def test_a_syrian_village_missing_from_the_gazetteer_never_resolves_confidently_abroad(gazetteer, village):
    for candidate in gazetteer.resolve(village, "SY") + gazetteer.resolve(village):
        assert not (candidate.confident and candidate.country_code != "SY"), candidate


def test_namesakes_in_the_reports_country_leave_the_analyst_to_choose(gazetteer):
    candidates = gazetteer.resolve("village of Rassvet", "RU")

    assert not candidates[0].confident
    assert {"gn:502738", "gn:1493783", "local:rassvet-aksaysky"} <= {c.place_id for c in candidates}
    proposal = candidates[0].as_proposal()
    assert set(proposal) == {"id", "name", "country", "admin1", "latitude", "longitude", "score"}


def test_a_misspelling_is_found_through_the_trigram_index_or_the_prefix_fallback(gazetteer):
    best = gazetteer.resolve("Dier Ezor")[0]

    assert best.place_id == "gn:170794"
    assert best.matched_alias != "Dier Ezor"


def test_the_migration_loaded_geonames_villages_and_the_projects_sourced_rows():
    rassvet = GazetteerEntry.objects.get(pk="gn:502738")
    assert (rassvet.kind, rassvet.source, rassvet.admin1, rassvet.parent_id) == ("village", GEONAMES, "RU.61",
                                                                                 "iso:RU-ROS")
    assert GazetteerEntry.objects.filter(pk__startswith="gn:").count() > 200_000
    shula = GazetteerEntry.objects.get(pk="local:shula-deir-ez-zor")
    assert "cities500" in shula.source
    assert GazetteerName.objects.filter(entry_id="gn:170794", key="deirezzor", match="l").exists()


def test_every_hand_added_row_names_its_source():
    rows = json.loads((DATA_DIR / "places.json").read_text(encoding="utf-8"))["places"]

    assert rows and all(row["source"].strip() for row in rows)


def test_a_hand_added_place_is_not_one_geonames_already_holds():
    rows = json.loads((DATA_DIR / "places.json").read_text(encoding="utf-8"))["places"]
    own = [row for row in rows if row["id"].startswith("local:")]
    geonames = GazetteerEntry.objects.filter(pk__startswith="gn:", country_code__in=["RU", "SY"])

    for row in own:
        assert not geonames.filter(name__iexact=row["name"], latitude__range=(row["latitude"] - 0.1,
                                                                              row["latitude"] + 0.1)).exists(), row


def test_held_out_villages_are_left_out_of_what_is_loaded():
    entries = build_entries(exclude={502738})

    assert "gn:502738" not in entries and "gn:1493783" in entries


def test_load_gazetteer_replaces_the_table_with_what_it_reads():
    # Inside the test's transaction: rolled back afterwards, so the other tests keep the full table.
    output = io.StringIO()
    try:
        call_command("load_gazetteer", "--country", "SY", stdout=output)

        assert "Loaded" in output.getvalue()
        assert GazetteerEntry.objects.filter(pk="gn:170794", source=GEONAMES).exists()  # Deir ez-Zor
        assert not GazetteerEntry.objects.filter(pk="gn:298326").exists()  # Ürgüp, Turkey: not asked for
        assert GazetteerEntry.objects.filter(pk="iso:TR-50").exists()  # subdivisions and countries always
        assert GazetteerEntry.objects.get(pk="local:shula-deir-ez-zor").parent_id == "iso:SY-DY"
        assert get_gazetteer().resolve("Deir ez-Zor")[0].place_id == "gn:170794"
    finally:
        gazetteer_module._cached_entry.cache_clear()
