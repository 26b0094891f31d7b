"""/api/v1/report-drafts/: drafts read from reports, accepted or rejected part by part."""

import pytest
from django.urls import reverse

from catalog import services
from catalog.choices import DraftStatus
from catalog.models import Claim, IdentityAssertion, MediaItem
from tests.desk.helpers import EXAMPLES, case_draft, paths_where

pytestmark = pytest.mark.django_db

LIST = reverse("api-v1:report-drafts-list")


def detail(draft):
    return reverse("api-v1:report-drafts-detail", args=[draft.pk])


def accept(draft):
    return reverse("api-v1:report-drafts-accept", args=[draft.pk])


def reject(draft):
    return reverse("api-v1:report-drafts-reject", args=[draft.pk])


def sections_by_path(response):
    return {part["path"]: part for part in response.data["sections"]}


def test_the_detail_shows_the_payload_the_decisions_and_each_parts_state(analyst_client):
    draft = case_draft()

    response = analyst_client.get(detail(draft))

    assert response.status_code == 200
    assert response.data["payload"] == draft.payload
    assert response.data["decisions"] == {}
    assert [part["path"] for part in response.data["sections"]][:3] == ["media_item", "organisations.0",
                                                                        "organisations.1"]


def test_the_list_filters_by_status(analyst_client, analyst):
    pending = case_draft()
    decided = services.ingest_report((EXAMPLES / "06-iswap-no-dateline.txt").read_bytes())
    services.reject_draft(decided, analyst)

    response = analyst_client.get(LIST, {"status": "pending"})

    assert [row["id"] for row in response.data["results"]] == [pending.pk]
    assert analyst_client.get(LIST, {"status": "rejected"}).data["results"][0]["id"] == decided.pk
    assert analyst_client.get(LIST, {"status": "nonsense"}).status_code == 400


def test_accepting_chosen_parts_makes_only_those_records_and_says_what_it_made(analyst_client, analyst):
    draft = case_draft()
    speaker = paths_where(draft, "identities", name_as_stated="Zabolotny Roman")

    response = analyst_client.post(accept(draft), {"paths": ["media_item", *speaker]}, format="json")

    assert response.status_code == 200, response.data
    assert response.data["status"] == DraftStatus.PARTIALLY_ACCEPTED
    parts = sections_by_path(response)
    assertion = IdentityAssertion.objects.get()
    assert parts[speaker[0]]["decision"] == "accepted"
    assert parts[speaker[0]]["decided_by"] == analyst.username
    assert parts[speaker[0]]["record"] == f"catalog.identityassertion:{assertion.pk}"
    assert parts["media_item"]["record"] == f"catalog.mediaitem:{MediaItem.objects.get().pk}"
    assert response.data["media_item"]["id"] == MediaItem.objects.get().pk
    assert not Claim.objects.exists()
    assert parts["claims.0"]["decision"] is None


def test_rejecting_parts_makes_nothing_and_records_the_decision(analyst_client):
    draft = case_draft()

    response = analyst_client.post(reject(draft), {"paths": ["claims.0", "claims.1"]}, format="json")

    assert response.status_code == 200, response.data
    assert response.data["decisions"]["claims.0"]["decision"] == "rejected"
    assert response.data["status"] == DraftStatus.PENDING
    assert not Claim.objects.exists()


def test_accepting_without_paths_decides_every_part_still_open(analyst_client):
    draft = case_draft()
    analyst_client.post(reject(draft), {"paths": ["claims.9"]}, format="json")

    response = analyst_client.post(accept(draft), {}, format="json")

    assert response.status_code == 200, response.data
    assert response.data["status"] == DraftStatus.ACCEPTED
    assert {part["decision"] for part in response.data["sections"]} == {"accepted", "rejected"}
    assert Claim.objects.count() == len(draft.payload["claims"]) - 1


@pytest.mark.parametrize("paths, message", [
    (["claims.99"], "Not part of this draft: claims.99"),
    (["places.x"], "Not part of this draft: places.x"),
    (["claims.0", "claims.0"], "claims.0 given more than once"),
])
def test_unknown_or_repeated_paths_are_refused_and_nothing_is_made(analyst_client, paths, message):
    draft = case_draft()

    response = analyst_client.post(accept(draft), {"paths": paths}, format="json")

    assert response.status_code == 400
    assert message in " ".join(response.data["paths"])
    assert not MediaItem.objects.exists()
    draft.refresh_from_db()
    assert draft.decisions == {}


def test_a_part_already_decided_cannot_be_decided_again(analyst_client):
    draft = case_draft()
    analyst_client.post(reject(draft), {"paths": ["claims.0"]}, format="json")

    response = analyst_client.post(accept(draft), {"paths": ["claims.0", "claims.1"]}, format="json")

    assert response.status_code == 400
    assert "Already decided: claims.0" in response.data["paths"][0]
    assert not Claim.objects.exists()


def test_a_draft_with_nothing_left_to_decide_refuses_a_whole_decision(analyst_client):
    draft = case_draft()
    analyst_client.post(reject(draft), {}, format="json")

    response = analyst_client.post(accept(draft), {}, format="json")

    assert response.status_code == 400
    assert "already decided" in response.data["paths"][0]


def test_an_empty_list_of_paths_is_refused(analyst_client):
    draft = case_draft()

    response = analyst_client.post(accept(draft), {"paths": []}, format="json")

    assert response.status_code == 400
    assert response.data["paths"]


def test_a_second_analyst_continues_where_the_first_stopped(analyst_client, second_analyst_client, second_analyst):
    draft = case_draft()
    analyst_client.post(accept(draft), {"paths": ["identities.0"]}, format="json")

    response = second_analyst_client.post(accept(draft), {"paths": ["identities.1"]}, format="json")

    assert response.status_code == 200
    speaker, named = IdentityAssertion.objects.order_by("pk")
    assert named.named_by == speaker
    assert response.data["decided_by"]["username"] == second_analyst.username
    assert sections_by_path(response)["identities.0"]["decided_by"] != second_analyst.username


def test_an_unknown_draft_is_404(analyst_client):
    response = analyst_client.post(reverse("api-v1:report-drafts-accept", args=[10**9]), {}, format="json")

    assert response.status_code == 404
