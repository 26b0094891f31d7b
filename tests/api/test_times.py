"""Times in the API read in the site's zone (UTC, with a Z) whatever zone the request runs under."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from provenance.api.fields import DateTimeField

from tests.factories import MediaItemFactory, SightingFactory


@pytest.mark.django_db
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


def rendered(field, value, render):
    try:
        return render(field, value)
    except ValidationError as error:  # a time beyond what a zone can hold
        return ("refused", error.detail)


@given(st.datetimes(timezones=st.none() | st.just(dt.timezone.utc) | st.timezones()))
def test_a_time_renders_as_drfs_field_renders_it_in_every_zone(value):
    field = DateTimeField()

    assert rendered(field, value, DateTimeField.to_representation) == rendered(
        field, value, serializers.DateTimeField.to_representation
    )
