"""The review queue: what it gathers, and each action with htmx (a fragment) and without JavaScript (a redirect)."""

import pytest
from django.test import override_settings
from django.urls import reverse

from catalog import services
from catalog.choices import DraftStatus, FindingStatus, ProposalStatus
from catalog.models import ReviewApproval
from provenance.choices import JobStatus
from tests.workspace.case import HTMX

pytestmark = pytest.mark.django_db

QUEUE = "/desk/"


def test_the_queue_gathers_everything_that_waits(desk, case):
    html = desk.get(QUEUE).content.decode()

    assert f'id="draft-{case.draft.pk}"' in html
    assert f'id="draft-{case.hostile_draft.pk}"' in html
    assert f'id="proposal-{case.proposal.pk}"' in html
    assert f'id="finding-{case.finding.pk}"' in html
    assert f'id="job-enrichment-{case.failed_enrichment.pk}"' in html
    assert f'id="job-capture-{case.failed_capture.pk}"' in html
    assert f'id="job-verification-{case.failed_verification.pk}"' in html


def test_decided_and_closed_things_leave_the_queue(desk, case, analyst):
    services.reject_draft(case.draft, analyst)
    services.reject_variant(case.proposal, analyst)
    case.finding.status = FindingStatus.DISMISSED
    case.finding.save()

    html = desk.get(QUEUE).content.decode()

    assert f'id="draft-{case.draft.pk}"' not in html
    assert f'id="proposal-{case.proposal.pk}"' not in html
    assert f'id="finding-{case.finding.pk}"' not in html


def test_an_analyst_sees_their_own_verdict_but_no_button_to_approve_it(desk, colleague, case):
    [event] = services.awaiting_approval()
    approve = reverse("workspace:review-approve", args=[event.pk])

    own = desk.get(QUEUE).content.decode()
    theirs = colleague.get(QUEUE).content.decode()

    assert f'id="verdict-{event.pk}"' in own and approve not in own
    assert "Your own verdicts waiting for a colleague (1)" in own
    assert f'id="verdict-{event.pk}"' in theirs and approve in theirs


def test_a_verdict_superseded_by_a_later_one_is_not_offered_for_approval(desk, colleague, case, analyst):
    [first] = services.awaiting_approval()
    later = services.review_item_authenticity(case.item, "EditedOrCroppedContent", analyst, "Cropped, on a closer look")

    html = colleague.get(QUEUE).content.decode()

    assert reverse("workspace:review-approve", args=[first.pk]) not in html
    assert reverse("workspace:review-approve", args=[later.pk]) in html


@override_settings(FOUR_EYES_REVIEW=False)
def test_without_four_eyes_review_nothing_waits_for_approval(colleague, case):
    html = colleague.get(QUEUE).content.decode()

    assert "/approve/" not in html


def test_approving_a_colleagues_verdict_with_htmx_replaces_the_entry(colleague, colleague_user, case):
    [event] = services.awaiting_approval()

    response = colleague.post(reverse("workspace:review-approve", args=[event.pk]), {"context": "queue"}, **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li class="entry entry--done" id="verdict-{event.pk}"')
    assert "Approved: the verdict “Original media content” on “" in html
    assert "Amaq video of two captured men" in html  # the item by its title, never its id
    assert ReviewApproval.objects.get(review_event=event).approver == colleague_user
    case.item.refresh_from_db()
    assert case.item.published_authenticity == "OriginalMediaContent"


def test_approving_ones_own_verdict_is_refused(desk, case):
    [event] = services.awaiting_approval()

    response = desk.post(reverse("workspace:review-approve", args=[event.pk]), {"context": "queue"}, **HTMX)

    assert response.status_code == 422
    assert "second analyst" in response.content.decode()
    assert not ReviewApproval.objects.exists()


def test_approving_without_javascript_redirects_back_with_a_message(colleague, case):
    [event] = services.awaiting_approval()

    response = colleague.post(reverse("workspace:review-approve", args=[event.pk]), {"next": QUEUE}, follow=True)

    assert response.redirect_chain == [(QUEUE, 302)]
    assert "is now published" in response.content.decode()


def test_accepting_a_whole_draft_from_the_queue(desk, case, analyst):
    response = desk.post(reverse("workspace:draft-decide", args=[case.draft.pk]),
                         {"decision": "accept", "context": "queue"}, **HTMX)

    assert response.status_code == 200
    case.draft.refresh_from_db()
    assert case.draft.status == DraftStatus.ACCEPTED
    assert case.draft.decided_by == analyst
    html = response.content.decode()
    assert "The draft is accepted." in html
    assert reverse("workspace:item", args=[case.draft.media_item_id]) in html


def test_rejecting_a_whole_draft_without_javascript(desk, case):
    response = desk.post(reverse("workspace:draft-decide", args=[case.draft.pk]),
                         {"decision": "reject", "context": "queue", "next": QUEUE})

    assert response.status_code == 302 and response["Location"] == QUEUE
    case.draft.refresh_from_db()
    assert case.draft.status == DraftStatus.REJECTED


def test_an_unknown_decision_changes_nothing(desk, case):
    response = desk.post(reverse("workspace:draft-decide", args=[case.draft.pk]),
                         {"decision": "publish", "context": "queue"}, **HTMX)

    assert response.status_code == 422
    case.draft.refresh_from_db()
    assert case.draft.status == DraftStatus.PENDING


@pytest.mark.parametrize("decision, status", [("confirm", ProposalStatus.CONFIRMED), ("reject", ProposalStatus.REJECTED)])
def test_deciding_a_variant_proposal(desk, case, analyst, decision, status):
    response = desk.post(reverse("workspace:proposal-decide", args=[case.proposal.pk]), {"decision": decision},
                         **HTMX)

    assert response.status_code == 200
    case.proposal.refresh_from_db()
    assert (case.proposal.status, case.proposal.decided_by) == (status, analyst)
    if decision == "confirm":
        case.proposal.media_item.refresh_from_db()
        assert case.proposal.media_item.variant_of == case.proposal.matched_item


def test_deciding_a_proposal_twice_says_why_not(desk, case, analyst):
    services.reject_variant(case.proposal, analyst)

    response = desk.post(reverse("workspace:proposal-decide", args=[case.proposal.pk]), {"decision": "confirm"},
                         **HTMX)

    assert response.status_code == 422
    assert "already rejected" in response.content.decode()


@pytest.mark.parametrize("decision, status", [("acknowledge", FindingStatus.ACKNOWLEDGED),
                                              ("dismiss", FindingStatus.DISMISSED)])
def test_triaging_a_finding(desk, case, decision, status):
    response = desk.post(reverse("workspace:finding-decide", args=[case.finding.pk]), {"decision": decision},
                         **HTMX)

    assert response.status_code == 200
    case.finding.refresh_from_db()
    assert case.finding.status == status


@pytest.mark.parametrize("kind", ["enrichment", "capture", "verification"])
def test_re_queueing_a_failed_job_makes_it_pending_and_sends_it(desk, case, kind, django_capture_on_commit_callbacks):
    job = {"enrichment": case.failed_enrichment, "capture": case.failed_capture,
           "verification": case.failed_verification}[kind]

    with django_capture_on_commit_callbacks() as sent:
        response = desk.post(reverse("workspace:job-requeue", args=[kind, job.pk]), **HTMX)

    assert response.status_code == 200
    assert "Sent to a worker again" in response.content.decode()
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.PENDING, "")
    assert len(sent) == 1


def test_re_queueing_a_job_that_is_not_failed_is_refused(desk, case):
    desk.post(reverse("workspace:job-requeue", args=["capture", case.failed_capture.pk]), **HTMX)

    again = desk.post(reverse("workspace:job-requeue", args=["capture", case.failed_capture.pk]), **HTMX)

    assert again.status_code == 422
    assert "pending, not failed" in again.content.decode()


def test_an_unknown_kind_of_job_is_not_found(desk, case):
    assert desk.post(reverse("workspace:job-requeue", args=["webhook", 1])).status_code == 404


def test_the_queue_takes_a_fixed_number_of_queries(desk, case, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        assert desk.get(QUEUE).status_code == 200


def test_triaging_a_settled_finding_says_why_not(desk, case):
    desk.post(reverse("workspace:finding-decide", args=[case.finding.pk]), {"decision": "dismiss"}, **HTMX)

    again = desk.post(reverse("workspace:finding-decide", args=[case.finding.pk]), {"decision": "acknowledge"},
                      **HTMX)

    assert again.status_code == 422
    assert "already dismissed" in again.content.decode()
