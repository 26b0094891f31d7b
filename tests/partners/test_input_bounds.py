"""Numbers beyond what the database takes are answered as for any unknown value, never with a server error."""

import pytest
from django.urls import reverse

from catalog.choices import TLP
from tests.factories import MediaItemFactory, TagFactory

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:media-items-list")
HUGE = "-110203948170053446556188672"


def test_a_tag_key_beyond_64_bits_is_refused_like_an_unknown_tag(analyst_client):
    TagFactory()

    response = analyst_client.get(URL, {"tag": HUGE})

    assert response.status_code == 400
    assert HUGE in str(response.data["tag"])


def test_an_offset_beyond_64_bits_is_a_page_past_the_end(partner_client):
    MediaItemFactory(tlp=TLP.CLEAR)

    response = partner_client.get(URL, {"offset": "9" * 30})

    assert response.status_code == 200
    assert (response.data["count"], response.data["results"]) == (1, [])


def test_a_limit_beyond_64_bits_is_capped_at_1000_rows_not_an_error(analyst_client):
    MediaItemFactory.create_batch(3)

    response = analyst_client.get(URL, {"limit": "9" * 30})

    assert response.status_code == 200
    assert len(response.data["results"]) == 3
