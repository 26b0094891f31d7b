import pytest
from django.urls import reverse

from catalog.choices import MediaAuthenticity, ReviewedValue
from catalog.models import ReviewEvent
from tests.factories import MediaItemFactory

pytestmark = pytest.mark.django_db


def review_url(item):
    return reverse("api-v1:media-items-review", args=[item.pk])


def test_a_review_sets_the_authenticity_and_answers_with_the_recorded_event(analyst_client, analyst):
    item = MediaItemFactory()

    response = analyst_client.post(
        review_url(item), {"authenticity": "StagedContent", "rationale": "The uniforms do not match the unit."}
    )

    assert response.status_code == 201, response.data
    item.refresh_from_db()
    assert item.authenticity == MediaAuthenticity.STAGED
    event = ReviewEvent.objects.get(pk=response.data["id"])
    assert (event.value, event.media_item, event.analyst) == (ReviewedValue.ITEM_AUTHENTICITY, item, analyst)
    assert (response.data["old_value"], response.data["new_value"]) == ("NotAssessed", "StagedContent")
    assert response.data["media_item"] == {"id": item.pk, "title": item.title}
    assert response.data["analyst"]["username"] == analyst.username


@pytest.mark.parametrize(
    "body", [{"authenticity": "StagedContent"}, {"authenticity": "StagedContent", "rationale": "  "}],
    ids=["missing", "blank"],
)
def test_a_review_without_a_rationale_is_refused_and_changes_nothing(analyst_client, body):
    item = MediaItemFactory()

    response = analyst_client.post(review_url(item), body)

    assert response.status_code == 400
    assert response.data["rationale"]
    item.refresh_from_db()
    assert item.authenticity == MediaAuthenticity.NOT_ASSESSED
    assert not ReviewEvent.objects.exists()


def test_a_review_with_an_unknown_authenticity_is_refused(analyst_client):
    item = MediaItemFactory()

    response = analyst_client.post(review_url(item), {"authenticity": "Fake", "rationale": "because"})

    assert response.status_code == 400
    assert "Fake" in str(response.data["authenticity"][0])
    assert not ReviewEvent.objects.exists()


def test_reviewing_an_item_that_does_not_exist_answers_404(analyst_client):
    response = analyst_client.post(
        reverse("api-v1:media-items-review", args=[999999]), {"authenticity": "StagedContent", "rationale": "r"}
    )

    assert response.status_code == 404


def test_a_non_analyst_cannot_review(outsider_client):
    item = MediaItemFactory()

    response = outsider_client.post(review_url(item), {"authenticity": "StagedContent", "rationale": "r"})

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.authenticity == MediaAuthenticity.NOT_ASSESSED
