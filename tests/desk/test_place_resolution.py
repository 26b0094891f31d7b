"""/api/v1/place-resolution/: gazetteer candidates for a place name as written; POST one to catalogue it."""

import pytest
from django.urls import reverse

from catalog.models import Place

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:place-resolution")
AS_TRANSCRIBED = "Rustav Oblast in Aksaysk District in the village of Rassvet"


def test_a_misspelt_birthplace_resolves_to_the_village_within_its_district(analyst_client):
    response = analyst_client.get(URL, {"q": AS_TRANSCRIBED})

    assert response.status_code == 200, response.data
    best = response.data[0]
    assert best["name"] == "Rassvet"
    assert best["parents"][:2] == ["Aksaysky District", "Rostov Oblast"]
    assert best["confident"] is True
    assert best["place"] is None


def test_posting_a_candidate_makes_the_place_with_everything_containing_it(analyst_client):
    candidate = analyst_client.get(URL, {"q": AS_TRANSCRIBED}).data[0]

    response = analyst_client.post(URL, {"gazetteer_id": candidate["gazetteer_id"]}, format="json")

    assert response.status_code == 201, response.data
    rassvet = Place.objects.get(pk=response.data["id"])
    assert (rassvet.name, rassvet.gazetteer_id) == ("Rassvet", candidate["gazetteer_id"])
    assert rassvet.parent.name == "Aksaysky District"
    assert rassvet.parent.parent.name == "Rostov Oblast"
    assert analyst_client.get(URL, {"q": AS_TRANSCRIBED}).data[0]["place"] == rassvet.pk


def test_posting_the_same_candidate_again_answers_200_with_the_same_place(analyst_client):
    gazetteer_id = analyst_client.get(URL, {"q": "Domodedovo"}).data[0]["gazetteer_id"]
    first = analyst_client.post(URL, {"gazetteer_id": gazetteer_id}, format="json")

    again = analyst_client.post(URL, {"gazetteer_id": gazetteer_id}, format="json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.data["id"] == first.data["id"]
    assert Place.objects.filter(gazetteer_id=gazetteer_id).count() == 1


def test_a_country_hint_puts_that_countrys_place_first(analyst_client):
    unhinted = analyst_client.get(URL, {"q": "Tripoli"}).data
    hinted = analyst_client.get(URL, {"q": "Tripoli", "country": "LB"}).data

    assert unhinted[0]["country_code"] == "LY"
    assert hinted[0]["country_code"] == "LB"
    assert hinted[0]["score"] > hinted[1]["score"]


@pytest.mark.parametrize(
    "params, field", [({}, "q"), ({"q": "!!! ..."}, "q"), ({"q": "Rassvet", "kind": "planet"}, "kind")]
)
def test_a_missing_or_unreadable_name_is_refused_per_parameter(analyst_client, params, field):
    response = analyst_client.get(URL, params)

    assert response.status_code == 400
    assert list(response.data) == [field]


def test_an_unknown_gazetteer_entry_is_refused_and_nothing_is_made(analyst_client):
    response = analyst_client.post(URL, {"gazetteer_id": "gn:0"}, format="json")

    assert response.status_code == 400
    assert "no such entry" in response.data["gazetteer_id"][0]
    assert not Place.objects.exists()
