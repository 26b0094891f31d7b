"""GET /api/v1/feed/?cursor=…: changes since the cursor, in order, within the caller's clearance."""

import base64
from functools import partial

import pytest
from django.urls import reverse

from catalog.choices import TLP, ClaimKind
from catalog.models import ChangeFeedEntry
from tests.factories import ClaimFactory, IdentityAssertionFactory, MediaItemFactory, SightingFactory, TagFactory
from tests.partners.conftest import cursor_position

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:feed")
MIRRORED_ROUTES = {"media_item": "media-items", "sighting": "sightings", "claim": "claims",
                   "identity_assertion": "identity-assertions"}


class Mirror:
    """What a partner's copy of the catalogue holds after applying the feed in order."""

    def __init__(self, client):
        self.client, self.cursor, self.records = client, None, {}

    def sync(self, limit=3):
        while True:
            page = self.client.get(URL, {"limit": limit, **({"cursor": self.cursor} if self.cursor else {})}).json()
            for entry in page["results"]:
                key = (entry["record_type"], entry["id"])
                if entry["change"] == "withdrawn":
                    self.records.pop(key, None)
                else:
                    self.records[key] = entry["record"]
            self.cursor = page["next_cursor"]
            if not page["has_more"]:
                return self

    def of_type(self, record_type):
        return {key[1]: record for key, record in self.records.items() if key[0] == record_type}


def what_the_api_lists(client, record_type):
    rows = client.get(reverse(f"api-v1:{MIRRORED_ROUTES[record_type]}-list"), {"limit": 1000}).json()["results"]
    return {row["id"]: row for row in rows}


def assert_mirror_matches_the_api(mirror):
    for record_type in MIRRORED_ROUTES:
        assert mirror.of_type(record_type) == what_the_api_lists(mirror.client, record_type), record_type


def test_a_partner_mirrors_the_catalogue_incrementally(partner_client):
    mirror = Mirror(partner_client)
    clear = MediaItemFactory(tlp=TLP.CLEAR, title="clear")
    green = MediaItemFactory(tlp=TLP.GREEN, title="green")
    amber = MediaItemFactory(tlp=TLP.AMBER, title="amber")
    green.tags.set([TagFactory(name="russia"), TagFactory(name="prisoners")])  # shown as the list shows them
    sighting = SightingFactory(media_item=green)
    IdentityAssertionFactory(media_item=green)
    ClaimFactory(media_item=amber, tlp=TLP.CLEAR)
    mirror.sync()
    assert set(mirror.of_type("media_item")) == {clear.pk, green.pk}
    assert set(mirror.of_type("sighting")) == {sighting.pk}
    assert_mirror_matches_the_api(mirror)

    green.title = "green, renamed"
    green.save()
    mirror.sync()
    assert mirror.of_type("media_item")[green.pk]["title"] == "green, renamed"

    green.tlp = TLP.AMBER  # raised above clearance: the item and what is seen through it are withdrawn
    green.save()
    mirror.sync()
    assert set(mirror.of_type("media_item")) == {clear.pk}
    assert mirror.of_type("sighting") == {} and mirror.of_type("identity_assertion") == {}
    assert_mirror_matches_the_api(mirror)

    amber.tlp = TLP.GREEN  # lowered into clearance: it arrives with its claim
    amber.save()
    mirror.sync()
    assert set(mirror.of_type("media_item")) == {clear.pk, amber.pk}
    assert len(mirror.of_type("claim")) == 1
    assert_mirror_matches_the_api(mirror)

    clear.delete()
    mirror.sync()
    assert set(mirror.of_type("media_item")) == {amber.pk}
    assert_mirror_matches_the_api(mirror)


def test_reading_in_small_pages_gives_what_one_large_page_gives(partner_client):
    for tlp in (TLP.CLEAR, TLP.RED, TLP.GREEN, TLP.RED, TLP.CLEAR):
        SightingFactory(media_item=MediaItemFactory(tlp=tlp))

    one_page = Mirror(partner_client).sync(limit=1000).records
    small_pages = Mirror(partner_client).sync(limit=1).records

    assert small_pages == one_page
    assert len(one_page) == 6


def test_a_withdrawal_is_a_bare_tombstone(partner_client):
    item = MediaItemFactory(tlp=TLP.GREEN)
    item_id = item.pk
    cursor = partner_client.get(URL).json()["next_cursor"]
    item.delete()

    [entry] = partner_client.get(URL, {"cursor": cursor}).json()["results"]

    assert {key: entry[key] for key in ("record_type", "id", "change", "record")} == {
        "record_type": "media_item", "id": item_id, "change": "withdrawn", "record": None,
    }


def test_records_the_partner_never_could_see_leave_no_trace(partner_client):
    secret = MediaItemFactory(tlp=TLP.RED, title="secret")
    secret.title = "still secret"
    secret.save()
    secret.delete()

    page = partner_client.get(URL).json()

    assert page["results"] == []
    assert page["has_more"] is False


def test_an_empty_feed_gives_a_cursor_to_resume_from(partner_client):
    first = partner_client.get(URL).json()
    item = MediaItemFactory(tlp=TLP.CLEAR)

    page = partner_client.get(URL, {"cursor": first["next_cursor"]}).json()

    assert [entry["id"] for entry in page["results"]] == [item.pk]


@pytest.mark.parametrize("cursor", ["garbage", "MTI", "1"])
def test_a_cursor_the_feed_did_not_give_out_is_refused(partner_client, cursor):
    response = partner_client.get(URL, {"cursor": cursor})

    assert response.status_code == 400
    assert "cursor" in response.data


@pytest.mark.parametrize("limit", [0, 1001, "many"])
def test_a_limit_outside_1_to_1000_is_refused(partner_client, limit):
    assert partner_client.get(URL, {"limit": limit}).status_code == 400


def test_a_recent_gap_in_positions_ends_the_page_until_it_settles(partner_client, settings):
    item = MediaItemFactory(tlp=TLP.CLEAR)
    start = partner_client.get(URL).json()
    # An entry written after one that a transaction still committing holds the position of.
    ChangeFeedEntry.objects.create(
        pk=ChangeFeedEntry.objects.latest("pk").pk + 2, record_type="media_item", record_id=str(item.pk),
        change="updated", tlp=TLP.CLEAR,
    )

    settings.FEED_SETTLE_SECONDS = 60
    waiting = partner_client.get(URL, {"cursor": start["next_cursor"]}).json()
    settings.FEED_SETTLE_SECONDS = 0
    settled = partner_client.get(URL, {"cursor": waiting["next_cursor"]}).json()

    assert [entry["change"] for entry in start["results"]] == ["created"]
    assert (waiting["results"], waiting["has_more"]) == ([], False)
    assert [entry["change"] for entry in settled["results"]] == ["updated"]


def test_an_analyst_reads_every_change(analyst_client):
    MediaItemFactory(tlp=TLP.RED)

    [entry] = analyst_client.get(URL).json()["results"]

    assert (entry["change"], entry["record"]["tlp"]) == ("created", "red")


def test_an_anonymous_caller_gets_no_feed(anonymous_client):
    assert anonymous_client.get(URL).status_code == 401


def test_the_cursor_stands_still_while_only_changes_above_clearance_happen(partner_client):
    MediaItemFactory(tlp=TLP.GREEN)
    first = partner_client.get(URL).json()
    for _ in range(3):
        MediaItemFactory(tlp=TLP.AMBER)
        IdentityAssertionFactory(media_item=MediaItemFactory(tlp=TLP.GREEN))

    second = partner_client.get(URL, {"cursor": first["next_cursor"]}).json()

    assert [entry["record_type"] for entry in second["results"]] == ["media_item"] * 3  # the green items only
    position = partial(cursor_position, partner_client)
    assert second["has_more"] is False
    third = partner_client.get(URL, {"cursor": second["next_cursor"]}).json()
    MediaItemFactory(tlp=TLP.RED)
    fourth = partner_client.get(URL, {"cursor": third["next_cursor"]}).json()
    assert (third["results"], fourth["results"], fourth["has_more"]) == ([], [], False)
    assert position(fourth["next_cursor"]) == position(third["next_cursor"]) == position(second["next_cursor"])


def test_a_partner_without_identity_clearance_reads_no_tombstone_of_an_identity_record(partner_client):
    assertion = IdentityAssertionFactory(media_item=MediaItemFactory(tlp=TLP.GREEN))
    claim = ClaimFactory(tlp=TLP.GREEN, media_item=None, report=None, kind=ClaimKind.IDENTITY)
    start = partner_client.get(URL).json()["next_cursor"]
    assertion.delete()
    claim.delete()

    page = partner_client.get(URL, {"cursor": start}).json()

    assert page["results"] == []
    assert cursor_position(partner_client, page["next_cursor"]) == cursor_position(partner_client, start)


def test_a_claim_turned_into_an_identity_claim_is_withdrawn_from_a_partner_without_identity_clearance(partner_client):
    claim = ClaimFactory(tlp=TLP.GREEN, media_item=None, report=None, kind=ClaimKind.CAPTURE)
    start = partner_client.get(URL).json()["next_cursor"]
    claim.kind = ClaimKind.IDENTITY
    claim.save()

    [entry] = partner_client.get(URL, {"cursor": start}).json()["results"]

    assert (entry["record_type"], entry["id"], entry["change"], entry["record"]) == ("claim", claim.pk, "withdrawn", None)


def test_the_cursor_is_opaque_different_each_time_and_good_only_for_the_partner_it_was_given_to(partner_client_for):
    MediaItemFactory(tlp=TLP.GREEN)
    client, other = partner_client_for(max_tlp=TLP.GREEN), partner_client_for(max_tlp=TLP.GREEN)

    first, again = client.get(URL).json()["next_cursor"], client.get(URL).json()["next_cursor"]

    assert first != again and cursor_position(client, first) == cursor_position(client, again)
    readable = base64.urlsafe_b64decode(first + "==")
    assert b"position" not in readable and b"partner" not in readable  # encrypted, not merely encoded
    refused = other.get(URL, {"cursor": first})
    assert refused.status_code == 400
    assert "cursor" in refused.json()
