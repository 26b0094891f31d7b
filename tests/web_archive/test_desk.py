"""The dossier's sightings timeline shows when a sighting's page was archived, linking to the WACZ for analysts."""

import hashlib
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.services import web_archives
from tests.factories import MediaItemFactory, SightingFactory, UserFactory

pytestmark = pytest.mark.django_db



def archived_sighting(site, title="Release"):
    url = site.page(f"<html><head><title>{title}</title></head><body><img src='photos/still.jpg'></body></html>")
    sighting = SightingFactory(media_item=MediaItemFactory(is_graphic=False), url=url)
    job = web_archives.request_web_archive(sighting=sighting)
    web_archives.run_web_archive(job.pk)
    job.refresh_from_db()
    assert job.media_file is not None, job.error
    return sighting, job


def test_the_timeline_shows_the_archive_time_and_a_link_that_downloads_the_wacz(site, desk):
    sighting, job = archived_sighting(site)

    page = desk.get(reverse("workspace:item", args=[sighting.media_item_id])).content.decode()

    row = page[page.index(f'id="sighting-{sighting.pk}"'):]
    row = row[: row.index("</tr>")]
    shown = timezone.localtime(job.captured_at).strftime("%-d %b %Y %H:%M")
    assert "archived <time datetime=" in row and shown in row
    link = reverse("workspace:file-original", args=[job.media_file_id])
    assert f'href="{link}"' in row
    download = desk.get(link)
    assert download.status_code == 200
    assert hashlib.sha256(b"".join(download.streaming_content)).hexdigest() == job.media_file.sha256


def test_a_sighting_never_archived_shows_no_archive(desk):
    sighting = SightingFactory()

    page = desk.get(reverse("workspace:item", args=[sighting.media_item_id])).content.decode()

    assert "archived <time" not in page


def test_the_scraped_page_title_never_reaches_the_dossier_as_html(site, desk):
    sighting, _ = archived_sighting(site, title="<script>alert(1)</script>")

    page = desk.get(reverse("workspace:item", args=[sighting.media_item_id])).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert re.search(r"archived <time", page)


def test_only_analysts_may_download_the_archive(site, client):
    _, job = archived_sighting(site)
    client.force_login(UserFactory())

    response = client.get(reverse("workspace:file-original", args=[job.media_file_id]))

    assert response.status_code == 403
