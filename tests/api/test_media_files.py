import hashlib

import pytest
from django.urls import reverse

from provenance import services as evidence
from provenance.models import EnrichmentJob, MediaFile
from tests.api.helpers import listed_ids
from tests.factories import ItemFileFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:media-files-list")


def hashed_file(content):
    """An evidence file whose hashing job has run, as a worker would run it."""
    media_file = ItemFileFactory(content=content).media_file
    job = evidence.request_enrichment(media_file)
    evidence.run_enrichment_job(job.pk)
    media_file.refresh_from_db()
    return media_file


def test_it_shows_a_files_hashes_size_and_jobs(analyst_client):
    media_file = hashed_file(b"the video bytes")

    row = analyst_client.get(reverse("api-v1:media-files-detail", args=[media_file.pk])).data

    assert row["sha256"] == hashlib.sha256(b"the video bytes").hexdigest()
    assert row["md5"] == hashlib.md5(b"the video bytes").hexdigest()
    assert row["size"] == len(b"the video bytes")
    assert [(job["kind"], job["status"]) for job in row["jobs"]] == [("hashes", "succeeded")]


def test_it_finds_a_file_by_sha256_or_md5(analyst_client):
    wanted = hashed_file(b"wanted bytes")
    hashed_file(b"other bytes")

    assert listed_ids(analyst_client.get(LIST_URL, {"sha256": hashlib.sha256(b"wanted bytes").hexdigest()})) == {
        wanted.pk
    }
    assert listed_ids(analyst_client.get(LIST_URL, {"md5": hashlib.md5(b"wanted bytes").hexdigest()})) == {wanted.pk}


def test_it_filters_by_the_item_a_file_belongs_to(analyst_client):
    link = ItemFileFactory()
    ItemFileFactory()

    assert listed_ids(analyst_client.get(LIST_URL, {"media_item": link.media_item.pk})) == {link.media_file.pk}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_evidence_files_cannot_be_written_through_this_endpoint(analyst_client, method):
    media_file = ItemFileFactory().media_file
    url = LIST_URL if method == "post" else reverse("api-v1:media-files-detail", args=[media_file.pk])

    response = getattr(analyst_client, method)(url, {"sha256": "0" * 64, "size": 1})

    assert response.status_code == 405
    assert MediaFile.objects.get().sha256 == media_file.sha256


def test_its_list_query_count_does_not_grow_with_page_size(assert_list_queries_constant):
    for number in range(12):
        evidence.request_enrichment(ItemFileFactory(content=f"bytes {number}".encode()).media_file)
    assert EnrichmentJob.objects.count() == 12

    assert_list_queries_constant(LIST_URL)
