import datetime as dt

import pytest
from django.urls import reverse

from catalog import services
from catalog.choices import ClaimStatus
from catalog.models import Claim
from tests.api.helpers import listed_ids
from tests.factories import (
    ClaimFactory,
    MediaItemFactory,
    OrganizationFactory,
    PersonFactory,
    PlaceFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:claims-list")


def detail_url(claim):
    return reverse("api-v1:claims-detail", args=[claim.pk])


def test_an_analyst_records_a_claim_with_its_claimant_item_and_rating(analyst_client):
    amaq = OrganizationFactory(name="Amaq News Agency")
    item = MediaItemFactory()

    response = analyst_client.post(
        LIST_URL,
        {"text": "Two Russian soldiers were captured in Deir ez-Zor.", "kind": "capture",
         "claimant_organization": amaq.pk, "media_item": item.pk, "stated_on": "2017-10-03",
         "source_reliability": "E", "information_credibility": "5"},
    )

    assert response.status_code == 201, response.data
    assert response.data["claimant_organization"] == {"id": amaq.pk, "name": "Amaq News Agency"}
    assert response.data["admiralty_rating"] == "E5"
    assert response.data["status"] == "unstarted"
    assert Claim.objects.get(pk=response.data["id"]).media_item == item


def test_the_status_is_not_written_by_create_or_update(analyst_client):
    created = analyst_client.post(LIST_URL, {"text": "t", "kind": "capture", "status": "verified"})
    claim = Claim.objects.get(pk=created.data["id"])
    analyst_client.patch(detail_url(claim), {"status": "false"})

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNSTARTED


def test_a_claim_with_both_an_organisation_and_a_person_as_claimant_is_refused(analyst_client):
    response = analyst_client.post(
        LIST_URL,
        {"text": "t", "kind": "capture", "claimant_organization": OrganizationFactory().pk,
         "claimant_person": PersonFactory().pk},
    )

    assert response.status_code == 400
    assert "one claimant" in str(response.data["non_field_errors"][0])
    assert not Claim.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"), [("kind", "rumour"), ("tlp", "purple"), ("source_reliability", "Z"), ("stated_on", "soon")]
)
def test_it_rejects_a_bad_value_with_a_message_for_that_field(analyst_client, field, value):
    response = analyst_client.post(LIST_URL, {"text": "t", "kind": "capture", field: value})

    assert response.status_code == 400
    assert list(response.data) == [field]


def test_it_filters_by_status_kind_claimant_and_report(analyst_client, analyst):
    disputed = ClaimFactory(kind="casualty")
    services.review_claim_status(disputed, ClaimStatus.DISPUTED, analyst, "Denied by the ministry.")
    by_person = ClaimFactory(claimant_organization=None, claimant_person=PersonFactory())
    in_report = ClaimFactory(report=ReportFactory())

    assert listed_ids(analyst_client.get(LIST_URL, {"status": "disputed"})) == {disputed.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"kind": "casualty"})) == {disputed.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"claimant_person": by_person.claimant_person.pk})) == {
        by_person.pk
    }
    assert listed_ids(analyst_client.get(LIST_URL, {"report": in_report.report.pk})) == {in_report.pk}


def test_it_filters_by_the_date_a_claim_was_stated(analyst_client):
    denial = ClaimFactory(stated_on=dt.date(2017, 10, 4))
    ClaimFactory(stated_on=dt.date(2017, 9, 28))

    response = analyst_client.get(LIST_URL, {"stated_on_after": "2017-10-01"})

    assert listed_ids(response) == {denial.pk}


def test_it_finds_claims_by_text_or_claimant_description(analyst_client):
    denial = ClaimFactory(text="Reports of capture are false.", claimant_description="spokesperson, Hmeymim airbase")
    ClaimFactory(text="Unrelated")

    assert listed_ids(analyst_client.get(LIST_URL, {"q": "Hmeymim"})) == {denial.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"q": "capture are"})) == {denial.pk}


def test_it_rejects_an_unknown_status_filter(analyst_client):
    response = analyst_client.get(LIST_URL, {"status": "probably"})

    assert response.status_code == 400
    assert "probably" in str(response.data["status"][0])


def test_deleting_a_reviewed_claim_is_refused_and_keeps_it(analyst_client, analyst):
    claim = ClaimFactory()
    services.review_claim_status(claim, ClaimStatus.IN_PROGRESS, analyst, "Started.")

    response = analyst_client.delete(detail_url(claim))

    assert response.status_code == 409
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_its_list_query_count_does_not_grow_with_page_size(assert_list_queries_constant):
    for number in range(12):
        claimant = {"claimant_organization": None, "claimant_person": PersonFactory()} if number % 2 else {}
        ClaimFactory(report=ReportFactory(), place=PlaceFactory(), **claimant)

    assert_list_queries_constant(LIST_URL)
