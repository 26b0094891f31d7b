"""manage.py backfill_change_feed: records written without the feed's signals get the entry a mirror needs."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from catalog.choices import TLP
from catalog.models import ChangeFeedEntry
from catalog.services import partners
from catalog.policies.access import RECORD_TYPES
from tests.factories import (
    ChannelFactory,
    ClaimFactory,
    MediaItemFactory,
    OrganizationFactory,
    SightingFactory,
)
from tests.partners.factories import PartnerFactory, issue_key

pytestmark = pytest.mark.django_db


def bulk(factory, **fields):
    """A record written with bulk_create, as an import does: no signals, so no feed entry."""
    record = factory.build(**fields)
    return type(record).objects.bulk_create([record])[0]


def bulk_item(tlp):
    return bulk(MediaItemFactory, tlp=tlp, producer=OrganizationFactory())


def bulk_sighting(item):
    return bulk(SightingFactory, media_item=item, channel=ChannelFactory())


def bulk_claim(item, tlp=TLP.CLEAR):
    return bulk(ClaimFactory, media_item=item, tlp=tlp, claimant_organization=OrganizationFactory())


def entries_of(record):
    return [
        (entry.change, entry.tlp, entry.previous_tlp)
        for entry in ChangeFeedEntry.objects.filter(
            record_type=RECORD_TYPES[type(record)], record_id=str(record.pk)
        )
    ]


def run(*args):
    out = io.StringIO()
    call_command("backfill_change_feed", *args, stdout=out)
    return out.getvalue()


def test_records_written_with_bulk_create_get_one_created_entry_with_their_effective_marking():
    green, amber, red = bulk_item(TLP.GREEN), bulk_item(TLP.AMBER), bulk_item(TLP.RED)
    claim = bulk_claim(amber)
    sighting = bulk_sighting(red)
    assert not ChangeFeedEntry.objects.exists()

    written = partners.backfill_change_feed()

    assert entries_of(green) == [("created", TLP.GREEN, "")]
    assert entries_of(amber) == [("created", TLP.AMBER, "")]
    assert entries_of(claim) == [("created", TLP.AMBER, "")]  # its own CLEAR, raised by its item
    assert entries_of(sighting) == [("created", TLP.RED, "")]
    assert written == {
        record_type: {"media_item": 3, "claim": 1, "sighting": 1}.get(record_type, 0)
        for record_type in RECORD_TYPES.values()
    }


def test_records_that_already_have_entries_get_none():
    signalled = MediaItemFactory(tlp=TLP.GREEN)
    sighting = SightingFactory(media_item=signalled)
    updated_only = bulk_item(TLP.GREEN)
    updated_only.title = "Renamed after the import"
    updated_only.save()  # its only entry is an update: it has one, so it is left alone
    imported = bulk_claim(signalled)
    before = {record: entries_of(record) for record in (signalled, sighting, updated_only)}

    written = partners.backfill_change_feed()

    assert {record: entries_of(record) for record in (signalled, sighting, updated_only)} == before
    assert entries_of(imported) == [("created", TLP.GREEN, "")]
    assert sum(written.values()) == 1


def test_a_second_run_writes_nothing():
    bulk_sighting(bulk_item(TLP.GREEN))
    partners.backfill_change_feed()
    count = ChangeFeedEntry.objects.count()

    written = partners.backfill_change_feed()

    assert set(written.values()) == {0}
    assert ChangeFeedEntry.objects.count() == count == 2


def test_batches_smaller_than_the_table_reach_every_record_in_primary_key_order():
    items = [bulk_item(TLP.GREEN) for _ in range(5)]

    partners.backfill_change_feed(batch_size=2)

    backfilled = ChangeFeedEntry.objects.filter(record_type="media_item").values_list("record_id", flat=True)
    assert list(backfilled) == [str(item.pk) for item in sorted(items, key=lambda item: item.pk)]


def test_the_queries_do_not_grow_with_the_records_in_a_batch():
    def queries_to_backfill(count):
        for _ in range(count):
            bulk_claim(bulk_item(TLP.GREEN))
        with CaptureQueriesContext(connection) as queries:
            partners.backfill_change_feed()
        return len(queries)

    assert queries_to_backfill(2) == queries_to_backfill(6)


def test_the_feed_shows_backfilled_records_a_partner_is_cleared_for_and_hides_the_others(settings):
    settings.FEED_SETTLE_SECONDS = 0  # test database positions have gaps (rolled-back tests): read at once
    green, red = bulk_item(TLP.GREEN), bulk_item(TLP.RED)
    green_sighting, red_sighting = bulk_sighting(green), bulk_sighting(red)
    _, key = issue_key(PartnerFactory(max_tlp=TLP.GREEN))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert client.get(reverse("api-v1:feed")).json()["results"] == []

    partners.backfill_change_feed()
    page = client.get(reverse("api-v1:feed"), {"limit": 1000}).json()

    assert [(entry["record_type"], entry["id"], entry["change"]) for entry in page["results"]] == [
        ("media_item", green.pk, "created"),
        ("sighting", green_sighting.pk, "created"),
    ]
    assert page["results"][0]["record"]["title"] == green.title
    assert not page["has_more"]
    assert entries_of(red) == entries_of(red_sighting) == [("created", TLP.RED, "")]  # written, yet not shown


def test_the_command_prints_the_entries_written_per_record_type_and_the_total():
    bulk_claim(bulk_item(TLP.AMBER))
    bulk_item(TLP.GREEN)

    output = run("--batch-size", "1")

    assert "media_item: 2 entries written" in output
    assert "claim: 1 entries written" in output
    assert "sighting: 0 entries written" in output
    assert output.splitlines()[-1] == "total: 3 entries written"
    assert run().splitlines()[-1] == "total: 0 entries written"


@pytest.mark.parametrize("batch_size", ["0", "-5"])
def test_the_command_refuses_a_batch_size_below_one(batch_size):
    bulk_item(TLP.GREEN)

    with pytest.raises(CommandError, match="--batch-size"):
        run("--batch-size", batch_size)

    assert not ChangeFeedEntry.objects.exists()
