import pytest
from django.urls import reverse

from catalog.choices import Platform
from catalog.models import Sighting
from tests.api.helpers import aware, listed_ids
from tests.factories import ChannelFactory, MediaItemFactory, PlaceFactory, SightingFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:sightings-list")


def detail_url(sighting):
    return reverse("api-v1:sightings-detail", args=[sighting.pk])


def test_an_analyst_records_a_repost_derived_from_the_original_release(analyst_client):
    original = SightingFactory(kind="original_release")
    channel = ChannelFactory(platform=Platform.X_TWITTER, handle="@reposter")

    response = analyst_client.post(
        LIST_URL,
        {"media_item": original.media_item.pk, "channel": channel.pk, "kind": "repost",
         "url": "https://x.com/reposter/status/1", "posted_at": "2017-10-03T16:00:00Z",
         "derived_from": original.pk},
    )

    assert response.status_code == 201, response.data
    repost = Sighting.objects.get(pk=response.data["id"])
    assert (repost.derived_from, repost.channel) == (original, channel)
    assert response.data["derived_from"] == {"id": original.pk, "url": original.url}
    assert response.data["channel"]["handle"] == "@reposter"


def test_a_sighting_cannot_derive_from_itself(analyst_client):
    sighting = SightingFactory()

    response = analyst_client.patch(detail_url(sighting), {"derived_from": sighting.pk})

    assert response.status_code == 400
    assert "itself" in str(response.data["derived_from"][0])
    sighting.refresh_from_db()
    assert sighting.derived_from is None


def test_it_refuses_a_takedown_before_the_post(analyst_client):
    sighting = SightingFactory(posted_at=aware(2017, 10, 3, 15))

    response = analyst_client.patch(detail_url(sighting), {"taken_down_at": "2017-10-03T14:00:00Z"})

    assert response.status_code == 400
    assert "taken down before" in str(response.data["taken_down_at"][0])


def test_it_rejects_an_unknown_kind(analyst_client):
    response = analyst_client.post(
        LIST_URL, {"media_item": MediaItemFactory().pk, "channel": ChannelFactory().pk, "kind": "leak"}
    )

    assert response.status_code == 400
    assert "leak" in str(response.data["kind"][0])


def test_it_filters_by_platform_channel_and_item(analyst_client):
    on_telegram = SightingFactory(channel=ChannelFactory(platform=Platform.TELEGRAM))
    on_vk = SightingFactory(channel=ChannelFactory(platform=Platform.VKONTAKTE))

    assert listed_ids(analyst_client.get(LIST_URL, {"platform": "vkontakte"})) == {on_vk.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"channel": on_telegram.channel.pk})) == {on_telegram.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"media_item": on_vk.media_item.pk})) == {on_vk.pk}


def test_it_filters_by_posting_date(analyst_client):
    early = SightingFactory(posted_at=aware(2017, 10, 3, 15))
    SightingFactory(posted_at=aware(2017, 10, 5, 9))

    response = analyst_client.get(LIST_URL, {"posted_at_after": "2017-10-03", "posted_at_before": "2017-10-03"})

    assert listed_ids(response) == {early.pk}


def test_it_rejects_an_unknown_platform_filter(analyst_client):
    response = analyst_client.get(LIST_URL, {"platform": "myspace"})

    assert response.status_code == 400
    assert "myspace" in str(response.data["platform"][0])


def test_deleting_a_sighting_unlinks_the_sightings_derived_from_it(analyst_client):
    original = SightingFactory()
    repost = SightingFactory(media_item=original.media_item, derived_from=original)

    assert analyst_client.delete(detail_url(original)).status_code == 204
    repost.refresh_from_db()
    assert repost.derived_from is None


def test_its_list_query_count_does_not_grow_with_page_size(assert_list_queries_constant):
    for _ in range(12):
        original = SightingFactory(place=PlaceFactory())
        SightingFactory(media_item=original.media_item, derived_from=original, place=PlaceFactory())

    assert_list_queries_constant(LIST_URL)
