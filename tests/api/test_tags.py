import pytest
from django.urls import reverse

from catalog.models import Tag
from tests.factories import TagFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:tags-list")


def test_an_analyst_creates_and_renames_a_tag(analyst_client):
    created = analyst_client.post(LIST_URL, {"name": "prisoner-video"})
    renamed = analyst_client.patch(reverse("api-v1:tags-detail", args=[created.data["id"]]), {"name": "captives"})

    assert (created.status_code, renamed.status_code) == (201, 200)
    assert list(Tag.objects.values_list("name", flat=True)) == ["captives"]


def test_a_duplicate_tag_name_is_refused(analyst_client):
    TagFactory(name="amaq")

    response = analyst_client.post(LIST_URL, {"name": "amaq"})

    assert response.status_code == 400
    assert response.data["name"]
    assert Tag.objects.count() == 1


def test_it_finds_tags_by_part_of_their_name(analyst_client):
    TagFactory(name="prisoner-video")
    TagFactory(name="amaq")

    response = analyst_client.get(LIST_URL, {"q": "prisoner"})

    assert [row["name"] for row in response.data["results"]] == ["prisoner-video"]


def test_its_list_query_count_does_not_grow_with_page_size(assert_list_queries_constant):
    TagFactory.create_batch(12)

    assert_list_queries_constant(LIST_URL)
