"""Times in the API read in the site's zone (UTC, with a Z) whatever zone the request runs under."""

import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MediaItemFactory, SightingFactory

pytestmark = pytest.mark.django_db


def test_an_item_and_its_timeline_read_in_utc_while_another_zone_is_active(analyst_client):
    item = MediaItemFactory()
    SightingFactory(media_item=item)

    with timezone.override(zoneinfo.ZoneInfo("Asia/Tokyo")):
        detail = analyst_client.get(reverse("api-v1:media-items-detail", args=[item.pk])).data
        listed = analyst_client.get(reverse("api-v1:media-items-list")).data["results"][0]

    times = (detail["created_at"], detail["first_seen_at"], detail["sightings"][0]["posted_at"], listed["created_at"])
    for value in times:
        assert value.endswith("Z"), value
    assert detail["created_at"] == item.created_at.astimezone(zoneinfo.ZoneInfo("UTC")).isoformat().replace("+00:00", "Z")
