"""The changes feed as MISP events and as a schema.org DataFeed: the same pages and cursors as the JSON and STIX
feeds, the items each page touches as their own exports render them, within the caller's clearance; every export
is in the custody of the files it hands over."""

import json
from functools import partial

import pytest
from django.urls import reverse
from pymisp import MISPEvent

from tests.partners.conftest import cursor_position
from catalog.choices import TLP, MediaAuthenticity
from catalog.models import AccessAudit, MediaItem
from provenance.choices import CustodyAction
from provenance.models import CustodyEvent
from tests.factories import MediaItemFactory, SightingFactory
from tests.partners.world import LEVELS, MARK, build_world, levels_in

pytestmark = pytest.mark.django_db

MISP_URL = reverse("api-v1:feed-misp")
CLAIMREVIEW_URL = reverse("api-v1:feed-claimreview")
FEED_URL = reverse("api-v1:feed")
CONTENT_TYPES = {MISP_URL: "application/json", CLAIMREVIEW_URL: "application/ld+json"}


@pytest.fixture
def world(db):
    return build_world()


def read_all(client, url, limit=7):
    """Every page from the start: [parsed page]."""
    pages, cursor = [], None
    while True:
        response = client.get(url, {"limit": limit, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.content
        assert response["Content-Type"] == CONTENT_TYPES[url]
        cursor = response["X-Next-Cursor"]
        pages.append(json.loads(response.content))
        if response["X-Has-More"] != "true":
            return pages


def misp_events(pages):
    events = []
    for page in pages:
        for entry in page["response"]:
            event = MISPEvent()
            event.from_dict(**entry["Event"])
            events.append(event)
    return events


def reviews(pages):
    return [review for page in pages for review in page["dataFeedElement"]]


def visible_titles(world, level):
    visible = [pk for pk, item_level in world.records["media-items"] if item_level <= level]
    return set(MediaItem.objects.filter(pk__in=visible).values_list("title", flat=True))


@pytest.mark.parametrize("level", range(len(LEVELS)))
def test_every_misp_event_loads_into_pymisp_and_the_feed_holds_the_visible_items_only_with_their_tlp_tags(
        world, partner_client_for, level):
    client = partner_client_for(max_tlp=LEVELS[level], may_see_identities=True)

    pages = read_all(client, MISP_URL)

    events = misp_events(pages)
    assert {event.info for event in events} == visible_titles(world, level)
    for event in events:
        [item_level] = levels_in(event.info, MARK)
        assert f"tlp:{LEVELS[item_level]}" in {tag.name for tag in event.tags}
    seen = levels_in(json.dumps(pages), MARK)
    assert max(seen) == level
    assert seen <= set(range(level + 1))


@pytest.mark.parametrize("level", range(len(LEVELS)))
def test_every_claimreview_page_is_a_data_feed_of_the_visible_items_reviews(world, partner_client_for, level):
    client = partner_client_for(max_tlp=LEVELS[level], may_see_identities=True)

    pages = read_all(client, CLAIMREVIEW_URL)

    for page in pages:
        assert (page["@context"], page["@type"]) == ("https://schema.org", "DataFeed")
    elements = reviews(pages)
    reviewed_items = {review["itemReviewed"]["name"] for review in elements if review["@type"] == "MediaReview"}
    assert {f"MARK-item-L{n}" for n in range(level + 1)} <= reviewed_items
    assert any(review["@type"] == "ClaimReview" for review in elements)
    assert all(review["url"].startswith("http://testserver/api/v1/") for review in elements)
    seen = levels_in(json.dumps(pages), MARK)
    assert max(seen) == level
    assert seen <= set(range(level + 1))


@pytest.mark.parametrize("url", [MISP_URL, CLAIMREVIEW_URL])
def test_a_cursor_resumes_after_the_page_and_a_later_change_brings_its_item_back(partner_client, url):
    # Published, so that it has a MediaReview.
    item = MediaItemFactory(tlp=TLP.GREEN, title="MARK-item-L1", published_authenticity=MediaAuthenticity.ORIGINAL)
    first = partner_client.get(url)
    assert (first.status_code, first["X-Has-More"]) == (200, "false")
    assert "MARK-item-L1" in first.content.decode()

    second = partner_client.get(url, {"cursor": first["X-Next-Cursor"]})

    assert second["X-Has-More"] == "false"
    position = partial(cursor_position, partner_client)
    assert position(second["X-Next-Cursor"]) == position(first["X-Next-Cursor"])
    assert "MARK-item-L1" not in second.content.decode()
    SightingFactory(media_item=item, url="https://channel.example/new-repost")
    assert "MARK-item-L1" in partner_client.get(url, {"cursor": second["X-Next-Cursor"]}).content.decode()


@pytest.mark.parametrize("url", [MISP_URL, CLAIMREVIEW_URL])
def test_both_forms_give_the_same_cursors_as_the_json_feed(world, partner_client, url):
    form_cursor, json_cursor = None, None
    for _ in range(4):
        form = partner_client.get(url, {"limit": 5, **({"cursor": form_cursor} if form_cursor else {})})
        page = partner_client.get(FEED_URL, {"limit": 5, **({"cursor": json_cursor} if json_cursor else {})}).json()
        form_cursor, json_cursor = form["X-Next-Cursor"], page["next_cursor"]
        assert cursor_position(partner_client, form_cursor) == cursor_position(partner_client, json_cursor)
        assert form["X-Has-More"] == json.dumps(page["has_more"])


@pytest.mark.parametrize("url", [MISP_URL, CLAIMREVIEW_URL])
def test_a_page_of_only_changes_above_clearance_holds_no_item(partner_client, url):
    start = partner_client.get(url)["X-Next-Cursor"]
    MediaItemFactory(tlp=TLP.RED, title="MARK-item-L4")

    response = partner_client.get(url, {"cursor": start})

    assert json.loads(response.content) in ({"response": []}, {
        "@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": []})
    assert response["X-Next-Cursor"] != start  # the page read past the change it may not see


@pytest.mark.parametrize("url", [MISP_URL, CLAIMREVIEW_URL])
def test_a_caller_without_credentials_is_refused(client, url):
    assert client.get(url).status_code == 401


@pytest.mark.parametrize("url, label", [(MISP_URL, "misp-event"), (CLAIMREVIEW_URL, "schema.org-claimreview")])
def test_the_export_is_logged_in_the_custody_of_the_files_it_hands_over_and_amber_items_are_audited(
        world, partner_client_for, url, label):
    client = partner_client_for(max_tlp=TLP.AMBER)

    read_all(client, url, limit=1000)

    amber_file = world.files[2][0]
    exported = CustodyEvent.objects.filter(media_file=amber_file, action=CustodyAction.EXPORTED)
    assert exported.filter(actor=client.partner.name, detail__format=label).exists()
    red_file = world.files[4][0]
    assert not CustodyEvent.objects.filter(media_file=red_file, action=CustodyAction.EXPORTED).exists()
    audited = set(AccessAudit.objects.filter(partner=client.partner, record_type="media_item")
                  .values_list("record_id", flat=True))
    amber_items = {str(pk) for pk, level in world.records["media-items"] if level == 2}
    assert amber_items <= audited
