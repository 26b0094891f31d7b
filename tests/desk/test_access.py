"""Every desk endpoint is the analysts' own: anonymous callers, logged-in non-analysts and partners (by API key,
however cleared) get nothing from it, read or write; analysts get their answer."""

import pytest
from django.urls import reverse

from catalog import services
from catalog.api.desk_urls import urlpatterns
from catalog.choices import FindingKind
from catalog.models import Finding, Report, ReviewApproval, ReviewDecision, VariantProposal, VerificationRun
from provenance.models import FileMatch
from tests.desk.helpers import case_draft
from tests.factories import ClaimFactory, IdentityAssertionFactory, ItemFileFactory

pytestmark = pytest.mark.django_db

MARKER = "DESK-ONLY-MARKER"


@pytest.fixture
def desk(analyst):
    """One record of each kind the desk shows, the scraped text and messages carrying a marker."""
    draft = case_draft()
    claim = ClaimFactory(text=f"{MARKER} claim")
    event = services.review_claim_status(claim, "false", analyst, f"{MARKER} rationale")
    copy, original = ItemFileFactory(), ItemFileFactory()
    match = FileMatch.objects.create(query_file=copy.media_file, matched_file=original.media_file,
                                     query_match_percent=90, target_match_percent=90, best_distance=10, method="v")
    return {
        "draft": draft.pk,
        "finding": services.raise_finding("k", FindingKind.URL_TAKEN_DOWN, f"{MARKER} finding").pk,
        "event": event.pk,
        "proposal": services.propose_variants([match])[0].pk,
        "run": services.request_verification("timeline").pk,
        "assertion": IdentityAssertionFactory().pk,
        "item": claim.media_item_id,
    }


# (method, URL name, URL argument key, body, query)
CALLS = [
    ("post", "report-ingest-list", None, {"raw_text": "Headline\n\nA body of a report with enough words in it."}, None),
    ("get", "report-drafts-list", None, None, None),
    ("get", "report-drafts-detail", "draft", None, None),
    ("post", "report-drafts-accept", "draft", {}, None),
    ("post", "report-drafts-reject", "draft", {}, None),
    ("get", "findings-list", None, None, None),
    ("get", "findings-detail", "finding", None, None),
    ("post", "findings-acknowledge", "finding", None, None),
    ("post", "findings-dismiss", "finding", None, None),
    ("post", "findings-resolve", "finding", None, None),
    ("get", "review-approvals-list", None, None, None),
    ("post", "review-approvals-list", None, {"review_event": "event"}, None),
    ("post", "review-decisions-list", None, {"review_event": "event", "outcome": "sent_back", "comment": "Cite it."},
     None),
    ("get", "variant-proposals-list", None, None, None),
    ("get", "variant-proposals-detail", "proposal", None, None),
    ("post", "variant-proposals-confirm", "proposal", None, None),
    ("post", "variant-proposals-reject", "proposal", None, None),
    ("get", "verification-runs-list", None, None, None),
    ("get", "verification-runs-detail", "run", None, None),
    ("post", "verification-runs-list", None, {"kind": "identity"}, None),
    ("get", "person-candidates", None, None, {"identity_assertion": "assertion"}),
    ("get", "place-resolution", None, None, {"q": "Rassvet"}),
    ("post", "place-resolution", None, {"gazetteer_id": "country:SY"}, None),
    ("get", "claim-graph", None, None, {"media_item": "item"}),
]
IDS = [f"{method} {name}" for method, name, *_ in CALLS]


def call(client, desk, method, name, key, body, params):
    url = reverse(f"api-v1:{name}", args=[desk[key]] if key else [])
    resolve = {field: desk.get(value, value) for field, value in (body or params or {}).items()}
    if method == "get":
        return client.get(url, resolve)
    return client.post(url, resolve, format="json")


def counts():
    return (Report.objects.count(), VerificationRun.objects.count(), ReviewApproval.objects.count(),
            ReviewDecision.objects.count(),
            list(Finding.objects.values_list("status", flat=True)),
            list(VariantProposal.objects.values_list("status", flat=True)))


def test_every_desk_route_is_covered_here():
    assert {pattern.name for pattern in urlpatterns} == {name for _, name, *_ in CALLS}


@pytest.mark.parametrize("who", ["anonymous_client", "outsider_client", "partner_client"])
@pytest.mark.parametrize("method, name, key, body, params", CALLS, ids=IDS)
def test_no_one_but_an_analyst_gets_anything(request, desk, who, method, name, key, body, params):
    client = request.getfixturevalue(who)
    before = counts()

    response = call(client, desk, method, name, key, body, params)

    assert response.status_code == (401 if who == "anonymous_client" else 403)
    assert MARKER not in response.content.decode()
    assert set(response.data) == {"detail"}
    assert counts() == before


@pytest.mark.parametrize("method, name, key, body, params", CALLS, ids=IDS)
def test_an_analyst_gets_an_answer(second_analyst_client, desk, method, name, key, body, params):
    response = call(second_analyst_client, desk, method, name, key, body, params)

    assert response.status_code in (200, 201), response.data
