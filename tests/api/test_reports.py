import pytest
from django.urls import reverse

from catalog.models import Report
from tests.api.helpers import aware, listed_ids
from tests.factories import ClaimFactory, OrganizationFactory, QuoteFactory, ReportFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:reports-list")


def detail_url(report):
    return reverse("api-v1:reports-detail", args=[report.pk])


def test_an_analyst_files_a_report_and_its_raw_text_is_kept_exactly(analyst_client):
    outlet = OrganizationFactory(name="Reuters", kind="news_outlet")
    raw = "MOSCOW (Reuters) -\u00a0Russia denied on Wednesday...\r\n\r\n(Reporting by ...)"

    response = analyst_client.post(
        LIST_URL,
        {"outlet": outlet.pk, "title": "Russia denies soldiers captured", "url": "https://example.org/report",
         "published_at": "2017-10-04T11:52:00Z", "dateline": "MOSCOW", "raw_text": raw, "tlp": "clear"},
    )

    assert response.status_code == 201, response.data
    assert response.data["outlet"] == {"id": outlet.pk, "name": "Reuters"}
    assert Report.objects.get(pk=response.data["id"]).raw_text == raw


def test_it_rejects_an_unknown_tlp_marking(analyst_client):
    response = analyst_client.post(LIST_URL, {"title": "t", "tlp": "white"})

    assert response.status_code == 400
    assert "white" in str(response.data["tlp"][0])


def test_it_filters_by_outlet_and_publication_date(analyst_client):
    october = ReportFactory(published_at=aware(2017, 10, 4, 11, 52))
    november = ReportFactory(published_at=aware(2017, 11, 1, 8))

    assert listed_ids(analyst_client.get(LIST_URL, {"published_at_before": "2017-10-31"})) == {october.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"outlet": november.outlet.pk})) == {november.pk}


def test_it_rejects_a_malformed_date_in_a_range_filter(analyst_client):
    response = analyst_client.get(LIST_URL, {"published_at_after": "last week"})

    assert response.status_code == 400
    assert "published_at" in response.data


def test_it_finds_reports_by_title_body_or_caption(analyst_client):
    by_caption = ReportFactory(caption="A still from the Amaq video")
    by_body = ReportFactory(body="The ministry said the men were not servicemen.")
    ReportFactory(title="Weather")

    assert listed_ids(analyst_client.get(LIST_URL, {"q": "Amaq"})) == {by_caption.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"q": "servicemen"})) == {by_body.pk}


def test_deleting_a_report_removes_its_quotes_and_keeps_its_claims(analyst_client):
    report = ReportFactory()
    quote = QuoteFactory(report=report)
    claim = ClaimFactory(report=report)

    assert analyst_client.delete(detail_url(report)).status_code == 204
    assert not type(quote).objects.filter(pk=quote.pk).exists()
    claim.refresh_from_db()
    assert claim.report is None


def test_its_list_query_count_does_not_grow_with_page_size(assert_list_queries_constant):
    ReportFactory.create_batch(12)

    assert_list_queries_constant(LIST_URL)
