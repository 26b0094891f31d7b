"""GET /api/v1/claim-graph/?media_item=<id>: who asserts and who denies what about an item, and when."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog import services
from catalog.choices import ClaimRelation, ClaimStatus
from tests.factories import ClaimFactory, ClaimLinkFactory, MediaItemFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:claim-graph")


def graph(client, item):
    response = client.get(URL, {"media_item": item.pk})
    assert response.status_code == 200, response.data
    return response.data


def by_id(data):
    return {node["id"]: node for node in data["claims"]}


@pytest.fixture
def capture_and_denial():
    item = MediaItemFactory()
    isis = OrganizationFactory(name="Islamic State")
    capture = ClaimFactory(media_item=item, claimant_organization=isis, stated_on=dt.date(2017, 9, 28),
                           text="Two Russian soldiers were captured near Deir Ezzor.")
    denial = ClaimFactory(media_item=item, claimant_organization=None, stated_on=dt.date(2017, 9, 29),
                          claimant_description="spokesperson, Hmeymim airbase", text="No servicemen were captured.")
    ClaimLinkFactory(source=denial, target=capture, relation=ClaimRelation.DENIES)
    return item, capture, denial


def test_assertions_and_denials_are_listed_with_their_claimants_and_dates(analyst_client, capture_and_denial):
    item, capture, denial = capture_and_denial

    data = graph(analyst_client, item)

    assert data["media_item"] == {"id": item.pk, "title": item.title}
    assert [(n["id"], n["role"], n["claimant"], n["stated_on"]) for n in data["claims"]] == [
        (capture.pk, "assertion", "Islamic State", "2017-09-28"),
        (denial.pk, "denial", "spokesperson, Hmeymim airbase", "2017-09-29"),
    ]
    nodes = by_id(data)
    [edge] = nodes[capture.pk]["incoming"]
    assert (edge["relation"], edge["source"], edge["target"]) == ("denies", denial.pk, capture.pk)
    assert nodes[denial.pk]["outgoing"] == [edge]
    assert nodes[capture.pk]["claimant_organization"]["name"] == "Islamic State"


def test_a_denied_claim_stands_disputed_until_an_analyst_records_a_verdict(analyst_client, analyst, capture_and_denial):
    item, capture, denial = capture_and_denial
    assert by_id(graph(analyst_client, item))[capture.pk]["standing"] == ClaimStatus.DISPUTED
    assert by_id(graph(analyst_client, item))[denial.pk]["standing"] == ClaimStatus.UNSTARTED

    services.review_claim_status(capture, ClaimStatus.VERIFIED, analyst, "Both men identified by relatives.")

    node = by_id(graph(analyst_client, item))[capture.pk]
    assert (node["status"], node["standing"]) == (ClaimStatus.VERIFIED, ClaimStatus.VERIFIED)


def test_claims_about_other_things_appear_when_linked_to_the_items_claims(analyst_client, capture_and_denial):
    item, capture, _ = capture_and_denial
    elsewhere = ClaimFactory(media_item=MediaItemFactory(), stated_on=dt.date(2017, 10, 5))
    ClaimLinkFactory(source=elsewhere, target=capture, relation=ClaimRelation.CORROBORATES)
    unrelated = ClaimFactory(media_item=elsewhere.media_item)
    ClaimLinkFactory(source=unrelated, target=elsewhere, relation=ClaimRelation.SUPPORTS)

    nodes = by_id(graph(analyst_client, item))

    assert nodes[elsewhere.pk]["in_item"] is False
    assert nodes[elsewhere.pk]["role"] == "assertion"
    assert unrelated.pk not in nodes
    assert [edge["relation"] for edge in nodes[elsewhere.pk]["outgoing"]] == ["corroborates"]
    assert nodes[elsewhere.pk]["incoming"] == []


def test_claims_are_ordered_by_date_with_undated_ones_last(analyst_client):
    item = MediaItemFactory()
    undated = ClaimFactory(media_item=item, stated_on=None)
    late = ClaimFactory(media_item=item, stated_on=dt.date(2017, 10, 3))
    early = ClaimFactory(media_item=item, stated_on=dt.date(2017, 9, 28))

    data = graph(analyst_client, item)

    assert [node["id"] for node in data["claims"]] == [early.pk, late.pk, undated.pk]


def test_an_item_without_claims_has_an_empty_graph(analyst_client):
    assert graph(analyst_client, MediaItemFactory())["claims"] == []


def test_the_graph_costs_the_same_queries_however_many_claims(analyst_client, capture_and_denial):
    item, capture, _ = capture_and_denial
    with CaptureQueriesContext(connection) as small:
        graph(analyst_client, item)
    for day in range(1, 6):
        denial = ClaimFactory(media_item=item, stated_on=dt.date(2017, 10, day))
        ClaimLinkFactory(source=denial, target=capture, relation=ClaimRelation.DENIES)

    with CaptureQueriesContext(connection) as large:
        data = graph(analyst_client, item)

    assert len(data["claims"]) == 7
    assert len(large) == len(small)


@pytest.mark.parametrize("params", [{}, {"media_item": 10**9}, {"media_item": "x"}])
def test_a_missing_or_unknown_item_is_refused(analyst_client, params):
    response = analyst_client.get(URL, params)

    assert response.status_code == 400
    assert list(response.data) == ["media_item"]
