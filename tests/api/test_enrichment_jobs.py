import pytest
from django.urls import reverse

from provenance import services as evidence
from provenance.models import EnrichmentJob
from tests.api.helpers import listed_ids
from tests.factories import ItemFileFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:enrichment-jobs-list")


def requested_job(content):
    return evidence.request_enrichment(ItemFileFactory(content=content).media_file)


def test_it_shows_a_jobs_file_status_and_result(analyst_client):
    job = requested_job(b"bytes to hash")
    evidence.run_enrichment_job(job.pk)

    row = analyst_client.get(reverse("api-v1:enrichment-jobs-detail", args=[job.pk])).data

    assert (row["kind"], row["status"], row["attempts"]) == ("hashes", "succeeded", 1)
    assert row["media_file"]["sha256"] == job.media_file.sha256
    assert row["result"]["size"] == len(b"bytes to hash")


def test_it_filters_by_status_kind_and_file(analyst_client):
    done = requested_job(b"done")
    evidence.run_enrichment_job(done.pk)
    pending = requested_job(b"pending")

    assert listed_ids(analyst_client.get(LIST_URL, {"status": "pending"})) == {pending.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"status": "succeeded", "kind": "hashes"})) == {done.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"media_file": pending.media_file.pk})) == {pending.pk}


def test_it_rejects_an_unknown_status_filter(analyst_client):
    response = analyst_client.get(LIST_URL, {"status": "stuck"})

    assert response.status_code == 400
    assert "stuck" in str(response.data["status"][0])


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_jobs_cannot_be_written_through_the_api(analyst_client, method):
    job = requested_job(b"bytes")
    url = LIST_URL if method == "post" else reverse("api-v1:enrichment-jobs-detail", args=[job.pk])

    response = getattr(analyst_client, method)(url, {"status": "succeeded"})

    assert response.status_code == 405
    assert EnrichmentJob.objects.get().status == "pending"


def test_its_list_query_count_does_not_grow_with_page_size(assert_list_queries_constant):
    for number in range(12):
        requested_job(f"bytes {number}".encode())

    assert_list_queries_constant(LIST_URL)
