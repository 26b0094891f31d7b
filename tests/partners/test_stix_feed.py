"""The changes feed as STIX 2.1: the same pages and cursors as the JSON feed, one bundle of the items each page
touches, within the caller's clearance; every export is in the custody of the files it hands over."""

import json

import pytest
import stix2
from django.urls import reverse

from tests.partners.conftest import cursor_position
from catalog.choices import TLP
from catalog.models import AccessAudit
from provenance.choices import CustodyAction
from provenance.models import CustodyEvent
from tests.factories import MediaItemFactory, SightingFactory
from tests.partners.world import LEVELS, MARK, build_world, levels_in

pytestmark = pytest.mark.django_db

STIX_URL = reverse("api-v1:feed-stix")
FEED_URL = reverse("api-v1:feed")


@pytest.fixture
def world(db):
    return build_world()


def read_all(client, limit=7):
    """Every page from the start: [(bundle text, next cursor)]."""
    pages, cursor = [], None
    while True:
        response = client.get(STIX_URL, {"limit": limit, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.content
        assert response["Content-Type"] == "application/stix+json;version=2.1"
        cursor = response["X-Next-Cursor"]
        pages.append((response.content.decode(), cursor))
        if response["X-Has-More"] != "true":
            return pages


@pytest.mark.parametrize("level", range(len(LEVELS)))
def test_every_stix_page_parses_and_holds_no_record_above_the_partners_clearance(world, partner_client_for, level):
    client = partner_client_for(max_tlp=LEVELS[level], may_see_identities=True)

    pages = read_all(client)

    seen = set()
    for text, _ in pages:
        bundle = stix2.parse(text, allow_custom=True)
        assert bundle.type == "bundle"
        seen |= levels_in(text, MARK)
    assert max(seen) == level
    assert seen <= set(range(level + 1))


def test_an_analyst_reads_items_of_every_level(world, analyst_client):
    seen = set()
    for text, _ in read_all(analyst_client):
        stix2.parse(text, allow_custom=True)
        seen |= levels_in(text, MARK)

    assert seen == set(range(len(LEVELS)))


def test_the_stix_feed_gives_the_same_cursors_as_the_json_feed(world, partner_client):
    stix_cursor, json_cursor = None, None
    for _ in range(4):
        stix = partner_client.get(STIX_URL, {"limit": 5, **({"cursor": stix_cursor} if stix_cursor else {})})
        page = partner_client.get(FEED_URL, {"limit": 5, **({"cursor": json_cursor} if json_cursor else {})}).json()
        stix_cursor, json_cursor = stix["X-Next-Cursor"], page["next_cursor"]
        assert cursor_position(partner_client, stix_cursor) == cursor_position(partner_client, json_cursor)
        assert stix["X-Has-More"] == json.dumps(page["has_more"])


def test_a_page_bundles_the_item_of_a_changed_sighting(partner_client):
    item = MediaItemFactory(tlp=TLP.GREEN, title="MARK-item-L1")
    start = partner_client.get(STIX_URL)["X-Next-Cursor"]
    SightingFactory(media_item=item, url="https://channel.example/new-repost")

    text = partner_client.get(STIX_URL, {"cursor": start}).content.decode()

    objects = stix2.parse(text, allow_custom=True).objects
    assert any(getattr(obj, "name", None) == "MARK-item-L1" or "MARK-item-L1" in obj.serialize() for obj in objects)


def test_a_page_of_only_changes_above_clearance_bundles_no_record(partner_client):
    start = partner_client.get(STIX_URL)["X-Next-Cursor"]
    MediaItemFactory(tlp=TLP.RED, title="MARK-item-L4")

    response = partner_client.get(STIX_URL, {"cursor": start})

    bundle = stix2.parse(response.content.decode(), allow_custom=True)
    # What every bundle carries (markings, the catalogue's identity, the extension's definition), nothing else.
    assert {obj["type"] for obj in bundle.get("objects", [])} <= {"marking-definition", "identity", "extension-definition"}
    assert "MARK-item-L4" not in response.content.decode()
    assert response["X-Next-Cursor"] != start  # the page read past the change it may not see


def test_a_cursor_the_feed_did_not_give_out_is_refused(partner_client):
    response = partner_client.get(STIX_URL, {"cursor": "not-a-cursor"})

    assert response.status_code == 400
    assert "cursor" in response.json()


def test_a_caller_without_credentials_is_refused(client):
    assert client.get(STIX_URL).status_code == 401


def test_the_export_is_logged_in_the_custody_of_the_files_it_hands_over_and_amber_items_are_audited(
        world, partner_client_for):
    client = partner_client_for(max_tlp=TLP.AMBER)

    read_all(client, limit=1000)

    amber_file = world.files[2][0]
    exported = CustodyEvent.objects.filter(media_file=amber_file, action=CustodyAction.EXPORTED)
    assert exported.filter(actor=client.partner.name).exists()
    red_file = world.files[4][0]
    assert not CustodyEvent.objects.filter(media_file=red_file, action=CustodyAction.EXPORTED).exists()
    audited = set(AccessAudit.objects.filter(partner=client.partner, record_type="media_item")
                  .values_list("record_id", flat=True))
    amber_items = {str(pk) for pk, level in world.records["media-items"] if level == 2}
    assert amber_items <= audited
