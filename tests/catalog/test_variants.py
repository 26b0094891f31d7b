import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from catalog import services
from catalog.choices import ProposalStatus
from catalog.models import VariantProposal
from provenance.models import FileMatch
from tests.factories import ItemFileFactory, MediaItemFactory, SightingFactory

pytestmark = pytest.mark.django_db


def match_between(new_link, old_link, percent=94.0, distance=12):
    return FileMatch.objects.create(
        query_file=new_link.media_file, matched_file=old_link.media_file,
        query_match_percent=percent, target_match_percent=80.0, best_distance=distance, method="vpdq",
    )


@pytest.fixture
def original_and_reupload():
    original = ItemFileFactory(content=b"original release bytes")
    reupload = ItemFileFactory(content=b"re-encoded re-upload bytes")
    return original, reupload


def test_a_match_between_files_of_two_items_becomes_a_readable_proposal(original_and_reupload):
    original, reupload = original_and_reupload

    [proposal] = services.propose_variants([match_between(reupload, original)])

    assert (proposal.media_item, proposal.matched_item) == (reupload.media_item, original.media_item)
    assert proposal.status == ProposalStatus.PROPOSED
    assert proposal.summary.startswith(f"Re-upload of item {original.media_item.pk}")
    assert "94% of frames match, distance ≤ 12" in proposal.summary


def test_proposing_twice_keeps_one_proposal(original_and_reupload):
    original, reupload = original_and_reupload
    match = match_between(reupload, original)

    services.propose_variants([match])
    services.propose_variants([match])

    assert VariantProposal.objects.count() == 1


def test_files_of_the_same_item_are_not_proposed_as_variants():
    first = ItemFileFactory(content=b"first cut")
    second = ItemFileFactory(content=b"second cut", media_item=first.media_item)

    assert services.propose_variants([match_between(second, first)]) == []


def test_a_confirmed_variant_brings_its_sightings_into_the_originals_timeline(original_and_reupload, analyst):
    original, reupload = original_and_reupload
    first = SightingFactory(media_item=original.media_item, posted_at=timezone.make_aware(dt.datetime(2017, 10, 3)))
    later = SightingFactory(media_item=reupload.media_item, posted_at=timezone.make_aware(dt.datetime(2017, 10, 5)))
    [proposal] = services.propose_variants([match_between(reupload, original)])

    services.confirm_variant(proposal, analyst)

    reupload.media_item.refresh_from_db()
    assert reupload.media_item.variant_of == original.media_item
    assert list(original.media_item.propagation_timeline()) == [first, later]
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (ProposalStatus.CONFIRMED, analyst)


def test_a_rejected_proposal_changes_no_item(original_and_reupload, analyst):
    original, reupload = original_and_reupload
    [proposal] = services.propose_variants([match_between(reupload, original)])

    services.reject_variant(proposal, analyst)

    reupload.media_item.refresh_from_db()
    assert reupload.media_item.variant_of is None
    with pytest.raises(ValidationError, match="already rejected"):
        services.confirm_variant(proposal, analyst)


def test_variants_of_a_confirmed_variant_follow_it_to_the_original(analyst):
    original = ItemFileFactory(content=b"original")
    middle = ItemFileFactory(content=b"middle")
    leaf_item = MediaItemFactory(variant_of=middle.media_item)
    [proposal] = services.propose_variants([match_between(middle, original)])

    services.confirm_variant(proposal, analyst)

    leaf_item.refresh_from_db()
    assert leaf_item.variant_of == original.media_item
