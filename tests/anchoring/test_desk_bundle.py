"""The dossier offers the court bundle to analysts; nobody else gets it from the desk."""

import io
import zipfile

import pytest
from django.test import Client

from provenance.choices import CustodyAction
from tests.factories import ItemFileFactory, UserFactory

pytestmark = pytest.mark.django_db



def test_the_dossier_links_the_court_bundle_and_it_downloads_as_a_zip(desk, analyst):
    link = ItemFileFactory(content=b"a video seen at the desk")
    url = f"/desk/items/{link.media_item.pk}/bundle/"

    page = desk.get(f"/desk/items/{link.media_item.pk}/")
    response = desk.get(url)

    assert f'href="{url}"' in page.content.decode() and "Court bundle" in page.content.decode()
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="court-bundle-media-item-{link.media_item.pk}.zip"'
    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    assert f"originals/{link.media_file.sha256}" in names and "SHA256SUMS" in names
    last = link.media_file.custody_events.order_by("-sequence").first()
    assert (last.action, last.actor) == (CustodyAction.EXPORTED, analyst.username)


def test_a_user_who_is_not_an_analyst_gets_no_bundle_from_the_desk(db):
    link = ItemFileFactory()
    client = Client()
    client.force_login(UserFactory())

    assert client.get(f"/desk/items/{link.media_item.pk}/bundle/").status_code == 403
    assert Client().get(f"/desk/items/{link.media_item.pk}/bundle/").status_code == 302
    assert not link.media_file.custody_events.filter(action=CustodyAction.EXPORTED).exists()


def test_a_missing_item_answers_404_at_the_desk(desk):
    assert desk.get("/desk/items/999999/bundle/").status_code == 404
