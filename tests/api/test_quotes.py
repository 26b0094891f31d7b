import pytest
from django.urls import reverse

from catalog.models import Quote
from tests.api.helpers import listed_ids
from tests.factories import OrganizationFactory, PersonFactory, QuoteFactory, ReportFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:quotes-list")


def test_an_analyst_records_a_quote_with_its_speaker(analyst_client):
    report = ReportFactory(title="Russia denies soldiers captured")
    ministry = OrganizationFactory(name="Ministry of Defence", kind="government_body")

    response = analyst_client.post(
        LIST_URL,
        {"report": report.pk, "speaker": "the defence ministry", "speaker_organization": ministry.pk,
         "text": "All servicemen are accounted for.", "position": 1},
    )

    assert response.status_code == 201, response.data
    assert response.data["report"] == {"id": report.pk, "title": "Russia denies soldiers captured"}
    assert Quote.objects.get(pk=response.data["id"]).speaker_organization == ministry


def test_a_quote_needs_its_report_and_text(analyst_client):
    response = analyst_client.post(LIST_URL, {"speaker": "someone"})

    assert response.status_code == 400
    assert set(response.data) == {"report", "text"}


def test_it_filters_by_report_and_speaker(analyst_client):
    quote = QuoteFactory(speaker_person=PersonFactory())
    QuoteFactory()

    assert listed_ids(analyst_client.get(LIST_URL, {"report": quote.report.pk})) == {quote.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"speaker_person": quote.speaker_person.pk})) == {quote.pk}


def test_it_finds_quotes_by_speaker_or_words(analyst_client):
    quote = QuoteFactory(speaker="Igor Konashenkov", text="These are fakes.")
    QuoteFactory(speaker="someone else", text="Other words.")

    assert listed_ids(analyst_client.get(LIST_URL, {"q": "Konashenkov"})) == {quote.pk}
    assert listed_ids(analyst_client.get(LIST_URL, {"q": "fakes"})) == {quote.pk}


def test_an_analyst_corrects_a_quote(analyst_client):
    quote = QuoteFactory()

    response = analyst_client.patch(
        reverse("api-v1:quotes-detail", args=[quote.pk]), {"text": "Corrected words."}
    )

    assert response.status_code == 200, response.data
    quote.refresh_from_db()
    assert quote.text == "Corrected words."


def test_its_list_query_count_does_not_grow_with_page_size(assert_list_queries_constant):
    QuoteFactory.create_batch(12, speaker_person=PersonFactory(), speaker_organization=OrganizationFactory())

    assert_list_queries_constant(LIST_URL)
