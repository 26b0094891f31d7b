"""/api/v1/variant-proposals/: 'this item is a re-upload of that one', confirmed or rejected by an analyst."""

import pytest
from django.urls import reverse

from catalog import services
from catalog.choices import ProposalStatus
from catalog.models import MediaItem, VariantProposal
from provenance.models import FileMatch
from tests.factories import ItemFileFactory, SightingFactory

pytestmark = pytest.mark.django_db

LIST = reverse("api-v1:variant-proposals-list")


def decide(proposal, verb):
    return reverse(f"api-v1:variant-proposals-{verb}", args=[proposal.pk])


def proposed(copy=None, original=None):
    """A re-upload matched to its original by the evidence layer, turned into a proposal by the catalogue."""
    copy, original = copy or ItemFileFactory(), original or ItemFileFactory()
    match = FileMatch.objects.create(
        query_file=copy.media_file, matched_file=original.media_file, query_match_percent=93.8,
        target_match_percent=88.0, best_distance=14, method="vpdq-robust",
    )
    [proposal] = services.propose_variants([match])
    return proposal


def test_the_list_shows_both_items_the_match_and_the_summary(analyst_client):
    proposal = proposed()

    [row] = analyst_client.get(LIST).data["results"]

    assert row["media_item"]["id"] == proposal.media_item_id
    assert row["matched_item"]["id"] == proposal.matched_item_id
    assert row["file_match"]["query_match_percent"] == 93.8
    assert row["summary"].startswith(f"Re-upload of item {proposal.matched_item_id}")
    assert row["status"] == ProposalStatus.PROPOSED


def test_the_list_filters_by_status_and_item(analyst_client, analyst):
    first, second = proposed(), proposed()
    services.reject_variant(second, analyst)

    by_item = analyst_client.get(LIST, {"media_item": first.media_item_id}).data["results"]
    by_status = analyst_client.get(LIST, {"status": "rejected"}).data["results"]

    assert [row["id"] for row in by_item] == [first.pk]
    assert [row["id"] for row in by_status] == [second.pk]


def test_confirming_makes_the_item_a_variant_whose_sightings_join_the_originals_timeline(analyst_client, analyst):
    proposal = proposed()
    repost = SightingFactory(media_item=proposal.media_item)

    response = analyst_client.post(decide(proposal, "confirm"))

    assert response.status_code == 200, response.data
    assert response.data["status"] == ProposalStatus.CONFIRMED
    assert response.data["decided_by"]["username"] == analyst.username
    copy = MediaItem.objects.get(pk=proposal.media_item_id)
    assert copy.variant_of_id == proposal.matched_item_id
    timeline = analyst_client.get(reverse("api-v1:media-items-detail", args=[proposal.matched_item_id])).data
    assert repost.pk in [sighting["id"] for sighting in timeline["sightings"]]


def test_rejecting_keeps_the_items_apart(analyst_client):
    proposal = proposed()

    response = analyst_client.post(decide(proposal, "reject"))

    assert response.status_code == 200
    assert response.data["status"] == ProposalStatus.REJECTED
    assert MediaItem.objects.get(pk=proposal.media_item_id).variant_of is None


@pytest.mark.parametrize("first, then", [("confirm", "reject"), ("reject", "confirm"), ("confirm", "confirm")])
def test_a_decided_proposal_cannot_be_decided_again(analyst_client, first, then):
    proposal = proposed()
    analyst_client.post(decide(proposal, first))

    response = analyst_client.post(decide(proposal, then))

    assert response.status_code == 400
    assert "already" in response.data["non_field_errors"][0]
    assert VariantProposal.objects.get().status == (
        ProposalStatus.CONFIRMED if first == "confirm" else ProposalStatus.REJECTED
    )


def test_a_copy_matching_a_sibling_copy_stays_in_the_family_instead_of_getting_a_second_proposal():
    original, first, second = ItemFileFactory(), ItemFileFactory(), ItemFileFactory()
    to_original = [proposed(first, original), proposed(second, original)]

    # Before variant families this made a third proposal, between the two copies.
    again = proposed(second, first)

    assert again == to_original[1]
    assert VariantProposal.objects.count() == 2


def test_a_proposal_between_items_already_of_one_family_is_refused(analyst_client):
    original, first, second = ItemFileFactory(), ItemFileFactory(), ItemFileFactory()
    proposals = [proposed(first, original), proposed(second, original)]
    # A proposal between sibling copies, as matching made them before variant families.
    match = FileMatch.objects.create(
        query_file=second.media_file, matched_file=first.media_file, query_match_percent=90.0,
        target_match_percent=90.0, best_distance=10, method="vpdq-robust",
    )
    between_copies = VariantProposal.objects.create(
        media_item=second.media_item, matched_item=first.media_item, file_match=match, summary="sibling"
    )
    for proposal in proposals:
        assert analyst_client.post(decide(proposal, "confirm")).status_code == 200

    response = analyst_client.post(decide(between_copies, "confirm"))

    assert response.status_code == 400
    assert "already one family" in response.data["non_field_errors"][0]
