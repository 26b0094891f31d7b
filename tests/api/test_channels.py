import pytest
from django.urls import reverse

from catalog.choices import ChannelStatus
from catalog.models import Channel
from tests.api.helpers import listed_ids
from tests.factories import ChannelFactory, OrganizationFactory, SightingFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:channels-list")


def detail_url(channel):
    return reverse("api-v1:channels-detail", args=[channel.pk])


def test_an_analyst_creates_a_channel_with_its_operator(analyst_client):
    operator = OrganizationFactory(name="Amaq News Agency")

    response = analyst_client.post(
        LIST_URL, {"platform": "telegram", "handle": "@amaq_agency", "url": "https://t.me/amaq_agency",
                   "operator": operator.pk},
    )

    assert response.status_code == 201, response.data
    assert Channel.objects.get(pk=response.data["id"]).operator == operator
    assert response.data["operator"] == {"id": operator.pk, "name": "Amaq News Agency"}
    assert response.data["status"] == "active"


def test_it_rejects_an_unknown_platform_with_a_message_for_that_field(analyst_client):
    response = analyst_client.post(LIST_URL, {"platform": "myspace", "handle": "@x"})

    assert response.status_code == 400
    assert "myspace" in str(response.data["platform"][0])
    assert not Channel.objects.exists()


def test_it_rejects_a_malformed_url(analyst_client):
    response = analyst_client.post(LIST_URL, {"platform": "telegram", "url": "t.me without scheme"})

    assert response.status_code == 400
    assert response.data["url"]


def test_an_analyst_marks_a_channel_suspended(analyst_client):
    channel = ChannelFactory()

    response = analyst_client.patch(
        detail_url(channel), {"status": "suspended", "status_changed_at": "2017-10-10T00:00:00Z"}
    )

    assert response.status_code == 200, response.data
    channel.refresh_from_db()
    assert channel.status == ChannelStatus.SUSPENDED


def test_it_filters_by_status_platform_operator_and_handle_text(analyst_client):
    operator = OrganizationFactory()
    suspended = ChannelFactory(status=ChannelStatus.SUSPENDED, handle="@nashir_news")
    on_vk = ChannelFactory(platform="vkontakte", operator=operator)

    assert listed_ids(analyst_client.get(LIST_URL, {"status": "suspended"})) == {suspended.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"platform": "vkontakte"})) == {on_vk.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"operator": operator.pk})) == {on_vk.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"q": "nashir"})) == {suspended.pk}


def test_deleting_a_channel_with_sightings_is_refused_and_keeps_it(analyst_client):
    sighting = SightingFactory()

    response = analyst_client.delete(detail_url(sighting.channel))

    assert response.status_code == 409
    assert "sightings" in response.data["detail"]
    assert Channel.objects.filter(pk=sighting.channel.pk).exists()


def test_its_list_query_count_does_not_grow_with_page_size(assert_list_queries_constant):
    ChannelFactory.create_batch(12)

    assert_list_queries_constant(LIST_URL)
