"""Asking for a web archive: the API actions for reports and sightings (analysts only), the service's refusals as
clear 400s, and the admin action."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from rest_framework.test import APIClient

from catalog.choices import TLP
from catalog.models import Report, Sighting, WebArchiveCapture
from catalog.services.analysts import ensure_analyst_group
from provenance.choices import JobStatus
from tests.factories import AnalystFactory, ReportFactory, SightingFactory
from tests.partners.factories import PartnerFactory, issue_key

pytestmark = pytest.mark.django_db

PAGE = "https://channel.example/post/7"


def test_an_analyst_queues_an_archive_of_a_sightings_page(analyst_client, analyst):
    sighting = SightingFactory(url=PAGE)

    response = analyst_client.post(f"/api/v1/sightings/{sighting.pk}/archive/")

    assert response.status_code == 202, response.data
    assert response.data["sighting"] == sighting.pk and response.data["report"] is None
    assert response.data["url"] == PAGE
    assert response.data["status"] == JobStatus.PENDING
    job = WebArchiveCapture.objects.get(pk=response.data["id"])
    assert job.requested_by == analyst


def test_an_analyst_queues_an_archive_of_a_reports_page(analyst_client):
    report = ReportFactory(url=PAGE)

    response = analyst_client.post(f"/api/v1/reports/{report.pk}/archive/")

    assert response.status_code == 202, response.data
    assert response.data["report"] == report.pk and response.data["sighting"] is None
    assert WebArchiveCapture.objects.get(pk=response.data["id"]).url == PAGE


def test_a_report_without_a_url_is_answered_400_with_the_reason(analyst_client):
    report = ReportFactory(url="")

    response = analyst_client.post(f"/api/v1/reports/{report.pk}/archive/")

    assert response.status_code == 400
    assert "no URL" in str(response.data["url"])
    assert not WebArchiveCapture.objects.exists()


def test_a_sighting_whose_url_is_not_http_is_answered_400(analyst_client):
    sighting = SightingFactory(url="ftp://channel.example/post/7")

    response = analyst_client.post(f"/api/v1/sightings/{sighting.pk}/archive/")

    assert response.status_code == 400
    assert "Only http and https" in str(response.data["url"])


def test_asking_again_before_the_first_archive_ran_answers_the_same_job(analyst_client):
    sighting = SightingFactory(url=PAGE)

    first = analyst_client.post(f"/api/v1/sightings/{sighting.pk}/archive/")
    second = analyst_client.post(f"/api/v1/sightings/{sighting.pk}/archive/")

    assert first.data["id"] == second.data["id"]
    assert WebArchiveCapture.objects.count() == 1


def test_a_finished_archive_does_not_stop_a_new_one(analyst_client):
    sighting = SightingFactory(url=PAGE)
    first = analyst_client.post(f"/api/v1/sightings/{sighting.pk}/archive/")
    WebArchiveCapture.objects.filter(pk=first.data["id"]).update(status=JobStatus.SUCCEEDED)

    second = analyst_client.post(f"/api/v1/sightings/{sighting.pk}/archive/")

    assert second.status_code == 202
    assert second.data["id"] != first.data["id"]


def test_a_partner_may_not_request_an_archive_even_of_a_record_it_reads(db):
    partner = PartnerFactory(max_tlp=TLP.RED, may_see_identities=True, may_see_graphic=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {issue_key(partner)[1]}")
    sighting, report = SightingFactory(url=PAGE), ReportFactory(url=PAGE)
    assert client.get(f"/api/v1/sightings/{sighting.pk}/").status_code == 200

    assert client.post(f"/api/v1/sightings/{sighting.pk}/archive/").status_code == 403
    assert client.post(f"/api/v1/reports/{report.pk}/archive/").status_code == 403
    assert not WebArchiveCapture.objects.exists()


def test_users_who_are_not_analysts_may_not_request_an_archive(outsider_client, anonymous_client):
    sighting = SightingFactory(url=PAGE)

    assert outsider_client.post(f"/api/v1/sightings/{sighting.pk}/archive/").status_code == 403
    assert anonymous_client.post(f"/api/v1/sightings/{sighting.pk}/archive/").status_code in (401, 403)
    assert not WebArchiveCapture.objects.exists()


def test_a_missing_record_is_answered_404(analyst_client):
    assert analyst_client.post("/api/v1/sightings/999999/archive/").status_code == 404


def admin_action(client, model, *objects):
    url = reverse(f"admin:catalog_{model._meta.model_name}_changelist")
    response = client.post(url, {"action": "archive_pages", "_selected_action": [o.pk for o in objects]}, follow=True)
    assert response.status_code == 200
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def admin_browser(client):
    ensure_analyst_group()
    client.force_login(AnalystFactory(is_staff=True, is_superuser=True))
    return client


def test_the_admin_action_queues_archives_and_names_records_without_a_url(admin_browser):
    with_url, without = SightingFactory(url=PAGE), SightingFactory(url="")

    notes = admin_action(admin_browser, Sighting, with_url, without)

    assert WebArchiveCapture.objects.get().sighting == with_url
    assert any("1 web archive queued" in note for note in notes)
    assert any("no URL" in note for note in notes)


def test_the_admin_action_archives_reports_too(admin_browser):
    report = ReportFactory(url=PAGE)

    admin_action(admin_browser, Report, report)

    assert WebArchiveCapture.objects.get().report == report
