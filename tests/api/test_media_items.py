import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog import services
from catalog.choices import TLP, MediaAuthenticity, MediaKind
from catalog.models import MediaItem
from tests.api.helpers import aware, listed_ids, parsed
from tests.factories import (
    ChannelFactory,
    ClaimFactory,
    IdentityAssertionFactory,
    ItemFileFactory,
    MediaItemFactory,
    OrganizationFactory,
    PersonFactory,
    SightingFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:media-items-list")


class TaggedMediaItemFactory(MediaItemFactory):
    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(item, create, extracted, **kwargs):
        if create and extracted:
            item.tags.set(extracted)


def detail_url(item):
    return reverse("api-v1:media-items-detail", args=[item.pk])


def test_it_lists_items_with_their_producer_tags_and_first_seen_time(analyst_client):
    amaq = OrganizationFactory(name="Amaq News Agency")
    item = TaggedMediaItemFactory(producer=amaq, tags=[TagFactory(name="prisoners"), TagFactory(name="russia")])
    SightingFactory(media_item=item, posted_at=aware(2017, 10, 3, 15))
    SightingFactory(media_item=item, posted_at=None, observed_at=aware(2017, 10, 3, 13))

    row = analyst_client.get(LIST_URL).data["results"][0]

    assert row["producer"] == {"id": amaq.pk, "name": "Amaq News Agency"}
    assert sorted(tag["name"] for tag in row["tags"]) == ["prisoners", "russia"]
    assert parsed(row["first_seen_at"]) == aware(2017, 10, 3, 13)
    assert "sightings" not in row


def test_the_item_list_shows_each_items_tags_in_name_order(analyst_client):
    tagged = TaggedMediaItemFactory(tags=[TagFactory(name="russia"), TagFactory(name="prisoners")])
    untagged = MediaItemFactory()

    rows = {row["id"]: row for row in analyst_client.get(LIST_URL).data["results"]}

    assert [tag["name"] for tag in rows[tagged.pk]["tags"]] == ["prisoners", "russia"]
    assert rows[tagged.pk]["tags"][0] == {"id": tagged.tags.get(name="prisoners").pk, "name": "prisoners"}
    assert rows[untagged.pk]["tags"] == []


def test_on_postgresql_the_item_list_reads_the_tags_in_the_items_own_query(analyst_client, postgresql):
    TaggedMediaItemFactory(tags=[TagFactory(name="prisoners")])

    with CaptureQueriesContext(connection) as queries:
        analyst_client.get(LIST_URL, {"cursor": ""})

    reading_tags = [query["sql"] for query in queries if '"catalog_mediaitem_tags"' in query["sql"]]
    assert len(reading_tags) == 1
    assert reading_tags[0].startswith('SELECT "catalog_mediaitem"."id"'), reading_tags[0][:200]


def test_the_detail_shows_sightings_in_the_order_the_item_spread(analyst_client):
    item = MediaItemFactory()
    last = SightingFactory(media_item=item, posted_at=aware(2017, 10, 3, 15))
    middle = SightingFactory(media_item=item, posted_at=None, observed_at=aware(2017, 10, 3, 13))
    first = SightingFactory(media_item=item, posted_at=aware(2017, 10, 3, 12))
    last.derived_from = first
    last.save()

    sightings = analyst_client.get(detail_url(item)).data["sightings"]

    assert [row["id"] for row in sightings] == [first.pk, middle.pk, last.pk]
    assert sightings[0]["channel"]["handle"] == first.channel.handle
    assert sightings[2]["derived_from"] == first.pk


def test_the_timeline_includes_sightings_of_confirmed_variants_naming_their_item(analyst_client):
    item = MediaItemFactory()
    SightingFactory(media_item=item, posted_at=aware(2017, 10, 3, 12))
    variant = MediaItemFactory(variant_of=item, title="Cropped re-upload")
    SightingFactory(media_item=variant, posted_at=aware(2017, 10, 4, 9))

    sightings = analyst_client.get(detail_url(item)).data["sightings"]

    assert [row["media_item"] for row in sightings] == [
        {"id": item.pk, "title": item.title}, {"id": variant.pk, "title": "Cropped re-upload"},
    ]


def test_the_detail_shows_claims_identities_and_files_with_their_hashes(analyst_client):
    item = MediaItemFactory()
    claim = ClaimFactory(media_item=item, text="Two Russian soldiers were captured near Deir ez-Zor.")
    assertion = IdentityAssertionFactory(media_item=item, name_as_stated="Роман Заболотный")
    item_file = ItemFileFactory(media_item=item, content=b"the video bytes")

    data = analyst_client.get(detail_url(item)).data

    assert [row["text"] for row in data["claims"]] == [claim.text]
    assert [row["name_as_stated"] for row in data["identity_assertions"]] == [assertion.name_as_stated]
    assert data["identity_assertions"][0]["script"] == "cyrillic"
    [file_row] = data["files"]
    assert file_row["original_filename"] == item_file.original_filename
    assert file_row["media_file"]["sha256"] == item_file.media_file.sha256
    assert file_row["media_file"]["size"] == len(b"the video bytes")


def test_an_analyst_creates_an_item_with_its_producer_and_tags_given_by_primary_key(analyst_client, analyst):
    producer = OrganizationFactory()
    tag = TagFactory(name="amaq")

    response = analyst_client.post(
        LIST_URL,
        {"kind": "video", "title": "Two captured men", "producer": producer.pk, "tags": [tag.pk],
         "languages": ["ru", "ar"], "is_graphic": True, "tlp": "amber"},
    )

    assert response.status_code == 201, response.data
    item = MediaItem.objects.get(pk=response.data["id"])
    assert (item.producer, list(item.tags.all()), item.created_by) == (producer, [tag], analyst)
    assert response.data["producer"] == {"id": producer.pk, "name": producer.name}
    assert response.data["first_seen_at"] is None


def test_an_analyst_changes_an_items_title_and_tags(analyst_client):
    item = TaggedMediaItemFactory(tags=[TagFactory(name="old")])
    new_tag = TagFactory(name="new")

    response = analyst_client.patch(detail_url(item), {"title": "Renamed", "tags": [new_tag.pk]})

    assert response.status_code == 200, response.data
    item.refresh_from_db()
    assert (item.title, list(item.tags.all())) == ("Renamed", [new_tag])
    assert [tag["name"] for tag in response.data["tags"]] == ["new"]


def test_authenticity_is_not_written_by_create_or_update(analyst_client):
    created = analyst_client.post(
        LIST_URL, {"kind": "video", "title": "t", "authenticity": MediaAuthenticity.STAGED}
    )
    item = MediaItem.objects.get(pk=created.data["id"])
    analyst_client.patch(detail_url(item), {"authenticity": MediaAuthenticity.STAGED})

    item.refresh_from_db()
    assert item.authenticity == MediaAuthenticity.NOT_ASSESSED


def test_it_rejects_an_unknown_kind_with_a_message_for_that_field(analyst_client):
    response = analyst_client.post(LIST_URL, {"kind": "hologram", "title": "t"})

    assert response.status_code == 400
    assert "hologram" in str(response.data["kind"][0])
    assert not MediaItem.objects.exists()


def test_it_rejects_an_invalid_language_code(analyst_client):
    response = analyst_client.post(LIST_URL, {"kind": "video", "title": "t", "languages": ["ru", "Russian"]})

    assert response.status_code == 400
    assert "ISO 639" in str(response.data["languages"])


def test_it_rejects_a_producer_that_does_not_exist(analyst_client):
    response = analyst_client.post(LIST_URL, {"kind": "video", "title": "t", "producer": 999999})

    assert response.status_code == 400
    assert "producer" in response.data


def test_it_filters_by_tag_producer_kind_and_graphic_flag(analyst_client):
    producer = OrganizationFactory()
    prisoners = TagFactory(name="prisoners")
    tagged = TaggedMediaItemFactory(tags=[prisoners])
    produced = MediaItemFactory(producer=producer)
    graphic_image = MediaItemFactory(is_graphic=True, kind=MediaKind.IMAGE)

    assert listed_ids(analyst_client.get(LIST_URL, {"tag": prisoners.pk})) == {tagged.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"producer": producer.pk})) == {produced.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"is_graphic": "true"})) == {graphic_image.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"kind": "image"})) == {graphic_image.pk}


def test_repeating_the_tag_filter_lists_items_with_any_of_the_tags_once_each(analyst_client):
    prisoners, amaq = TagFactory(name="prisoners"), TagFactory(name="amaq")
    both = TaggedMediaItemFactory(tags=[prisoners, amaq])
    one = TaggedMediaItemFactory(tags=[amaq])
    TaggedMediaItemFactory(tags=[TagFactory(name="other")])

    response = analyst_client.get(LIST_URL, {"tag": [prisoners.pk, amaq.pk]})

    assert sorted(row["id"] for row in response.data["results"]) == sorted([both.pk, one.pk])


def test_an_unknown_tag_in_the_filter_is_refused(analyst_client):
    response = analyst_client.get(LIST_URL, {"tag": 999999})

    assert response.status_code == 400
    assert response.data["tag"]


def test_it_filters_by_the_channel_an_item_was_seen_on_listing_each_item_once(analyst_client):
    channel = ChannelFactory()
    seen_twice = MediaItemFactory()
    SightingFactory.create_batch(2, media_item=seen_twice, channel=channel)
    SightingFactory(media_item=MediaItemFactory())

    response = analyst_client.get(LIST_URL, {"channel": channel.pk})

    assert [row["id"] for row in response.data["results"]] == [seen_twice.pk]
    assert parsed(response.data["results"][0]["first_seen_at"]) is not None


def test_it_filters_by_claimed_release_and_creation_date_ranges(analyst_client):
    october = MediaItemFactory(claimed_release_at=aware(2017, 10, 3, 12))
    MediaItemFactory(claimed_release_at=aware(2017, 11, 20, 9))

    in_october = {"claimed_release_at_after": "2017-10-01", "claimed_release_at_before": "2017-10-31"}
    assert listed_ids(analyst_client.get(LIST_URL, in_october)) == {october.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"created_at_before": "2000-01-01"})) == set()


def test_it_finds_items_by_words_in_their_title_or_description(analyst_client):
    by_title = MediaItemFactory(title="Captured soldiers speak")
    by_description = MediaItemFactory(description="Two men say they were captured near Deir ez-Zor")
    MediaItemFactory(title="Unrelated")

    assert listed_ids(analyst_client.get(LIST_URL, {"q": "captured"})) == {by_title.pk, by_description.pk}


def test_it_rejects_an_unknown_filter_choice_with_a_message_for_that_filter(analyst_client):
    response = analyst_client.get(LIST_URL, {"tlp": "purple"})

    assert response.status_code == 400
    assert "purple" in str(response.data["tlp"][0])


def test_it_orders_items_by_when_they_were_first_seen(analyst_client):
    later = MediaItemFactory()
    SightingFactory(media_item=later, posted_at=aware(2017, 10, 4))
    earlier = MediaItemFactory(tlp=TLP.CLEAR)
    SightingFactory(media_item=earlier, posted_at=aware(2017, 10, 3))

    response = analyst_client.get(LIST_URL, {"ordering": "-first_seen_at"})

    assert [row["id"] for row in response.data["results"]] == [later.pk, earlier.pk]


def test_deleting_a_reviewed_item_is_refused_and_keeps_it(analyst_client, analyst):
    item = MediaItemFactory()
    services.review_item_authenticity(item, MediaAuthenticity.ORIGINAL, analyst, "Matches the Amaq original.")

    response = analyst_client.delete(detail_url(item))

    assert response.status_code == 409
    assert "review events" in response.data["detail"]
    assert MediaItem.objects.filter(pk=item.pk).exists()


def test_deleting_an_unreviewed_item_removes_its_sightings_claims_and_identities(analyst_client):
    item = MediaItemFactory()
    sighting = SightingFactory(media_item=item)
    claim = ClaimFactory(media_item=item)
    assertion = IdentityAssertionFactory(media_item=item)

    assert analyst_client.delete(detail_url(item)).status_code == 204
    assert not MediaItem.objects.filter(pk=item.pk).exists()
    for row in (sighting, claim, assertion):
        assert not type(row).objects.filter(pk=row.pk).exists()


def test_its_list_query_count_does_not_grow_with_page_size(assert_list_queries_constant, analyst):
    for _ in range(12):
        item = TaggedMediaItemFactory(created_by=analyst, tags=[TagFactory(), TagFactory()])
        SightingFactory(media_item=item)
        IdentityAssertionFactory(media_item=item, person=PersonFactory())

    assert_list_queries_constant(LIST_URL)
