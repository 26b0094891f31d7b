"""/api/v1/findings/: what the background checks noticed, triaged by analysts."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog import services
from catalog.choices import FindingKind, FindingStatus, Severity, VerificationKind
from catalog.models import Finding
from tests.factories import MediaItemFactory, SightingFactory

pytestmark = pytest.mark.django_db

LIST = reverse("api-v1:findings-list")


def triage(finding, verb):
    return reverse(f"api-v1:findings-{verb}", args=[finding.pk])


def raise_one(key="k", kind=FindingKind.URL_TAKEN_DOWN, severity=Severity.INFO, **subjects):
    return services.raise_finding(key, kind, f"Finding {key}", severity=severity, **subjects)


def listed(client, **filters):
    response = client.get(LIST, filters)
    assert response.status_code == 200, response.data
    return [row["id"] for row in response.data["results"]]


def test_a_finding_from_a_real_check_is_listed_with_what_it_concerns(analyst_client):
    item = MediaItemFactory(claimed_release_at=timezone.make_aware(dt.datetime(2017, 10, 3, 12)))
    early = SightingFactory(media_item=item, posted_at=timezone.make_aware(dt.datetime(2017, 10, 2, 9)))
    run = services.request_verification(VerificationKind.TIMELINE)
    services.run_verification(run.pk)

    [row] = analyst_client.get(LIST).data["results"]

    assert row["kind"] == FindingKind.SIGHTING_BEFORE_RELEASE
    assert row["status"] == FindingStatus.OPEN
    assert row["media_item"] == {"id": item.pk, "title": item.title}
    assert row["sighting"]["id"] == early.pk
    assert "before the claimed release" in row["message"]


def test_the_list_filters_by_kind_status_severity_and_item(analyst_client):
    item = MediaItemFactory()
    on_item = raise_one("a", media_item=item)
    high = raise_one("b", kind=FindingKind.IDENTITY_CONTRADICTION, severity=Severity.HIGH)
    dismissed = raise_one("c")
    Finding.objects.filter(pk=dismissed.pk).update(status=FindingStatus.DISMISSED)

    assert listed(analyst_client, media_item=item.pk) == [on_item.pk]
    assert listed(analyst_client, kind=FindingKind.IDENTITY_CONTRADICTION) == [high.pk]
    assert listed(analyst_client, severity=Severity.HIGH) == [high.pk]
    assert listed(analyst_client, status=FindingStatus.DISMISSED) == [dismissed.pk]
    assert analyst_client.get(LIST, {"severity": "apocalyptic"}).status_code == 400


def test_acknowledging_an_open_finding_keeps_it_in_the_queue_and_the_check_updates_it(analyst_client):
    finding = raise_one("down")

    response = analyst_client.post(triage(finding, "acknowledge"))

    assert response.status_code == 200, response.data
    assert response.data["status"] == FindingStatus.ACKNOWLEDGED
    services.raise_finding("down", FindingKind.URL_TAKEN_DOWN, "Still down, checked again.")
    finding.refresh_from_db()
    assert (finding.status, finding.message) == (FindingStatus.ACKNOWLEDGED, "Still down, checked again.")


def test_a_dismissed_finding_stays_dismissed_when_the_check_finds_it_again(analyst_client):
    finding = raise_one("down")

    response = analyst_client.post(triage(finding, "dismiss"))

    assert response.data["status"] == FindingStatus.DISMISSED
    services.raise_finding("down", FindingKind.URL_TAKEN_DOWN, "Found again.")
    finding.refresh_from_db()
    assert (finding.status, finding.message) == (FindingStatus.DISMISSED, "Finding down")


def test_an_acknowledged_finding_can_be_resolved(analyst_client):
    finding = raise_one()
    analyst_client.post(triage(finding, "acknowledge"))

    response = analyst_client.post(triage(finding, "resolve"))

    assert response.status_code == 200
    assert Finding.objects.get().status == FindingStatus.RESOLVED


@pytest.mark.parametrize("settled, verb", [
    (FindingStatus.DISMISSED, "acknowledge"),
    (FindingStatus.RESOLVED, "dismiss"),
    (FindingStatus.DISMISSED, "resolve"),
    (FindingStatus.ACKNOWLEDGED, "acknowledge"),
])
def test_a_finding_past_that_point_is_refused_with_its_status(analyst_client, settled, verb):
    finding = raise_one()
    Finding.objects.filter(pk=finding.pk).update(status=settled)

    response = analyst_client.post(triage(finding, verb))

    assert response.status_code == 400
    assert f"already {FindingStatus(settled).label.lower()}" in response.data["non_field_errors"][0]
    assert Finding.objects.get().status == settled


def test_an_unknown_finding_is_404(analyst_client):
    assert analyst_client.post(reverse("api-v1:findings-dismiss", args=[10**9])).status_code == 404
