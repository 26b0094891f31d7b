"""The desk's search page, hash lookup page and item-list actions (catalog/workspace/views/search.py, lookup.py,
lists.py)."""

import csv
import hashlib
import io
import json
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.choices import TLP, MediaAuthenticity
from catalog.models import ChangeFeedEntry, MediaItem, ReviewEvent, Tag
from provenance import matching
from provenance.choices import CustodyAction, HashAlgorithm
from provenance.models import FrameHash, MediaFile
from tests.factories import ItemFileFactory, MediaItemFactory, PersonFactory, TagFactory, UserFactory
from tests.partners.test_lookup import png

pytestmark = pytest.mark.django_db



def files_under(folder):
    return sorted(os.path.join(root, name) for root, _, names in os.walk(folder) for name in names)


# Search


def test_the_search_page_groups_results_and_finds_a_latin_name_from_cyrillic(desk):
    PersonFactory(canonical_name="Grigory Zabolotnyy")
    item = MediaItemFactory(title="Interview with Zabolotny")

    page = desk.get("/desk/search/", {"q": "Заболотный"}).content.decode()

    assert '<h2 id="group-media_items">Media items' in page
    assert '<h2 id="group-people">People' in page
    assert f'href="/desk/items/{item.pk}/"' in page
    assert "Grigory Zabolotnyy" in page


def test_the_search_page_escapes_scraped_text_and_says_when_nothing_matches(desk):
    MediaItemFactory(title="<img src=x onerror=alert(1)> convoy")

    found = desk.get("/desk/search/", {"q": "convoy"}).content.decode()
    nothing = desk.get("/desk/search/", {"q": "nothingatall"}).content.decode()

    assert "<img src=x" not in found and "&lt;img src=x" in found
    assert "Nothing matches" in nothing


def test_the_search_page_is_for_analysts_only(client):
    assert client.get("/desk/search/", {"q": "x"}).status_code == 302
    client.force_login(UserFactory())
    assert client.get("/desk/search/", {"q": "x"}).status_code == 403


# Hash lookup


def test_a_dropped_file_finds_its_item_and_is_not_stored(desk, settings):
    image = png(seed=11)
    link = ItemFileFactory(content=image, media_item=MediaItemFactory(title="The known picture"))
    files_before, stored_before = MediaFile.objects.count(), files_under(settings.MEDIA_ROOT)

    response = desk.post("/desk/lookup/", {"file": SimpleUploadedFile("query.png", image)})

    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="/desk/items/{link.media_item_id}/"' in page
    assert "Exact (SHA256)" in page
    assert MediaFile.objects.count() == files_before
    assert files_under(settings.MEDIA_ROOT) == stored_before


def test_a_file_that_is_not_media_is_refused_in_words_and_not_stored(desk, settings):
    stored_before = files_under(settings.MEDIA_ROOT)

    response = desk.post("/desk/lookup/", {"file": SimpleUploadedFile("notes.mp4", b"plain text")})

    assert response.status_code == 200
    assert "not an accepted media format" in response.content.decode()
    assert MediaFile.objects.count() == 0
    assert files_under(settings.MEDIA_ROOT) == stored_before


def test_a_pasted_pdq_hash_shows_near_matches_with_their_distance(desk):
    link = ItemFileFactory(media_item=MediaItemFactory(title="Frames of a convoy"))
    FrameHash.objects.create(media_file=link.media_file, algorithm=HashAlgorithm.ROBUST_PDQ, hash="f" * 64,
                             quality=100)
    matching.reset_index()

    page = desk.get("/desk/lookup/", {"hash": "0" + "f" * 63, "max_distance": 31}).content.decode()

    assert "Frames of a convoy" in page
    assert "Near: PDQ" in page and "distance 4" in page


def test_a_pasted_md5_finds_the_exact_file_and_a_bad_hash_is_explained(desk):
    link = ItemFileFactory(content=b"some video", media_item=MediaItemFactory(title="Known video"))
    link.media_file.md5 = hashlib.md5(b"some video").hexdigest()
    link.media_file.save(update_fields=["md5"])

    found = desk.get("/desk/lookup/", {"hash": link.media_file.md5.upper()})
    bad = desk.get("/desk/lookup/", {"hash": "not a hash"})

    assert "Exact (MD5)" in found.content.decode()
    assert bad.status_code == 200
    assert "That is not a hash" in bad.content.decode()


# Lists


def test_selected_items_are_tagged_and_each_change_reaches_the_feed(desk):
    first, second, other = MediaItemFactory(), MediaItemFactory(), MediaItemFactory()
    entries_before = ChangeFeedEntry.objects.count()

    response = desk.post("/desk/items/bulk/", {"items": [first.pk, second.pk], "action": "tag", "tag": "convoy"},
                         follow=True)

    tag = Tag.objects.get(name="convoy")
    assert set(tag.media_items.all()) == {first, second}
    assert other.tags.count() == 0
    assert "Tagged 2 of 2 selected items" in response.content.decode()
    assert ChangeFeedEntry.objects.count() == entries_before + 2


def test_selected_items_get_a_new_tlp(desk):
    first, second = MediaItemFactory(tlp=TLP.AMBER), MediaItemFactory(tlp=TLP.GREEN)

    desk.post("/desk/items/bulk/", {"items": [first.pk, second.pk], "action": "tlp", "tlp": TLP.RED})

    assert set(MediaItem.objects.values_list("tlp", flat=True)) == {TLP.RED}


def test_a_bulk_verdict_without_a_rationale_is_refused_and_changes_nothing(desk):
    item = MediaItemFactory()

    response = desk.post("/desk/items/bulk/", {
        "items": [item.pk], "action": "verdict", "authenticity": MediaAuthenticity.STAGED, "rationale": " "},
        follow=True)

    item.refresh_from_db()
    assert item.authenticity == MediaAuthenticity.NOT_ASSESSED
    assert ReviewEvent.objects.count() == 0
    assert "rationale is required" in response.content.decode()


def test_a_bulk_verdict_records_one_review_per_item_with_the_rationale(desk):
    first, second = MediaItemFactory(), MediaItemFactory()

    desk.post("/desk/items/bulk/", {
        "items": [first.pk, second.pk], "action": "verdict", "authenticity": MediaAuthenticity.STAGED,
        "rationale": "Same staged scene, filmed twice."})

    events = ReviewEvent.objects.order_by("media_item_id")
    assert [(event.media_item_id, event.rationale) for event in events] == [
        (first.pk, "Same staged scene, filmed twice."), (second.pk, "Same staged scene, filmed twice.")]


def test_an_empty_selection_is_refused_in_words(desk):
    response = desk.post("/desk/items/bulk/", {"action": "tag", "tag": "x"}, follow=True)

    assert "Select at least one item." in response.content.decode()
    assert not Tag.objects.filter(name="x").exists()


def test_selected_items_export_as_csv_stix_and_misp_through_the_exports(desk, analyst):
    link = ItemFileFactory(media_item=MediaItemFactory(title="=HYPERLINK(\"http://evil\")"))
    item = link.media_item
    MediaItemFactory(title="Not selected")

    as_csv = desk.post("/desk/items/bulk/", {"items": [item.pk], "action": "export", "format": "csv"})
    as_stix = desk.post("/desk/items/bulk/", {"items": [item.pk], "action": "export", "format": "stix"})
    as_misp = desk.post("/desk/items/bulk/", {"items": [item.pk], "action": "export", "format": "misp"})

    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode())))
    assert [(row["id"], row["title"]) for row in rows] == [(str(item.pk), "'=HYPERLINK(\"http://evil\")")]
    assert as_csv["Content-Disposition"] == 'attachment; filename="media-items.csv"'
    bundle = json.loads(as_stix.content)
    assert bundle["type"] == "bundle"
    assert len(json.loads(as_misp.content)["response"]) == 1
    exported = link.media_file.custody_events.filter(action=CustodyAction.EXPORTED)
    assert exported.count() == 3 and {event.actor for event in exported} == {analyst.username}


def test_the_filtered_list_exports_with_the_list_filters(desk):
    tag = TagFactory(name="convoy")
    tagged = MediaItemFactory(title="Tagged")
    tagged.tags.add(tag)
    MediaItemFactory(title="Untagged")

    response = desk.get("/desk/items/export/", {"tag": tag.pk, "format": "csv"})

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["title"] for row in rows] == ["Tagged"]
    assert rows[0]["tags"] == "convoy"


def test_the_item_list_offers_a_labelled_checkbox_per_item(desk):
    item = MediaItemFactory(title="Checkbox me")

    page = desk.get("/desk/items/").content.decode()

    assert f'<input type="checkbox" name="items" value="{item.pk}" id="select-{item.pk}"' in page
    assert f'<label for="select-{item.pk}" class="visually-hidden">Select “Checkbox me”</label>' in page

