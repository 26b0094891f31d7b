"""Rejecting, sending back and withdrawing verdicts from the queue and the dossier: htmx answers a fragment, a plain
form post redirects back with a message; messages name the record by its title."""

import pytest
from django.urls import reverse

from catalog import services
from catalog.choices import ReviewOutcome
from catalog.models import ReviewDecision
from tests.factories import ClaimFactory
from tests.workspace.case import HTMX

pytestmark = pytest.mark.django_db

QUEUE = "/desk/"


def decide(client, event, **data):
    return client.post(reverse("workspace:review-decide", args=[event.pk]), data, **HTMX)


def entry_of(response, event):
    html = response.content.decode()
    start = html.index(f'id="verdict-{event.pk}"')
    return html[start:html.index("</li>", start)]


def test_the_queue_offers_a_colleague_reject_and_send_back_and_the_author_withdraw(desk, colleague, case):
    [event] = services.awaiting_approval()
    action = reverse("workspace:review-decide", args=[event.pk])

    colleagues_html = entry_of(colleague.get(QUEUE), event)
    authors_html = entry_of(desk.get(QUEUE), event)

    assert action in colleagues_html and 'value="reject"' in colleagues_html and 'value="send_back"' in colleagues_html
    assert action in authors_html and 'value="withdraw"' in authors_html and 'value="reject"' not in authors_html


def test_a_colleague_rejects_a_verdict_from_the_queue_with_a_reason(colleague, colleague_user, case):
    [event] = services.awaiting_approval()

    response = decide(colleague, event, decision="reject", comment="Frame 14 shows a different flag.",
                      context="queue")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li class="entry entry--done" id="verdict-{event.pk}"')
    assert "Rejected: the verdict “Original media content” on “" in html
    decision = ReviewDecision.objects.get(review_event=event)
    assert (decision.outcome, decision.analyst, decision.comment) == (
        ReviewOutcome.REJECTED, colleague_user, "Frame 14 shows a different flag.")
    case.item.refresh_from_db()
    assert case.item.authenticity == case.item.published_authenticity


def test_rejecting_without_a_reason_says_so_and_records_nothing(colleague, case):
    [event] = services.awaiting_approval()

    response = decide(colleague, event, decision="reject", comment="", context="queue")

    assert response.status_code == 422
    assert "a rejection needs a reason" in response.content.decode()
    assert not ReviewDecision.objects.exists()


def test_an_unknown_decision_is_refused_in_words(colleague, case):
    [event] = services.awaiting_approval()

    response = decide(colleague, event, decision="delete", comment="x", context="queue")

    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()


def test_sending_back_from_the_dossier_swaps_the_review_section(colleague, case):
    [event] = services.awaiting_approval()

    response = decide(colleague, event, decision="send_back", comment="Cite the Telegram post.", context="dossier")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<section id="review"' in html
    assert "Sent back to " in html and "sent back by colleague" in html and "Cite the Telegram post." in html


def test_the_author_withdraws_their_verdict_without_javascript(desk, case):
    [event] = services.awaiting_approval()

    response = desk.post(reverse("workspace:review-decide", args=[event.pk]),
                         {"decision": "withdraw", "next": QUEUE}, follow=True)

    assert response.redirect_chain == [(QUEUE, 302)]
    assert "Withdrawn: the verdict" in response.content.decode()
    assert ReviewDecision.objects.get(review_event=event).outcome == ReviewOutcome.WITHDRAWN


def test_a_claim_verdict_is_announced_by_the_claims_text_not_its_id(desk):
    claim = ClaimFactory(text="Filmed near the river crossing")

    response = desk.post(reverse("workspace:claim-verdict", args=[claim.pk]),
                         {"status": "false", "rationale": "The river is elsewhere."}, **HTMX)

    html = response.content.decode()
    assert "Verdict on the claim “Filmed near the river crossing” recorded." in html
    assert f"claim {claim.pk}" not in html
