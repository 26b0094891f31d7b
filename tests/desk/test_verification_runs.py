"""/api/v1/verification-runs/: background checks queued through the API and run by a worker."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from catalog.choices import FindingKind, FindingStatus, VerificationKind
from catalog.models import Finding, LivenessCheck, VerificationRun
from catalog.tasks import run_verification
from provenance.choices import JobStatus
from tests.factories import AnalystFactory, ChannelFactory, MediaItemFactory, SightingFactory
from tests.integration.workers import running_worker, wait_for

LIST = reverse("api-v1:verification-runs-list")


def detail(run_id):
    return reverse("api-v1:verification-runs-detail", args=[run_id])


@pytest.mark.django_db
def test_a_run_is_created_pending_and_sent_to_the_workers_once_committed(
    analyst_client, django_capture_on_commit_callbacks
):
    item = MediaItemFactory()

    with django_capture_on_commit_callbacks(execute=True) as sent:
        response = analyst_client.post(LIST, {"kind": "timeline", "media_item": item.pk}, format="json")

    assert response.status_code == 201, response.data
    run = VerificationRun.objects.get(pk=response.data["id"])
    assert (run.kind, run.media_item, run.status) == (VerificationKind.TIMELINE, item, JobStatus.PENDING)
    assert response.data["media_item"] == {"id": item.pk, "title": item.title}
    assert len(sent) == 1
    run.refresh_from_db()
    assert run.enqueued_at is not None


@pytest.mark.django_db
def test_a_run_of_the_whole_catalogue_needs_no_item(analyst_client):
    response = analyst_client.post(LIST, {"kind": "identity"}, format="json")

    assert response.status_code == 201, response.data
    assert response.data["media_item"] is None


@pytest.mark.django_db
def test_an_unknown_kind_or_item_is_refused_per_field(analyst_client):
    response = analyst_client.post(LIST, {"kind": "astrology", "media_item": 10**9}, format="json")

    assert response.status_code == 400
    assert set(response.data) == {"kind", "media_item"}
    assert not VerificationRun.objects.exists()


@pytest.mark.django_db
def test_the_runs_status_and_result_are_read_back_after_a_worker_ran_it(analyst_client, http_server):
    sighting = SightingFactory(url=http_server.url("gone"))
    created = analyst_client.post(LIST, {"kind": "liveness", "media_item": sighting.media_item_id}, format="json")

    run_verification.apply(args=[created.data["id"]])

    response = analyst_client.get(detail(created.data["id"]))
    assert response.data["status"] == JobStatus.SUCCEEDED
    assert response.data["result"] == {"checked": 1}
    assert response.data["finished_at"] is not None


@pytest.mark.django_db
def test_the_list_filters_by_kind_and_status(analyst_client):
    timeline = analyst_client.post(LIST, {"kind": "timeline"}, format="json").data["id"]
    liveness = analyst_client.post(LIST, {"kind": "liveness"}, format="json").data["id"]
    VerificationRun.objects.filter(pk=liveness).update(status=JobStatus.FAILED)

    by_kind = analyst_client.get(LIST, {"kind": "timeline"}).data["results"]
    by_status = analyst_client.get(LIST, {"status": "failed"}).data["results"]

    assert [row["id"] for row in by_kind] == [timeline]
    assert [row["id"] for row in by_status] == [liveness]


@pytest.mark.django_db(transaction=True)
def test_a_liveness_run_queued_through_the_api_is_run_by_a_worker_and_records_a_takedown(http_server):
    (http_server.folder / "still-up").write_text("the post")
    item = MediaItemFactory()
    up = SightingFactory(media_item=item, url=http_server.url("still-up"))
    gone = SightingFactory(media_item=item, url=http_server.url("removed-by-platform"))
    suspended = ChannelFactory(url=http_server.url("channel"))
    SightingFactory(media_item=item, channel=suspended, url=http_server.url("still-up") + "?copy")
    http_server.status_overrides["/channel"] = 410
    client = APIClient()
    client.force_authenticate(AnalystFactory())

    with running_worker() as worker:
        response = client.post(LIST, {"kind": "liveness", "media_item": item.pk}, format="json")
        assert response.status_code == 201, response.data
        wait_for(lambda: VerificationRun.objects.get(pk=response.data["id"]).status == JobStatus.SUCCEEDED,
                 timeout=90)

    run = client.get(detail(response.data["id"])).data
    assert run["status"] == JobStatus.SUCCEEDED, worker.log_path.read_text()
    history = {check.url: (check.is_up, check.http_status) for check in LivenessCheck.objects.all()}
    assert history[up.url] == (True, 200)
    assert history[gone.url] == (False, 404)
    assert history[suspended.url] == (False, 410)
    gone.refresh_from_db()
    up.refresh_from_db()
    assert gone.taken_down_at is not None and up.taken_down_at is None
    findings = client.get(reverse("api-v1:findings-list"), {"kind": FindingKind.URL_TAKEN_DOWN}).data["results"]
    assert [(row["sighting"]["id"], row["status"]) for row in findings] == [(gone.pk, FindingStatus.OPEN)]
    assert Finding.objects.filter(kind=FindingKind.CHANNEL_UNREACHABLE, channel=suspended).exists()
