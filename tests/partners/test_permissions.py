"""Partners read only: a write is refused (403), or not offered at all (405) on a read-only endpoint."""

import pytest
from django.urls import reverse

from catalog.choices import TLP
from catalog.models import MediaItem, Tag
from tests.factories import ClaimFactory, IdentityAssertionFactory, MediaItemFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_a_partner_cannot_create_an_item(partner_client):
    response = partner_client.post(reverse("api-v1:media-items-list"), {"kind": "video", "title": "t"})

    assert response.status_code == 403
    assert not MediaItem.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_a_partner_cannot_change_or_delete_a_tag_it_may_read(partner_client, method):
    tag = TagFactory(name="prisoners")

    response = getattr(partner_client, method)(reverse("api-v1:tags-detail", args=[tag.pk]), {"name": "x"})

    assert response.status_code == 403
    assert Tag.objects.get().name == "prisoners"


def test_a_write_to_a_record_above_clearance_is_refused_like_any_write(partner_client):
    hidden, shown = MediaItemFactory(tlp=TLP.RED), MediaItemFactory(tlp=TLP.GREEN)

    answers = {
        partner_client.patch(reverse("api-v1:media-items-detail", args=[pk]), {"title": "x"}).status_code
        for pk in (hidden.pk, shown.pk, 10**9)
    }

    assert answers == {403}


@pytest.mark.parametrize(
    "url_name, subject",
    [
        ("api-v1:media-items-review", lambda: MediaItemFactory(tlp=TLP.GREEN)),
        ("api-v1:claims-review", lambda: ClaimFactory(tlp=TLP.GREEN, media_item=None)),
        ("api-v1:identity-assertions-resolve", lambda: IdentityAssertionFactory(media_item__tlp=TLP.GREEN)),
        ("api-v1:media-items-files", lambda: MediaItemFactory(tlp=TLP.GREEN)),
    ],
)
def test_a_partner_cannot_use_the_review_resolve_or_upload_actions(partner_client, url_name, subject):
    response = partner_client.post(reverse(url_name, args=[subject().pk]), {"rationale": "x"})

    assert response.status_code == 403


def test_a_write_to_a_read_only_endpoint_is_not_offered(partner_client):
    response = partner_client.post(reverse("api-v1:media-files-list"), {})

    assert response.status_code == 405


def test_the_desks_own_endpoints_refuse_partners_whatever_the_method(partner_client):
    for url in (reverse("api-v1:review-events-list"), reverse("api-v1:enrichment-jobs-list")):
        assert partner_client.get(url).status_code == 403
        assert partner_client.post(url, {}).status_code == 403


def test_a_partner_may_read_the_api_index(partner_client):
    assert partner_client.get(reverse("api-v1:api-root")).status_code == 200
