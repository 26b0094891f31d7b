import pytest
import stix2
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.choices import TLP
from catalog.exports import NotVisible, export_feed, export_item, stix
from catalog.models import MediaItem
from provenance.choices import CustodyAction
from provenance.services import find_broken_custody_links
from tests.exports.case import ANALYST, AMBER_PARTNER, GREEN_PARTNER, amaq_case
from tests.factories import ClaimFactory, ItemFileFactory, MediaItemFactory, OrganizationFactory, SightingFactory

pytestmark = pytest.mark.django_db


def exports_of(media_file):
    return list(media_file.custody_events.filter(action=CustodyAction.EXPORTED).order_by("sequence"))


@pytest.mark.parametrize(
    "export_format, label", [("stix", "stix-2.1"), ("misp", "misp-event"), ("claimreview", "schema.org-claimreview")]
)
def test_an_export_is_logged_in_the_custody_of_each_file_with_who_and_which_format(case, export_format, label):
    second_file = ItemFileFactory(media_item=case.item, content=b"a second copy").media_file

    export_item(case.item, export_format, AMBER_PARTNER, base_url="https://c.example/")

    for media_file in (case.media_file, second_file):
        [event] = exports_of(media_file)
        assert event.actor == "Partner newsroom"
        assert event.detail == {"format": label, "media_item": case.item.pk}
    assert find_broken_custody_links() == []


def test_an_export_refused_for_clearance_logs_nothing(case):
    with pytest.raises(NotVisible):
        export_item(case.item, "stix", GREEN_PARTNER)

    assert exports_of(case.media_file) == []


def test_an_export_names_its_file_and_content_type(case):
    export = export_item(case.item, "stix", ANALYST)

    assert export.filename == f"media-item-{case.item.pk}.stix.json"
    assert export.content_type == "application/stix+json;version=2.1"


def test_the_feed_bundles_only_the_items_the_reader_may_see(case):
    green = MediaItemFactory(tlp=TLP.GREEN, title="Shared with the community")
    red = MediaItemFactory(tlp=TLP.RED, title="Analysts only")

    bundle = stix2.parse(stix.render_feed(MediaItem.objects.all(), AMBER_PARTNER), allow_custom=True)

    titles = {obj.name for obj in bundle.objects if obj.type == "media-item"}
    assert titles == {case.item.title, green.title}
    assert red.title not in titles


def test_a_producer_shared_by_items_in_the_feed_appears_once_with_the_least_restrictive_marking():
    producer = OrganizationFactory(name="Amaq News Agency")
    MediaItemFactory(tlp=TLP.AMBER, producer=producer)
    MediaItemFactory(tlp=TLP.GREEN, producer=producer)

    bundle = stix2.parse(stix.render_feed(MediaItem.objects.all(), AMBER_PARTNER), allow_custom=True)

    [identity] = [obj for obj in bundle.objects if obj.type == "identity" and obj.name == "Amaq News Agency"]
    assert identity.object_marking_refs == [stix.TLP2_IDS[TLP.GREEN]]


def test_rendering_the_feed_takes_the_same_number_of_queries_for_three_items_as_for_one(four_eyes, analyst, second_analyst):
    def feed_queries():
        with CaptureQueriesContext(connection) as queries:
            stix.render_feed(MediaItem.objects.all(), ANALYST)
        return len(queries)

    amaq_case(analyst, second_analyst)
    one = feed_queries()
    for _ in range(2):
        item = MediaItemFactory(tlp=TLP.AMBER)
        SightingFactory(media_item=item)
        ItemFileFactory(media_item=item)
        ClaimFactory(media_item=item)

    assert feed_queries() == one


def test_a_feed_export_is_logged_for_the_visible_items_only(case):
    red_file = ItemFileFactory(media_item=MediaItemFactory(tlp=TLP.RED)).media_file

    export = export_feed(MediaItem.objects.all(), "stix", AMBER_PARTNER)

    bundle = stix2.parse(export.content, allow_custom=True)
    assert [obj.name for obj in bundle.objects if obj.type == "media-item"] == [case.item.title]
    assert [event.actor for event in exports_of(case.media_file)] == ["Partner newsroom"]
    assert exports_of(red_file) == []
