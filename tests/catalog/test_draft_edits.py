"""Correcting a draft's parts before accepting: acceptance builds from the corrections, which are logged."""

import pytest
from django.core.exceptions import ValidationError

from catalog import services
from catalog.choices import AssertionMode, OrganizationKind, Platform
from catalog.demo_case import REPORT_RAW_TEXT
from catalog.models import Channel, Claim, IdentityAssertion, MediaItem, Organization, Sighting
from catalog.services import draft_edits
from tests.factories import AnalystFactory, IdentityAssertionFactory, MediaItemFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return services.ingest_report(REPORT_RAW_TEXT)


@pytest.fixture
def analyst():
    return AnalystFactory(username="amira")


def index_of(draft, section, **fields):
    return next(index for index, part in enumerate(draft.payload[section])
                if all(part.get(name) == value for name, value in fields.items()))


def accepted_record(draft, path, model):
    draft.refresh_from_db()
    return model.objects.get(pk=int(draft.decisions[path]["record"].rsplit(":", 1)[1]))


def test_a_free_text_claimant_becomes_a_catalogued_organisation(draft, analyst):
    kdf = OrganizationFactory(name="Russian Ministry of Defence")
    index = index_of(draft, "claims", claimant="Russia's defense ministry")

    draft_edits.choose_claimant(draft, index, analyst, name="russian ministry of defence")
    services.accept_draft(draft, analyst, [f"claims.{index}"])

    claim = accepted_record(draft, f"claims.{index}", Claim)
    assert claim.claimant_organization == kdf
    assert claim.claimant_description == ""


def test_a_claimant_not_catalogued_is_created_as_named_when_the_claim_is_accepted(draft, analyst):
    index = index_of(draft, "claims", claimant="a representative of Russia's Hmeymim airbase in western Syria")

    draft_edits.choose_claimant(draft, index, analyst, name="Hmeymim airbase", kind=OrganizationKind.GOVERNMENT_BODY)
    assert not Organization.objects.filter(name="Hmeymim airbase").exists()  # nothing lands before accepting
    services.accept_draft(draft, analyst, [f"claims.{index}"])

    claimant = accepted_record(draft, f"claims.{index}", Claim).claimant_organization
    assert (claimant.name, claimant.kind) == ("Hmeymim airbase", OrganizationKind.GOVERNMENT_BODY)


def test_a_channel_gets_the_name_the_analyst_gives_it(draft, analyst):
    index = index_of(draft, "channels", name_as_written="Telegram")

    draft_edits.name_channel(draft, index, analyst, name="@amaq_agency", platform=Platform.TELEGRAM)
    services.accept_draft(draft, analyst, [f"channels.{index}"])

    channel = accepted_record(draft, f"channels.{index}", Channel)
    assert (channel.platform, channel.handle) == (Platform.TELEGRAM, "@amaq_agency")
    assert str(channel) == "Telegram: @amaq_agency"


def test_a_channel_named_only_by_its_platform_is_refused_a_bare_platform_name(draft, analyst):
    with pytest.raises(ValidationError) as refused:
        draft_edits.name_channel(draft, 0, analyst, name="telegram", platform=Platform.TELEGRAM)

    assert "names the platform" in " ".join(refused.value.messages)


def test_a_channel_the_report_names_by_its_platform_is_known_by_whose_it_is_never_by_its_id(draft, analyst):
    index = index_of(draft, "channels", name_as_written="Telegram")

    services.accept_draft(draft, analyst, ["media_item", f"channels.{index}"])

    channel = accepted_record(draft, f"channels.{index}", Channel)
    assert channel.handle == "Amaq"  # the item's producer
    assert str(channel.pk) not in str(channel)


def test_identity_fields_can_be_corrected_and_the_correction_is_logged(draft, analyst):
    index = index_of(draft, "identities", name_as_stated="Tsurkanov Gregory")

    draft_edits.correct_identity(draft, index, analyst, name_as_stated="Tsurkanov Grigory", birth_year="1986",
                                 mode=AssertionMode.SELF_IDENTIFIED)
    services.accept_draft(draft, analyst, [f"identities.{index}"])

    assertion = accepted_record(draft, f"identities.{index}", IdentityAssertion)
    assert (assertion.name_as_stated, assertion.birth_year_as_stated) == ("Tsurkanov Grigory", 1986)
    edit = draft.payload["edits"][-1]
    assert edit["by"] == "amira" and edit["path"] == f"identities.{index}"
    assert edit["changes"]["name_as_stated"] == ["Tsurkanov Gregory", "Tsurkanov Grigory"]


def test_an_impossible_birth_year_is_refused_and_nothing_changes(draft, analyst):
    with pytest.raises(ValidationError) as refused:
        draft_edits.correct_identity(draft, 0, analyst, birth_year="19790")

    assert "birth_year" in refused.value.message_dict
    draft.refresh_from_db()
    assert "edits" not in draft.payload


def test_a_decided_part_can_no_longer_be_corrected(draft, analyst):
    services.reject_draft(draft, analyst, ["identities.0"])

    with pytest.raises(ValidationError, match="already decided"):
        draft_edits.correct_identity(draft, 0, analyst, name_as_stated="Someone else")


def test_a_place_is_picked_among_its_ranked_candidates(draft, analyst):
    candidates = [{"id": 11, "name": "Deir ez-Zor", "country": "SY", "admin1": "Deir ez-Zor", "latitude": 35.3,
                   "longitude": 40.1, "score": 0.8},
                  {"id": 12, "name": "Dayr az Zawr", "country": "SY", "admin1": "", "latitude": 35.3,
                   "longitude": 40.2, "score": 0.7}]
    draft.payload["places"][1].update(candidates=candidates, confident=False)
    draft.save()

    draft_edits.choose_place(draft, 1, analyst, "12")

    draft.refresh_from_db()
    assert draft.payload["places"][1]["chosen_candidate"] == 12
    with pytest.raises(ValidationError, match="one of the places offered"):
        draft_edits.choose_place(draft, 1, analyst, "99")


def test_accept_all_says_exactly_how_many_records_it_will_create_and_creates_nothing_to_say_it(draft, analyst):
    plan = draft_edits.acceptance_plan(draft, analyst)
    assert MediaItem.objects.count() == 0 and Claim.objects.count() == 0

    before = sum(model.objects.count() for model, *_ in draft_edits.PLANNED)
    services.accept_draft(draft, analyst)
    after = sum(model.objects.count() for model, *_ in draft_edits.PLANNED)

    assert plan["records"] == after - before > 0
    assert plan["parts"] == len(services.section_paths(draft))
    assert "1 media item" in plan["lines"]
    assert f"{len(draft.payload['claims'])} claims" in plan["lines"]


def test_a_draft_attached_to_a_catalogued_item_adds_its_parts_to_that_item(draft, analyst):
    item = MediaItemFactory(title="Amaq: two Russian prisoners")
    IdentityAssertionFactory(media_item=item, name_as_stated="Zabolotny Roman")

    draft_edits.attach_to_item(draft, item, analyst)
    services.accept_draft(draft, analyst)

    assert MediaItem.objects.count() == 1
    draft.refresh_from_db()
    assert draft.media_item == item
    assert item.claims.count() == len(draft.payload["claims"])
    assert item.identity_assertions.count() == 1 + len(draft.payload["identities"])
    assert Sighting.objects.filter(media_item=item).count() == len(draft.payload["channels"])


def test_a_channel_without_handle_or_url_is_never_named_by_its_id():
    bare = Channel.objects.create(platform=Platform.TELEGRAM)

    assert str(bare) == "Telegram: unnamed channel"
