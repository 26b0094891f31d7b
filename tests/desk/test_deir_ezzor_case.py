"""The Deir Ezzor 2017 case end to end through the API: the scraped report comes in, an analyst accepts it part by
part, records verdicts with a rationale, a second analyst approves them, and the claim graph shows who asserted and
who denied the capture, and when."""

import pytest
from django.urls import reverse

from catalog.choices import ClaimStatus, DraftStatus
from catalog.demo_case import REPORT_RAW_TEXT
from catalog.models import Claim, IdentityAssertion, MediaItem, Place, ReportDraft
from tests.desk.helpers import part, paths_where

pytestmark = pytest.mark.django_db

# Not about the video: an attack in Damascus, airstrikes, and a second name for the defence ministry.
NOT_ABOUT_THE_VIDEO = {
    ("claims", "kind", "responsibility"), ("claims", "kind", "casualty"),
    ("organisations", "name", "The defense ministry"),
}


def path_of(draft, section, **wanted):
    [path] = paths_where(draft, section, **wanted)
    return path


def post(client, url, body, expected=200):
    response = client.post(url, body, format="json")
    assert response.status_code == expected, response.data
    return response.data


@pytest.fixture
def case(analyst_client):
    """The report ingested through the API and decided one part at a time, in the order an analyst reads it."""
    created = post(analyst_client, reverse("api-v1:report-ingest-list"), {"raw_text": REPORT_RAW_TEXT}, 201)
    draft = ReportDraft.objects.get(pk=created["id"])
    accept = reverse("api-v1:report-drafts-accept", args=[draft.pk])
    reject = reverse("api-v1:report-drafts-reject", args=[draft.pk])
    for section in created["sections"]:  # the item first, then organisations, channels, identities, claims, places
        proposal = part(draft, section["path"])
        refused = any(section["section"] == name and proposal.get(key) == value
                      for name, key, value in NOT_ABOUT_THE_VIDEO)
        post(analyst_client, reject if refused else accept, {"paths": [section["path"]]})
    draft.refresh_from_db()
    return draft


def test_the_report_accepted_part_by_part_becomes_the_cases_records(case):
    assert case.status == DraftStatus.ACCEPTED  # every part decided, some of them accepted
    item = MediaItem.objects.get()
    assert (item.producer.name, item.is_graphic, item.tlp) == ("Amaq", True, "amber")
    speaker, named = IdentityAssertion.objects.order_by("pk")
    assert (speaker.name_as_stated, speaker.birth_year_as_stated, speaker.birthplace.name) == (
        "Zabolotny Roman", 1979, "Rassvet")
    assert (named.name_as_stated, named.named_by) == ("Tsurkanov Gregory", speaker)
    assert Claim.objects.count() == len(case.payload["claims"]) - 3
    assert not Claim.objects.filter(kind__in=["responsibility", "casualty"]).exists()
    assert Place.objects.filter(name="Shula", country_code__startswith="SY").exists()
    decisions = {path: decision["decision"] for path, decision in case.decisions.items()}
    assert decisions[path_of(case, "organisations", name="The defense ministry")] == "rejected"
    assert decisions[path_of(case, "identities", name_as_stated="Zabolotny Roman")] == "accepted"


def capture_claim(case):
    """'Isis first claimed Thursday it had captured two Russian soldiers', as catalogued from the draft."""
    record = case.decisions[path_of(case, "claims", claimant="Isis", stated_on="2017-09-28")]["record"]
    return Claim.objects.get(pk=int(record.rsplit(":", 1)[1]))


def standing(client, claim):
    graph = client.get(reverse("api-v1:claim-graph"), {"media_item": claim.media_item_id}).data
    return {node["id"]: node for node in graph["claims"]}[claim.pk]["standing"]


def test_the_denial_keeps_the_capture_disputed_until_a_verdict_which_a_second_analyst_publishes(
    case, analyst_client, second_analyst_client
):
    capture = capture_claim(case)
    assert standing(analyst_client, capture) == ClaimStatus.DISPUTED

    event = post(analyst_client, reverse("api-v1:claims-review", args=[capture.pk]), {
        "status": ClaimStatus.INCONCLUSIVE,
        "rationale": "Only the captors' video and the captives' own words; Russia denies any capture.",
    }, 201)

    assert standing(analyst_client, capture) == ClaimStatus.INCONCLUSIVE
    capture.refresh_from_db()
    assert capture.published_status == ClaimStatus.UNSTARTED
    waiting = analyst_client.get(reverse("api-v1:review-approvals-list")).data["results"]
    assert [row["id"] for row in waiting] == [event["id"]]

    own = analyst_client.post(reverse("api-v1:review-approvals-list"), {"review_event": event["id"]}, format="json")
    assert own.status_code == 400
    post(second_analyst_client, reverse("api-v1:review-approvals-list"),
         {"review_event": event["id"], "note": "Agreed: nothing independent yet."}, 201)

    capture.refresh_from_db()
    assert capture.published_status == ClaimStatus.INCONCLUSIVE
    assert analyst_client.get(reverse("api-v1:review-approvals-list")).data["results"] == []


def test_the_claim_graph_shows_who_asserted_and_who_denied_the_capture_and_when(case, analyst_client):
    capture = capture_claim(case)

    graph = analyst_client.get(reverse("api-v1:claim-graph"), {"media_item": capture.media_item_id}).data

    timeline = [(node["stated_on"], node["role"], node["claimant"]) for node in graph["claims"]]
    assert timeline[0] == ("2017-09-28", "assertion", "Isis")
    assert ("2017-09-28", "denial", "a representative of Russia's Hmeymim airbase in western Syria") in timeline
    assert ("2017-10-03", "denial", "the spokesperson") in timeline
    assert ("2017-10-03", "assertion", "Isis") in timeline
    dated = [stated_on for stated_on, _, _ in timeline if stated_on]
    assert dated == sorted(dated) and timeline[-1][0] is None
    nodes = {node["id"]: node for node in graph["claims"]}
    deniers = {nodes[edge["source"]]["claimant"] for edge in nodes[capture.pk]["incoming"]
               if edge["relation"] == "denies"}
    assert {"a representative of Russia's Hmeymim airbase in western Syria", "the spokesperson", "Moscow",
            "Russia's defense ministry"} <= deniers
