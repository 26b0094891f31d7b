"""An item's first-seen time and its appearances on channels are stored, and stay what its sightings say whatever
changes them."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog import services
from catalog.models import ChannelAppearance, MediaItem, Sighting
from catalog.models.media import earliest_sighting
from tests.factories import ChannelFactory, MediaItemFactory, SightingFactory

pytestmark = pytest.mark.django_db

times = st.one_of(st.none(), st.integers(0, 5).map(lambda day: timezone.make_aware(dt.datetime(2020, 1, 1 + day))))
changes = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, 2), times, times, st.integers(0, 1)),
        st.tuples(st.just("retime"), st.integers(0, 9), times, times),
        st.tuples(st.just("move"), st.integers(0, 9), st.integers(0, 2), st.integers(0, 1)),
        st.tuples(st.just("delete"), st.integers(0, 9)),
        st.tuples(st.just("delete_item"), st.integers(0, 2)),
    ),
    max_size=12,
)


def assert_stored_equals_computed(items):
    rows = MediaItem.objects.filter(pk__in=[item.pk for item in items]).annotate(computed=earliest_sighting())
    assert [(row.pk, row.first_seen_at) for row in rows] == [(row.pk, row.computed) for row in rows]
    seen = set(Sighting.objects.values_list("channel", "media_item", "media_item__created_at"))
    assert set(ChannelAppearance.objects.values_list("channel", "media_item", "item_created_at")) == seen


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes)
def test_any_sequence_of_sighting_changes_leaves_the_stored_first_seen_and_appearances_equal_to_the_computed_ones(db, steps):
    items, channels = MediaItemFactory.create_batch(3), ChannelFactory.create_batch(2)
    for step in steps:
        sightings = list(Sighting.objects.filter(media_item__in=items).order_by("pk"))
        kind, *args = step
        if kind == "add" and items[args[0]] is not None:
            SightingFactory(media_item=items[args[0]], channel=channels[args[3]], posted_at=args[1], observed_at=args[2])
        elif kind == "retime" and sightings:
            sighting = sightings[args[0] % len(sightings)]
            sighting.posted_at, sighting.observed_at = args[1], args[2]
            sighting.save()
        elif kind == "move" and sightings and items[args[1]] is not None:
            sighting = sightings[args[0] % len(sightings)]
            sighting.media_item, sighting.channel = items[args[1]], channels[args[2]]
            sighting.save()
        elif kind == "delete" and sightings:
            sightings[args[0] % len(sightings)].delete()
        elif kind == "delete_item" and items[args[0]] is not None:
            items[args[0]].delete()
            items[args[0]] = None
        assert_stored_equals_computed([item for item in items if item is not None])


def test_a_capture_that_learns_when_a_sighting_was_posted_moves_the_first_seen_time_earlier(analyst):
    sighting = SightingFactory(posted_at=None, observed_at=timezone.make_aware(dt.datetime(2024, 5, 1)))
    posted = timezone.make_aware(dt.datetime(2017, 10, 3))

    services.request_url_capture(sighting.media_item, sighting.url, analyst, posted_at=posted)

    sighting.media_item.refresh_from_db()
    assert sighting.media_item.first_seen_at == posted


def test_an_item_never_seen_has_no_first_seen_time_and_its_first_sighting_sets_it():
    item = MediaItemFactory()
    assert MediaItem.objects.get(pk=item.pk).first_seen_at is None

    sighting = SightingFactory(media_item=item, posted_at=None)

    assert MediaItem.objects.get(pk=item.pk).first_seen_at == sighting.observed_at


def test_an_items_appearances_follow_its_time_when_the_database_changes_it(postgresql):
    item = MediaItemFactory()
    SightingFactory(media_item=item)
    moved = timezone.make_aware(dt.datetime(2019, 6, 1))

    MediaItem.objects.filter(pk=item.pk).update(created_at=moved)  # as a raw UPDATE would

    assert list(ChannelAppearance.objects.filter(media_item=item).values_list("item_created_at", flat=True)) == [moved]


def test_the_rebuild_command_stores_what_sightings_written_in_sql_say():
    items, channels = MediaItemFactory.create_batch(3), ChannelFactory.create_batch(2)
    SightingFactory(media_item=items[0], channel=channels[0])  # kept by the signals: the rebuild leaves it as it is
    posted = timezone.make_aware(dt.datetime(2020, 1, 2))
    with connection.cursor() as cursor:  # no save signal: neither first-seen time nor appearance is written
        for item, channel, when in ((items[1], channels[0], posted), (items[1], channels[1], None),
                                    (items[2], channels[1], posted - dt.timedelta(days=1))):
            cursor.execute(
                f"INSERT INTO {Sighting._meta.db_table} (created_at, updated_at, url, kind, notes, channel_id, "
                "media_item_id, posted_at, observed_at) VALUES (%s, %s, '', 'repost', '', %s, %s, %s, %s)",
                [posted, posted, channel.pk, item.pk, when, posted + dt.timedelta(days=3)],
            )
    ChannelAppearance.objects.filter(media_item=items[0]).delete()  # and one lost, say, in a partial restore
    out = io.StringIO()

    call_command("rebuild_sighting_summaries", stdout=out)

    assert_stored_equals_computed(items)
    assert MediaItem.objects.get(pk=items[2].pk).first_seen_at == posted - dt.timedelta(days=1)
    assert ChannelAppearance.objects.count() == 4
    assert out.getvalue().strip() == "3 items' first-seen times stored; 4 channel appearances written"
