from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from catalog import services
from catalog.choices import AssertionMode, ClaimRelation, DraftStatus, SightingKind
from catalog.demo_case import REPORT_RAW_TEXT
from catalog.models import Claim, ClaimLink, IdentityAssertion, MediaItem, Organization, Place, Quote, Report

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[1] / "ingest" / "examples"


def paths_of(draft, section):
    return [path for path in services.section_paths(draft) if path.startswith(section)]


def test_ingesting_a_report_keeps_it_as_received_and_publishes_nothing_else():
    draft = services.ingest_report(REPORT_RAW_TEXT)

    report = draft.report
    assert report.raw_text == REPORT_RAW_TEXT
    assert report.title.startswith("Isis releases video of captured Russian soldiers")
    assert "string(324)" not in report.body
    assert Quote.objects.filter(report=report).count() == 4
    assert draft.status == DraftStatus.PENDING
    assert (MediaItem.objects.count(), Claim.objects.count(), IdentityAssertion.objects.count()) == (0, 0, 0)


def test_ingesting_the_same_text_twice_gives_the_same_draft():
    first = services.ingest_report(REPORT_RAW_TEXT)

    assert services.ingest_report(REPORT_RAW_TEXT).pk == first.pk
    assert Report.objects.count() == 1


def test_unreadable_input_is_refused_with_a_reason_and_stores_nothing():
    with pytest.raises(ValidationError) as refused:
        services.ingest_report("\x00\x01\x02 binary junk \xff")

    assert "raw_text" in refused.value.message_dict
    assert Report.objects.count() == 0


def test_the_draft_points_at_the_gazetteer_places_it_recognises():
    draft = services.ingest_report(REPORT_RAW_TEXT)

    hints = {place["name"]: place["gazetteer"] for place in draft.payload["places"]}
    assert hints["Deir Ezzor"]["name"] in ("Deir ez-Zor", "Deir ez-Zor Governorate")
    [speaker, _] = draft.payload["identities"]
    assert speaker["birthplace_gazetteer"]["name"] == "Rassvet"


def test_accepting_the_whole_case_draft_builds_the_catalogue_records(analyst):
    newsweek = Organization.objects.create(name="Newsweek", kind="news_outlet")
    draft = services.ingest_report(REPORT_RAW_TEXT)

    services.accept_draft(draft, analyst)

    draft.refresh_from_db()
    assert draft.status == DraftStatus.ACCEPTED
    item = draft.media_item
    assert item.producer.name == "Amaq"
    assert item.is_graphic
    speaker, named = IdentityAssertion.objects.filter(media_item=item).order_by("pk")
    assert (speaker.name_as_stated, speaker.birth_year_as_stated, speaker.mode) == (
        "Zabolotny Roman", 1979, AssertionMode.SELF_IDENTIFIED,
    )
    assert speaker.birthplace.name == "Rassvet"
    assert (named.name_as_stated, named.named_by) == ("Tsurkanov Gregory", speaker)
    assert ClaimLink.objects.filter(relation=ClaimRelation.DENIES).exists()
    assert Place.objects.filter(name="Deir ez-Zor").exclude(gazetteer_id="").exists()
    assert draft.report.outlet == newsweek
    embedded = item.sightings.get(kind=SightingKind.EMBEDDED_IN_REPORT)
    assert (embedded.channel.operator, embedded.posted_at) == (newsweek, draft.report.published_at)
    assert item.sightings.filter(channel__platform="telegram").exists()
    denied = Claim.objects.with_standing().filter(incoming_links__relation=ClaimRelation.DENIES)
    assert {claim.standing for claim in denied} == {"disputed"}


def test_accepting_field_by_field_creates_only_what_was_accepted(analyst):
    draft = services.ingest_report(REPORT_RAW_TEXT)

    services.accept_draft(draft, analyst, paths=["identities.0"])
    services.reject_draft(draft, analyst, paths=paths_of(draft, "claims"))

    draft.refresh_from_db()
    assert draft.status == DraftStatus.PARTIALLY_ACCEPTED
    assert IdentityAssertion.objects.count() == 1
    assert Claim.objects.count() == 0
    assert draft.decisions["claims.0"]["decision"] == "rejected"
    with pytest.raises(ValidationError, match="Already decided"):
        services.accept_draft(draft, analyst, paths=["claims.0"])


def test_a_second_identity_accepted_later_is_linked_to_the_one_who_named_it(analyst):
    draft = services.ingest_report(REPORT_RAW_TEXT)
    services.accept_draft(draft, analyst, paths=["identities.0"])

    services.accept_draft(draft, analyst, paths=["identities.1"])

    speaker, named = IdentityAssertion.objects.order_by("pk")
    assert named.named_by == speaker


def test_known_organisations_are_reused_through_their_aliases(analyst):
    amaq = Organization.objects.create(name="Amaq News Agency", kind="armed_group_media")
    amaq.aliases.create(name="Amaq")
    draft = services.ingest_report(REPORT_RAW_TEXT)

    services.accept_draft(draft, analyst, paths=["media_item"])

    draft.refresh_from_db()
    assert draft.media_item.producer == amaq


def test_an_unknown_path_is_refused():
    draft = services.ingest_report(REPORT_RAW_TEXT)

    with pytest.raises(ValidationError, match="Not part of this draft"):
        services.reject_draft(draft, None, paths=["claims.99"])


@pytest.mark.parametrize("example", sorted(path.name for path in EXAMPLES.glob("*.txt")))
def test_reports_never_seen_before_become_drafts_that_can_be_accepted_whole(example, analyst):
    draft = services.ingest_report((EXAMPLES / example).read_bytes())

    services.accept_draft(draft, analyst)

    draft.refresh_from_db()
    payload = draft.payload
    assert draft.status == DraftStatus.ACCEPTED
    assert IdentityAssertion.objects.count() == len(payload["identities"])
    assert Claim.objects.count() == len(payload["claims"])
    for identity in payload["identities"]:
        assert IdentityAssertion.objects.filter(name_as_stated=identity["name_as_stated"]).exists()
