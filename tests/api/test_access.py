"""Anonymous callers get nothing; logged-in non-analysts are refused; analysts read every list."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from catalog.api.urls import router as catalog_router
from provenance.api.urls import router as provenance_router
from tests.factories import MediaItemFactory, UserFactory

pytestmark = pytest.mark.django_db

ROUTES = [
    "media-items", "sightings", "channels", "organizations", "people", "identity-assertions", "claims",
    "claim-links", "places", "reports", "quotes", "tags", "review-events", "media-files", "enrichment-jobs",
]


def test_every_registered_route_is_covered_here():
    registered = [basename for router in (catalog_router, provenance_router) for _, _, basename in router.registry]

    assert sorted(registered) == sorted(ROUTES)


@pytest.mark.parametrize("route", ROUTES)
def test_an_anonymous_caller_gets_nothing_from_a_list(anonymous_client, route):
    MediaItemFactory()

    response = anonymous_client.get(reverse(f"api-v1:{route}-list"))

    assert response.status_code in (401, 403)
    assert "results" not in response.data


@pytest.mark.parametrize("route", ROUTES)
def test_a_logged_in_non_analyst_is_refused_a_list(outsider_client, route):
    response = outsider_client.get(reverse(f"api-v1:{route}-list"))

    assert response.status_code == 403


@pytest.mark.parametrize("route", ROUTES)
def test_an_analyst_reads_every_list(analyst_client, route):
    response = analyst_client.get(reverse(f"api-v1:{route}-list"))

    assert response.status_code == 200
    assert response.data["results"] == []


def test_an_anonymous_caller_cannot_read_an_item_or_the_api_root(anonymous_client):
    item = MediaItemFactory()

    assert anonymous_client.get(reverse("api-v1:media-items-detail", args=[item.pk])).status_code in (401, 403)
    assert anonymous_client.get(reverse("api-v1:api-root")).status_code in (401, 403)


def test_an_anonymous_caller_cannot_create_anything(anonymous_client):
    response = anonymous_client.post(reverse("api-v1:tags-list"), {"name": "x"})

    assert response.status_code in (401, 403)


def test_staff_members_count_as_analysts(db):
    client = APIClient()
    client.force_authenticate(UserFactory(is_staff=True))

    assert client.get(reverse("api-v1:media-items-list")).status_code == 200


def test_an_inactive_analyst_is_refused(analyst):
    analyst.is_active = False
    analyst.save()
    client = APIClient()
    client.force_authenticate(analyst)

    assert client.get(reverse("api-v1:media-items-list")).status_code == 403
