"""catalog.signals: every change to a shared record writes a ChangeFeedEntry with its marking before and after."""

import pytest

from catalog import services
from catalog.choices import TLP, ClaimStatus, MediaAuthenticity
from catalog.models import ChangeFeedEntry
from tests.factories import (
    ClaimFactory,
    ClaimLinkFactory,
    IdentityAssertionFactory,
    ItemFileFactory,
    MediaItemFactory,
    QuoteFactory,
    ReportFactory,
    SightingFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def entries(after=0):
    return [
        (entry.record_type, int(entry.record_id), entry.change, entry.tlp, entry.previous_tlp)
        for entry in ChangeFeedEntry.objects.filter(pk__gt=after)
    ]


def position():
    return ChangeFeedEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_creating_updating_and_deleting_an_item_is_recorded_in_order():
    item = MediaItemFactory(tlp=TLP.GREEN)
    item.title = "Renamed"
    item.save()
    item_id = item.pk
    item.delete()

    assert entries() == [
        ("media_item", item_id, "created", "green", ""),
        ("media_item", item_id, "updated", "green", ""),
        ("media_item", item_id, "withdrawn", "green", ""),
    ]


def test_a_tlp_change_records_the_previous_marking_and_reaches_what_is_seen_through_the_item():
    item = MediaItemFactory(tlp=TLP.GREEN)
    sighting = SightingFactory(media_item=item)
    assertion = IdentityAssertionFactory(media_item=item)
    item_file = ItemFileFactory(media_item=item)
    claim = ClaimFactory(media_item=item, tlp=TLP.CLEAR)
    link = ClaimLinkFactory(source=claim, target=ClaimFactory(media_item=None, tlp=TLP.CLEAR))
    before = position()

    item.tlp = TLP.RED
    item.save()

    assert sorted(entries(before)) == sorted([
        ("media_item", item.pk, "updated", "red", "green"),
        ("sighting", sighting.pk, "updated", "red", "green"),
        ("identity_assertion", assertion.pk, "updated", "red", "green"),
        ("item_file", item_file.pk, "updated", "red", "green"),
        ("claim", claim.pk, "updated", "red", "green"),
        ("claim_link", link.pk, "updated", "red", "green"),
    ])


def test_a_report_raise_reaches_its_quotes_and_claims_but_not_claims_already_higher():
    report = ReportFactory(tlp=TLP.CLEAR)
    quote = QuoteFactory(report=report)
    claim = ClaimFactory(report=report, media_item=None, tlp=TLP.CLEAR)
    ClaimFactory(report=report, media_item=None, tlp=TLP.RED)
    before = position()

    report.tlp = TLP.AMBER
    report.save()

    assert sorted(entries(before)) == sorted([
        ("report", report.pk, "updated", "amber", "clear"),
        ("quote", quote.pk, "updated", "amber", "clear"),
        ("claim", claim.pk, "updated", "amber", "clear"),
    ])


def test_a_claim_moved_to_a_higher_item_records_its_marking_change():
    claim = ClaimFactory(media_item=MediaItemFactory(tlp=TLP.CLEAR), tlp=TLP.CLEAR)
    before = position()

    claim.media_item = MediaItemFactory(tlp=TLP.RED)
    claim.save()

    assert entries(before)[-1] == ("claim", claim.pk, "updated", "red", "clear")


def test_an_unpublished_verdict_writes_no_entry_and_its_approval_does(analyst, second_analyst, settings):
    settings.FOUR_EYES_REVIEW = True
    item = MediaItemFactory(tlp=TLP.GREEN)
    before = position()

    event = services.review_item_authenticity(item, MediaAuthenticity.STAGED, analyst, "Staged: shadows disagree.")
    assert entries(before) == []
    services.approve_review(event, second_analyst)

    assert entries(before) == [("media_item", item.pk, "updated", "green", "")]


def test_without_four_eyes_review_a_verdict_is_recorded_when_it_is_published(analyst, settings):
    settings.FOUR_EYES_REVIEW = False
    claim = ClaimFactory(tlp=TLP.GREEN, media_item=None)
    before = position()

    services.review_claim_status(claim, ClaimStatus.FALSE, analyst, "Contradicted by satellite imagery.")

    assert entries(before) == [("claim", claim.pk, "updated", "green", "")]


def test_changing_an_items_tags_is_an_update():
    item = MediaItemFactory(tlp=TLP.CLEAR)
    before = position()

    item.tags.add(TagFactory())

    assert entries(before) == [("media_item", item.pk, "updated", "clear", "")]


def test_deleting_an_item_withdraws_what_is_seen_through_it():
    item = MediaItemFactory(tlp=TLP.AMBER)
    sighting = SightingFactory(media_item=item)
    item_id, sighting_id = item.pk, sighting.pk
    before = position()

    item.delete()

    assert sorted(entries(before)) == [
        ("media_item", item_id, "withdrawn", "amber", ""), ("sighting", sighting_id, "withdrawn", "amber", ""),
    ]


def test_saving_a_record_unchanged_writes_no_entry():
    item = MediaItemFactory(tlp=TLP.GREEN)
    tag = TagFactory()
    item.tags.add(tag)
    before = position()

    item.save()
    item.tags.add(tag)

    assert entries(before) == []
