"""A draft about a video already in the catalogue: scored candidates with the reasons, best first."""

import datetime as dt

import pytest
from django.utils import timezone

from catalog import services
from catalog.demo_case import REPORT_RAW_TEXT
from catalog.services.item_matches import similar_items
from tests.factories import IdentityAssertionFactory, ItemFileFactory, MediaItemFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
RELEASE = timezone.make_aware(dt.datetime(2017, 10, 3, 9, 0))
ELSEWHEN = timezone.make_aware(dt.datetime(2015, 1, 1))


def test_an_item_with_the_same_title_producer_release_and_people_is_proposed_with_its_reasons():
    amaq = OrganizationFactory(name="Amaq")
    item = MediaItemFactory(title="Amaq video: Zabolotny Roman, Tsurkanov Grigory", producer=amaq,
                            claimed_release_at=RELEASE)
    IdentityAssertionFactory(media_item=item, name_as_stated="Zabolotny Roman")
    MediaItemFactory(title="Harvest festival in the valley", claimed_release_at=ELSEWHEN)
    draft = services.ingest_report(REPORT_RAW_TEXT)

    [match] = similar_items(draft)

    assert match.item == item
    assert match.score >= 0.9
    reasons = "; ".join(match.reasons)
    for reason in ("alike", "same producer, Amaq", "claimed release on the same day",
                   "names the same person: Zabolotny Roman"):
        assert reason in reasons


def test_a_file_hash_quoted_in_the_report_is_decisive():
    link = ItemFileFactory(media_item=MediaItemFactory(title="Unrelated title", claimed_release_at=ELSEWHEN))
    draft = services.ingest_report(REPORT_RAW_TEXT + f"\nSHA-256 of the video: {link.media_file.sha256.upper()}\n")

    [match] = similar_items(draft)

    assert match.item == link.media_item
    assert match.score == 1.0
    assert "quotes the hash" in match.reasons[0]


def test_items_that_share_only_one_weak_trait_are_not_proposed():
    MediaItemFactory(title="Something else entirely", claimed_release_at=RELEASE)  # the same day, nothing more
    draft = services.ingest_report(REPORT_RAW_TEXT)

    assert similar_items(draft) == []
