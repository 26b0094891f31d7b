"""GET /api/v1/me/: who the credentials belong to and what they may read."""

import pytest
from django.urls import reverse

from catalog.choices import TLP

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:me")


def test_a_partner_sees_its_clearance_and_the_key_it_used(partner_client_for):
    client = partner_client_for(name="Newsroom", max_tlp=TLP.AMBER, may_see_identities=True)

    data = client.get(URL).data

    assert data["kind"] == "partner"
    assert data["readable_tlps"] == ["clear", "green", "amber"]
    assert data["partner"] == {
        "name": "Newsroom", "max_tlp": "amber", "may_see_identities": True, "may_see_graphic": False,
    }
    assert data["key"]["prefix"] == client.api_key.prefix


def test_an_analyst_reads_every_marking(analyst_client):
    data = analyst_client.get(URL).data

    assert (data["kind"], data["partner"], data["key"], data["may_see_identities"]) == ("analyst", None, None, True)
    assert data["readable_tlps"] == list(TLP.values)


def test_an_outsider_is_refused(outsider_client, anonymous_client):
    assert outsider_client.get(URL).status_code == 403
    assert anonymous_client.get(URL).status_code == 401
