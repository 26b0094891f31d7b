"""Free-text search over the text read off an item's frames (OCR) is the desk's: partners get no OCR matches."""

import pytest

from catalog.choices import TLP
from catalog.models import MediaItem
from provenance.models import FrameText
from tests.api.helpers import listed_ids
from tests.factories import ItemFileFactory, MediaItemFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/media-items/"


@pytest.fixture
def captioned_item():
    """An item every partner may see, whose file's frames read a caption that its title and description lack."""
    link = ItemFileFactory(media_item=MediaItemFactory(title="Untitled upload", description="", tlp=TLP.CLEAR))
    FrameText.objects.create(media_file=link.media_file, frame_number=75, timestamp=3.0,
                             text="Captured near Deir Ezzor", language="eng", confidence=92.0,
                             left=300, top=470, width=360, height=30)
    return link.media_item


def test_an_analysts_search_matches_the_text_on_an_items_frames(analyst_client, captioned_item):
    MediaItemFactory(title="Another upload", tlp=TLP.CLEAR)

    assert listed_ids(analyst_client.get(LIST_URL, {"q": "deir ezzor"})) == {captioned_item.pk}


def test_a_partners_search_never_matches_text_on_frames_though_it_sees_the_item(partner_client_for, captioned_item):
    partner = partner_client_for(max_tlp=TLP.RED, may_see_identities=True, may_see_graphic=True)

    assert listed_ids(partner.get(LIST_URL, {"q": "deir ezzor"})) == set()
    assert listed_ids(partner.get(LIST_URL, {"q": "untitled"})) == {captioned_item.pk}


def test_an_analysts_search_finds_the_text_on_frames_in_another_script(analyst_client):
    link = ItemFileFactory(media_item=MediaItemFactory(title="Untitled upload", tlp=TLP.CLEAR))
    FrameText.objects.create(media_file=link.media_file, text="Имя: Иван Петров", language="rus", confidence=90.0,
                             left=0, top=0, width=10, height=10)

    assert listed_ids(analyst_client.get(LIST_URL, {"q": "Ivan Petrov"})) == {link.media_item.pk}


@pytest.mark.parametrize("titled", [3, 2005], ids=["few titles", "thousands of titles"])
def test_an_analysts_search_lists_an_item_matched_on_its_frames_alone_however_common_the_word(analyst_client, titled):
    MediaItem.objects.bulk_create(MediaItem(kind="video", title=f"Caption {n}", tlp=TLP.CLEAR) for n in range(titled))
    link = ItemFileFactory(media_item=MediaItemFactory(title="Untitled upload", tlp=TLP.CLEAR))  # the newest
    FrameText.objects.create(media_file=link.media_file, frame_number=75, timestamp=3.0, text="Caption",
                             language="eng", confidence=92.0, left=300, top=470, width=360, height=30)

    response = analyst_client.get(LIST_URL, {"q": "caption", "limit": 2})
    cursor_page = analyst_client.get(LIST_URL, {"q": "caption", "cursor": "", "limit": 2})

    assert response.data["count"] == titled + 1
    assert [row["id"] for row in response.data["results"]][0] == link.media_item_id
    assert [row["id"] for row in cursor_page.data["results"]][0] == link.media_item_id
