"""What a partner is shown of a record it may see: published verdicts, identity details only with clearance,
no links to records it cannot see, none of the desk's internal fields."""

import pytest
from django.urls import reverse

from catalog import services
from catalog.choices import TLP, ClaimStatus, MediaAuthenticity
from tests.factories import (
    ClaimFactory,
    IdentityAssertionFactory,
    ItemFileFactory,
    MediaItemFactory,
    PersonFactory,
    PlaceFactory,
    QuoteFactory,
    ReportFactory,
    SightingFactory,
)

pytestmark = pytest.mark.django_db


def detail(client, route, record):
    response = client.get(reverse(f"api-v1:{route}-detail", args=[record.pk]))
    assert response.status_code == 200, response.data
    return response.data


def test_a_partner_sees_an_items_published_authenticity_not_the_reviewed_one(partner_client, analyst_client):
    item = MediaItemFactory(
        tlp=TLP.GREEN, authenticity=MediaAuthenticity.STAGED, published_authenticity=MediaAuthenticity.ORIGINAL
    )

    assert detail(partner_client, "media-items", item)["authenticity"] == MediaAuthenticity.ORIGINAL
    assert detail(analyst_client, "media-items", item)["authenticity"] == MediaAuthenticity.STAGED


def test_a_verdict_reaches_a_partner_only_after_a_second_analyst_approves_it(
    partner_client, analyst, second_analyst, settings
):
    settings.FOUR_EYES_REVIEW = True
    claim = ClaimFactory(tlp=TLP.GREEN, media_item=MediaItemFactory(tlp=TLP.GREEN))
    event = services.review_claim_status(claim, ClaimStatus.FALSE, analyst, "Denied by the ministry with proof.")

    before = detail(partner_client, "claims", claim)["status"]
    services.approve_review(event, second_analyst)
    after = detail(partner_client, "claims", claim)["status"]

    assert (before, after) == (ClaimStatus.UNSTARTED, ClaimStatus.FALSE)


def test_claims_nested_in_an_item_show_partners_their_published_status(partner_client):
    item = MediaItemFactory(tlp=TLP.GREEN)
    ClaimFactory(media_item=item, tlp=TLP.GREEN, status=ClaimStatus.FALSE, published_status=ClaimStatus.DISPUTED)

    [claim] = detail(partner_client, "media-items", item)["claims"]

    assert claim["status"] == ClaimStatus.DISPUTED


def test_a_partner_filtering_by_status_matches_the_published_status(partner_client):
    shown = ClaimFactory(tlp=TLP.GREEN, media_item=None, status=ClaimStatus.FALSE, published_status=ClaimStatus.FALSE)
    ClaimFactory(tlp=TLP.GREEN, media_item=None, status=ClaimStatus.FALSE, published_status=ClaimStatus.UNSTARTED)

    response = partner_client.get(reverse("api-v1:claims-list"), {"status": ClaimStatus.FALSE})

    assert [row["id"] for row in response.data["results"]] == [shown.pk]


def test_a_partner_without_identity_clearance_never_receives_an_identity_assertion(partner_client_for):
    client = partner_client_for(max_tlp=TLP.GREEN, may_see_identities=False)
    assertion = IdentityAssertionFactory(
        media_item=MediaItemFactory(tlp=TLP.GREEN), name_as_stated="Роман Заболотный", person=PersonFactory(),
        birthplace=PlaceFactory(), affiliation_as_stated="61st Brigade", resolution_confidence=0.8,
    )

    detail_response = client.get(reverse("api-v1:identity-assertions-detail", args=[assertion.pk]))
    listed = client.get(reverse("api-v1:identity-assertions-list")).data["results"]
    item = detail(client, "media-items", assertion.media_item)

    assert detail_response.status_code == 404
    assert listed == []
    assert item["identity_assertions"] == []


def test_an_identity_claim_reaches_only_a_partner_cleared_for_identities(partner_client_for):
    item = MediaItemFactory(tlp=TLP.GREEN)
    claim = ClaimFactory(media_item=item, tlp=TLP.GREEN, kind="identity", text="The man on the left is Roman.")
    uncleared = partner_client_for(max_tlp=TLP.GREEN, may_see_identities=False)
    cleared = partner_client_for(max_tlp=TLP.GREEN, may_see_identities=True)

    assert uncleared.get(reverse("api-v1:claims-detail", args=[claim.pk])).status_code == 404
    assert detail(uncleared, "media-items", item)["claims"] == []
    assert detail(cleared, "claims", claim)["text"] == "The man on the left is Roman."
    assert [row["id"] for row in detail(cleared, "media-items", item)["claims"]] == [claim.pk]


def test_a_partner_with_identity_clearance_sees_identity_details_and_the_person(partner_client_for):
    client = partner_client_for(max_tlp=TLP.GREEN, may_see_identities=True)
    person = PersonFactory(canonical_name="Roman Zabolotny", notes="Desk note: family contacted.")
    assertion = IdentityAssertionFactory(
        media_item=MediaItemFactory(tlp=TLP.GREEN), name_as_stated="Роман Заболотный", person=person,
    )

    data = detail(client, "identity-assertions", assertion)
    shown_person = detail(client, "people", person)

    assert (data["name_as_stated"], data["person"]["canonical_name"]) == ("Роман Заболотный", "Roman Zabolotny")
    assert shown_person["canonical_name"] == "Roman Zabolotny"
    assert shown_person["notes"] is None


def test_filtering_or_ordering_assertions_by_an_identity_detail_finds_nothing_without_identity_clearance(
    partner_client,
):
    IdentityAssertionFactory(media_item=MediaItemFactory(tlp=TLP.GREEN), name_as_stated="Roman")
    url = reverse("api-v1:identity-assertions-list")

    for query in ({"q": "Roman"}, {"script": "latin"}, {"resolved": "false"}, {"ordering": "name_as_stated"}):
        response = partner_client.get(url, query)
        assert response.status_code == 200, query
        assert response.data["results"] == [], query


def test_a_link_to_a_record_the_partner_cannot_see_is_null(partner_client):
    hidden = SightingFactory(media_item=MediaItemFactory(tlp=TLP.RED))
    shown = SightingFactory(media_item=MediaItemFactory(tlp=TLP.GREEN))
    repost = SightingFactory(media_item=shown.media_item, derived_from=shown)
    from_hidden = SightingFactory(media_item=shown.media_item, derived_from=hidden)

    assert detail(partner_client, "sightings", repost)["derived_from"]["id"] == shown.pk
    assert detail(partner_client, "sightings", from_hidden)["derived_from"] is None


def test_a_list_keeps_rows_with_no_link_and_nulls_each_link_to_a_hidden_record(partner_client_for):
    client = partner_client_for(max_tlp=TLP.GREEN, may_see_identities=True)
    shown_item, hidden_item = MediaItemFactory(tlp=TLP.GREEN), MediaItemFactory(tlp=TLP.AMBER)
    original, hidden = SightingFactory(media_item=shown_item), SightingFactory(media_item=hidden_item)
    repost = SightingFactory(media_item=shown_item, derived_from=original)
    from_hidden = SightingFactory(media_item=shown_item, derived_from=hidden)
    namer, hidden_namer = (
        IdentityAssertionFactory(media_item=shown_item), IdentityAssertionFactory(media_item=hidden_item)
    )
    named = IdentityAssertionFactory(media_item=shown_item, person=None, named_by=namer, mode="named_by_other")
    named_by_hidden = IdentityAssertionFactory(
        media_item=shown_item, person=None, named_by=hidden_namer, mode="named_by_other"
    )

    def links(route, link):
        response = client.get(reverse(f"api-v1:{route}-list"), {"limit": 100})
        assert response.status_code == 200, response.data
        return {row["id"]: (row[link] or {}).get("id") for row in response.data["results"]}

    assert links("sightings", "derived_from") == {
        original.pk: None, repost.pk: original.pk, from_hidden.pk: None
    }
    assert links("identity-assertions", "named_by") == {
        namer.pk: None, named.pk: namer.pk, named_by_hidden.pk: None
    }


def test_a_claims_claimant_person_and_a_quotes_speaker_are_null_unless_the_person_is_visible(partner_client_for):
    client = partner_client_for(max_tlp=TLP.GREEN, may_see_identities=True)
    shown_person, hidden_person = PersonFactory(), PersonFactory()
    IdentityAssertionFactory(media_item=MediaItemFactory(tlp=TLP.GREEN), person=shown_person)
    IdentityAssertionFactory(media_item=MediaItemFactory(tlp=TLP.RED), person=hidden_person)
    by_shown = ClaimFactory(tlp=TLP.GREEN, media_item=None, claimant_organization=None, claimant_person=shown_person)
    by_hidden = ClaimFactory(tlp=TLP.GREEN, media_item=None, claimant_organization=None, claimant_person=hidden_person)
    quote = QuoteFactory(report=ReportFactory(tlp=TLP.GREEN), speaker_person=hidden_person)

    assert detail(client, "claims", by_shown)["claimant_person"]["id"] == shown_person.pk
    assert detail(client, "claims", by_hidden)["claimant_person"] is None
    assert detail(client, "quotes", quote)["speaker_person"] is None


def test_the_timeline_of_an_item_leaves_out_sightings_of_variants_the_partner_cannot_see(partner_client):
    item = MediaItemFactory(tlp=TLP.GREEN)
    own = SightingFactory(media_item=item)
    SightingFactory(media_item=MediaItemFactory(tlp=TLP.RED, variant_of=item))
    open_variant = SightingFactory(media_item=MediaItemFactory(tlp=TLP.CLEAR, variant_of=item))

    sightings = detail(partner_client, "media-items", item)["sightings"]

    assert sorted(row["id"] for row in sightings) == sorted([own.pk, open_variant.pk])


def test_the_desks_internal_fields_are_null_for_partners(partner_client, analyst):
    item = MediaItemFactory(tlp=TLP.GREEN, created_by=analyst)
    ItemFileFactory(media_item=item, attached_by=analyst)

    data = detail(partner_client, "media-items", item)
    [item_file] = data["files"]
    media_file = detail(partner_client, "media-files", item.files.get().media_file)

    assert data["created_by"] is None
    assert (item_file["attached_by"], item_file["enrichment_jobs"]) == (None, None)
    assert item_file["media_file"]["sha256"] == media_file["sha256"]
    assert (media_file["original_filename"], media_file["jobs"]) == (None, None)


def test_a_partner_filtering_by_a_record_it_cannot_see_is_answered_as_for_one_that_does_not_exist(partner_client):
    hidden = MediaItemFactory(tlp=TLP.RED)
    url = reverse("api-v1:sightings-list")

    hidden_answer = partner_client.get(url, {"media_item": hidden.pk})
    missing_answer = partner_client.get(url, {"media_item": 10**9})

    assert hidden_answer.status_code == missing_answer.status_code == 400
    assert str(hidden_answer.data).replace(str(hidden.pk), "ID") == str(missing_answer.data).replace(str(10**9), "ID")


def test_a_partner_finds_no_file_by_an_item_it_cannot_see(partner_client):
    shared = ItemFileFactory(media_item=MediaItemFactory(tlp=TLP.GREEN))
    hidden_item = MediaItemFactory(tlp=TLP.RED)
    ItemFileFactory(media_item=hidden_item, media_file=shared.media_file)
    url = reverse("api-v1:media-files-list")

    assert partner_client.get(url, {"media_item": shared.media_item_id}).data["count"] == 1
    assert partner_client.get(url, {"media_item": hidden_item.pk}).data["count"] == 0
