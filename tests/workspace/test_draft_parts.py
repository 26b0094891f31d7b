"""Correcting a draft's parts on the desk, attaching it to a catalogued item, and confirming "accept all"."""

import re

import pytest
from django.urls import reverse

from catalog import services
from catalog.choices import DraftStatus
from catalog.demo_case import REPORT_RAW_TEXT
from catalog.models import (
    Channel,
    Claim,
    ClaimLink,
    IdentityAssertion,
    MediaItem,
    Organization,
    Place,
    Sighting,
)
from tests.factories import IdentityAssertionFactory, MediaItemFactory, OrganizationFactory
from tests.workspace.case import HTMX

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return services.ingest_report(REPORT_RAW_TEXT)


def claim_index(draft, claimant):
    return next(index for index, claim in enumerate(draft.payload["claims"]) if claim["claimant"] == claimant)


RECORD_KINDS = {"media item": MediaItem, "organisations": Organization, "channels": Channel, "sightings": Sighting,
                "asserted identities": IdentityAssertion, "claims": Claim, "links between claims": ClaimLink,
                "places": Place}


def catalogue_counts():
    return {kind: model.objects.count() for kind, model in RECORD_KINDS.items()}


def test_accept_all_asks_first_and_says_how_many_records_it_creates(desk, draft):
    html = desk.get(reverse("workspace:draft", args=[draft.pk])).content.decode()
    assert f'href="{reverse("workspace:draft-accept-all", args=[draft.pk])}"' in html
    before = catalogue_counts()

    confirm = desk.get(reverse("workspace:draft-accept-all", args=[draft.pk])).content.decode()

    assert catalogue_counts() == before  # asking creates nothing
    assert "Accepting the 35 undecided parts of" in confirm
    total = int(re.search(r"creates <strong>(\d+) records</strong>", confirm).group(1))
    announced = {kind: int(count) for count, kind in re.findall(r"<li>(\d+) ([a-z ]+)</li>", confirm)}
    assert 'name="decision" value="accept"' in confirm
    assert "confirm(" not in confirm

    desk.post(reverse("workspace:draft-decide", args=[draft.pk]), {"decision": "accept"})

    created = {kind: count - before[kind] for kind, count in catalogue_counts().items() if count > before[kind]}
    assert announced == created  # the page said what accepting then made, kind by kind
    assert total == sum(created.values())


def test_confirming_accept_all_without_javascript_accepts_and_returns_to_the_draft(desk, draft):
    response = desk.post(reverse("workspace:draft-decide", args=[draft.pk]), {"decision": "accept"}, follow=True)

    draft.refresh_from_db()
    assert draft.status == DraftStatus.ACCEPTED
    assert "Accepted the 35 undecided parts." in response.content.decode()


def test_a_claimant_is_linked_to_a_catalogued_organisation_and_the_draft_names_it(desk, draft):
    OrganizationFactory(name="Russian Ministry of Defence")
    index = claim_index(draft, "Russia's defense ministry")

    response = desk.post(reverse("workspace:draft-claimant", args=[draft.pk, index]),
                         {"name": "Russian Ministry of Defence", "kind": "other"}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Corrected the claim “Russia&#x27;s defense ministry releasing a near-identic" in html
    assert "Claimant: <strong dir=\"auto\">Russian Ministry of Defence</strong>, catalogued." in html


def test_the_claimant_field_suggests_catalogued_organisations_as_you_type(desk):
    OrganizationFactory(name="Kenya Defence Forces")
    OrganizationFactory(name="Amaq")

    html = desk.get(reverse("workspace:pick-organizations"), {"name": "defence"}).content.decode()

    assert '<option value="Kenya Defence Forces">' in html
    assert "Amaq" not in html


def test_a_channel_named_by_its_platform_is_refused_with_the_reason(desk, draft):
    response = desk.post(reverse("workspace:draft-channel", args=[draft.pk, 1]),
                         {"name": "Telegram", "platform": "telegram", "operator": ""}, **HTMX)

    assert response.status_code == 422
    assert "names the platform, not the channel" in response.content.decode()


def test_a_correction_without_javascript_comes_back_to_the_part(desk, draft):
    response = desk.post(reverse("workspace:draft-identity", args=[draft.pk, 1]),
                         {"name_as_stated": "Tsurkanov Grigory", "birth_year": "", "birthplace_as_stated": "",
                          "mode": "named_by_other"})

    assert response["Location"] == reverse("workspace:draft", args=[draft.pk]) + "#p-identities-1"
    draft.refresh_from_db()
    assert draft.payload["identities"][1]["name_as_stated"] == "Tsurkanov Grigory"


def test_a_part_that_is_not_in_the_draft_is_refused(desk, draft):
    response = desk.post(reverse("workspace:draft-identity", args=[draft.pk, 40]),
                         {"name_as_stated": "x", "mode": "named_by_other"}, **HTMX)

    assert response.status_code == 422
    assert "This part is not in the draft." in response.content.decode()


def test_a_draft_about_a_catalogued_video_says_which_and_attaches_to_it(desk, draft):
    amaq = OrganizationFactory(name="Amaq")
    item = MediaItemFactory(title="Amaq video: two Russian prisoners", producer=amaq)
    IdentityAssertionFactory(media_item=item, name_as_stated="Zabolotny Roman")

    html = desk.get(reverse("workspace:draft", args=[draft.pk])).content.decode()
    assert "This looks like <a href=\"%s\" dir=\"auto\">Amaq video: two Russian prisoners</a>" % reverse(
        "workspace:item", args=[item.pk]) in html

    response = desk.post(reverse("workspace:draft-attach", args=[draft.pk]), {"item": item.pk}, **HTMX)
    assert "Accepting this draft adds its parts to “Amaq video: two Russian prisoners”." in response.content.decode()
    desk.post(reverse("workspace:draft-decide", args=[draft.pk]), {"decision": "accept"}, **HTMX)

    draft.refresh_from_db()
    assert draft.media_item == item
    assert MediaItem.objects.count() == 1
    assert not Organization.objects.filter(name="Amaq").exclude(pk=amaq.pk).exists()


CANDIDATES = [
    # Real gazetteer entries (the city and its governorate), so that accepting the chosen one links a real place.
    {"id": "gn:170794", "name": "Deir ez-Zor", "country": "SY", "admin1": "Deir ez-Zor Governorate",
     "latitude": 35.336, "longitude": 40.14, "score": 0.82},
    {"id": "iso:SY-DY", "name": "Deir ez-Zor Governorate", "country": "SY", "admin1": "", "latitude": 35.33,
     "longitude": 40.13, "score": 0.64},
]


def with_candidates(draft, confident):
    draft.payload["places"][1].update(candidates=CANDIDATES, confident=confident)
    draft.save()
    return draft


def test_a_place_offers_its_ranked_candidates_and_the_analysts_pick_is_kept(desk, draft):
    with_candidates(draft, confident=False)

    html = desk.get(reverse("workspace:draft", args=[draft.pk])).content.decode()
    assert "The gazetteer is not sure: accepting links none until you choose" in html
    assert 'value="gn:170794">' in html and 'value="iso:SY-DY">' in html  # nothing preselected
    response = desk.post(reverse("workspace:draft-place", args=[draft.pk, 1]), {"candidate": "iso:SY-DY"}, **HTMX)

    assert response.status_code == 200
    assert 'value="iso:SY-DY" checked>' in response.content.decode()
    draft.refresh_from_db()
    assert draft.payload["places"][1]["chosen_candidate"] == "iso:SY-DY"


def test_a_confident_place_preselects_its_best_candidate(desk, draft):
    with_candidates(draft, confident=True)

    html = desk.get(reverse("workspace:draft", args=[draft.pk])).content.decode()

    assert 'value="gn:170794" checked>' in html
