"""Search, hash lookup and the item list's actions in a real browser, by keyboard."""

import csv
import io

import pytest

from catalog.choices import TLP
from catalog.models import MediaItem, Tag
from provenance.models import MediaFile
from tests.browser.conftest import log_in
from tests.factories import ItemFileFactory, MediaItemFactory, PersonFactory, PersonNameVariantFactory
from tests.partners.test_lookup import png

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_analyst_searches_a_name_in_cyrillic_and_opens_the_latin_record(open_page, shoot, first_analyst):
    item = MediaItemFactory(title="Interview with Grigory Zabolotny")
    person = PersonFactory(canonical_name="Grigory Zabolotnyy")
    PersonNameVariantFactory(person=person, name="Григорий Заболотный")
    page, watch = open_page()
    log_in(page, first_analyst)

    # 1. The nav leads to the search page; the keyboard's "/" puts the cursor in the box.
    page.get_by_role("link", name="Search", exact=True).click()
    page.wait_for_url("**/desk/search/")
    shoot(page, "search-empty")
    page.keyboard.press("/")
    page.keyboard.type("Заболотный")
    page.keyboard.press("Enter")
    page.wait_for_url("**/desk/search/?q=*")

    # 2. Results grouped by kind: the item and the person, both in Latin script.
    assert page.locator("#group-media_items").is_visible()
    assert page.locator("#group-people").is_visible()
    assert "Григорий Заболотный" in page.locator("#group-people + ol").inner_text()
    shoot(page, "search-results")

    # 3. j moves to the first result, Enter opens it.
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/desk/items/{item.pk}/")
    watch.assert_calm()


def test_an_analyst_drops_a_file_and_pastes_a_hash_on_the_lookup_page(open_page, shoot, first_analyst):
    image = png(seed=5)
    link = ItemFileFactory(content=image, media_item=MediaItemFactory(title="The known picture"))
    files_before = MediaFile.objects.count()
    page, watch = open_page()
    log_in(page, first_analyst)

    # 1. The lookup page, from the nav.
    page.get_by_role("link", name="Hash lookup").click()
    page.wait_for_url("**/desk/lookup/")
    shoot(page, "lookup-empty")

    # 2. A file dropped on the drop zone (a drop event carrying the file, as a drag from the desktop gives),
    #    sent with the keyboard.
    page.evaluate("""bytes => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], "query.png", {type: "image/png"}));
        const zone = document.querySelector("[data-dropzone]");
        zone.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: transfer}));
        zone.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: transfer}));
    }""", list(image))
    assert page.evaluate("document.querySelector('#id_file').files[0].name") == "query.png"
    page.locator("#id_file").focus()
    page.keyboard.press("Tab")  # the submit button
    page.keyboard.press("Enter")
    page.locator(f"#lookup-item-{link.media_item_id}").wait_for()
    assert "Exact (SHA256)" in page.locator(f"#lookup-item-{link.media_item_id}").inner_text()
    assert "Not assessed" in page.locator(f"#lookup-item-{link.media_item_id}").inner_text()
    assert MediaFile.objects.count() == files_before
    shoot(page, "lookup-file-match")

    # 3. A pasted SHA-256.
    page.fill("#id_hash", link.media_file.sha256)
    page.locator("#id_hash").press("Enter")
    page.locator(f"#lookup-item-{link.media_item_id}").wait_for()
    shoot(page, "lookup-hash-match")

    # 4. Something that is not a hash is explained.
    page.fill("#id_hash", "not a hash")
    page.locator("#id_hash").press("Enter")
    page.get_by_text("That is not a hash").wait_for()
    shoot(page, "lookup-hash-refused")
    watch.assert_calm()


def test_an_analyst_selects_items_by_keyboard_tags_them_sets_their_tlp_and_exports_the_filtered_list(
    open_page, shoot, first_analyst
):
    older = MediaItemFactory(title="Convoy at dawn", tlp=TLP.AMBER)
    newer = MediaItemFactory(title="Convoy at dusk", tlp=TLP.AMBER)
    untouched = MediaItemFactory(title="Market", tlp=TLP.AMBER)
    page, watch = open_page()
    log_in(page, first_analyst)
    page.goto("/desk/items/")
    shoot(page, "list-items")

    # 1. j to an entry, x ticks it (the list is newest first).
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    assert page.locator("[data-selected-count]").inner_text() == "2 selected."
    ticked = page.locator("[data-select]:checked").evaluate_all("boxes => boxes.map(box => box.value)")
    assert sorted(map(int, ticked)) == sorted([newer.pk, older.pk])
    shoot(page, "list-selected")

    # 2. Tag them: type the tag, Enter on "Add tag".
    page.fill("#bulk-tag", "convoy")
    page.get_by_role("button", name="Add tag").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Tagged 2 of 2 selected items").wait_for()
    assert set(Tag.objects.get(name="convoy").media_items.all()) == {older, newer}
    shoot(page, "list-tagged")

    # 3. Tick them again and set their TLP.
    for item in (older, newer):
        page.locator(f"#select-{item.pk}").check()
    page.select_option("#bulk-tlp", TLP.GREEN)
    page.get_by_role("button", name="Set TLP").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Marked 2 of 2 selected items").wait_for()
    assert dict(MediaItem.objects.values_list("pk", "tlp")) == {
        older.pk: TLP.GREEN, newer.pk: TLP.GREEN, untouched.pk: TLP.AMBER}
    shoot(page, "list-tlp-set")

    # 4. Filter by the words, then export the filtered list as CSV.
    page.fill("#id_q", "convoy")
    page.locator("#id_q").press("Enter")
    page.wait_for_url("**/desk/items/?*q=convoy*")
    shoot(page, "list-filtered")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert sorted(row["title"] for row in rows) == ["Convoy at dawn", "Convoy at dusk"]
    watch.assert_calm()
