"""An item's copy of its frames' text keys (MediaItem.frame_text_key), which `q` reads for analysts, follows its
files and their frame texts however they change."""

import io

import pytest
from django.core.management import call_command

from catalog.models import MediaItem
from provenance.models import FrameText
from provenance.signals import frame_texts_recorded
from tests.api.helpers import listed_ids
from tests.factories import ItemFileFactory, MediaItemFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/media-items/"


def frame_text(media_file, text):
    return FrameText(media_file=media_file, frame_number=10, timestamp=0.4, text=text, language="eng",
                     confidence=91.0, left=0, top=0, width=100, height=20)


def test_an_item_is_found_by_its_frames_once_it_holds_their_file_and_no_longer_once_it_lets_it_go(analyst_client):
    shown = ItemFileFactory(media_item=MediaItemFactory(title="Untitled upload"))
    frame_text(shown.media_file, "Wilayat al-Khayr").save()
    other = MediaItemFactory(title="Another upload")

    link = ItemFileFactory(media_item=other, media_file=shown.media_file)
    assert listed_ids(analyst_client.get(LIST_URL, {"q": "khayr"})) == {shown.media_item_id, other.pk}

    link.delete()
    assert listed_ids(analyst_client.get(LIST_URL, {"q": "khayr"})) == {shown.media_item_id}


def test_reading_a_files_frames_again_replaces_what_its_items_are_found_by(analyst_client):
    link = ItemFileFactory(media_item=MediaItemFactory(title="Untitled upload"))
    frame_text(link.media_file, "Amaq agency").save()
    assert listed_ids(analyst_client.get(LIST_URL, {"q": "amaq"})) == {link.media_item_id}

    # As the analysis records a file's texts: the old ones deleted, the new bulk-created, then the signal.
    link.media_file.frame_texts.all().delete()
    recorded = FrameText.objects.bulk_create([frame_text(link.media_file, "Deir ez-Zor province")])
    frame_texts_recorded.send(sender=FrameText, media_file=link.media_file, texts=recorded)

    assert listed_ids(analyst_client.get(LIST_URL, {"q": "amaq"})) == set()
    assert listed_ids(analyst_client.get(LIST_URL, {"q": "deir zor"})) == {link.media_item_id}


def test_the_rebuild_command_writes_an_items_frame_text_keys_again(analyst_client):
    link = ItemFileFactory(media_item=MediaItemFactory(title="Untitled upload"))
    frame_text(link.media_file, "Amaq agency").save()
    MediaItem.objects.filter(pk=link.media_item_id).update(frame_text_key="")
    assert listed_ids(analyst_client.get(LIST_URL, {"q": "amaq"})) == set()

    call_command("rebuild_search_keys", stdout=io.StringIO())

    assert listed_ids(analyst_client.get(LIST_URL, {"q": "amaq"})) == {link.media_item_id}
