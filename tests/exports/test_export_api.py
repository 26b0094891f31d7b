import json

import pytest
import stix2
from django.core.management import call_command
from django.urls import reverse
from pymisp import MISPEvent

from catalog.choices import TLP
from catalog.exports import FORMATS
from provenance.choices import CustodyAction
from tests.partners.conftest import key_client
from tests.partners.factories import PartnerFactory, issue_key

pytestmark = pytest.mark.django_db


def export_url(export_format, item):
    return reverse(f"api-v1:media-item-export-{export_format}", args=[item.pk])


def test_an_analyst_downloads_the_stix_bundle_and_the_export_is_logged_under_their_name(case, analyst_client, analyst):
    response = analyst_client.get(export_url("stix", case.item))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/stix+json;version=2.1"
    assert response["Content-Disposition"] == f'attachment; filename="media-item-{case.item.pk}.stix.json"'
    bundle = stix2.parse(response.content.decode(), allow_custom=True)
    [item] = [obj for obj in bundle.objects if obj.type == "media-item"]
    assert item.authenticity_state == "working"
    [event] = case.media_file.custody_events.filter(action=CustodyAction.EXPORTED)
    assert (event.actor, event.detail["format"]) == (analyst.username, "stix-2.1")


def test_an_analyst_downloads_the_misp_event_with_the_people_shown(case, analyst_client):
    response = analyst_client.get(export_url("misp", case.item))

    assert response.status_code == 200
    event = MISPEvent()
    event.load(response.content.decode())
    assert len(event.get_objects_by_name("person")) == 2


def test_an_analyst_downloads_the_reviews_as_json_ld_with_urls_on_this_server(case, analyst_client):
    response = analyst_client.get(export_url("claimreview", case.item))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    graph = json.loads(response.content)["@graph"]
    assert {review["@type"] for review in graph} == {"MediaReview", "ClaimReview"}
    assert all(review["url"].startswith("http://testserver/api/v1/") for review in graph)


@pytest.mark.parametrize("export_format", ["stix", "misp", "claimreview"])
def test_exports_are_for_analysts_only(case, anonymous_client, outsider_client, export_format):
    url = export_url(export_format, case.item)

    assert anonymous_client.get(url).status_code in (401, 403)
    assert outsider_client.get(url).status_code == 403
    assert not case.media_file.custody_events.filter(action=CustodyAction.EXPORTED).exists()


def test_exporting_an_unknown_item_answers_404(analyst_client):
    assert analyst_client.get(reverse("api-v1:media-item-export-stix", args=[999999])).status_code == 404


def test_the_openapi_schema_with_the_export_endpoints_validates_without_warnings(tmp_path):
    schema_file = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(schema_file))

    assert "/api/v1/media-items/{id}/export/stix/:" in schema_file.read_text()


def partner_key_client(max_tlp, **clearance):
    partner = PartnerFactory(max_tlp=max_tlp, **clearance)
    client = key_client(issue_key(partner)[1])
    client.partner = partner
    return client


@pytest.mark.parametrize("export_format", ["stix", "misp", "claimreview"])
def test_a_partners_api_key_reads_each_export_of_an_item_it_may_see_and_the_export_is_logged_under_its_name(
    case, export_format
):
    partner = partner_key_client(TLP.AMBER)

    response = partner.get(export_url(export_format, case.item))

    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == FORMATS[export_format][1]
    [event] = case.media_file.custody_events.filter(action=CustodyAction.EXPORTED)
    assert event.actor == partner.partner.name


@pytest.mark.parametrize("export_format", ["stix", "misp", "claimreview"])
def test_a_partner_below_the_items_marking_gets_the_404_of_an_item_that_does_not_exist(case, export_format):
    partner = partner_key_client(TLP.GREEN)

    hidden = partner.get(export_url(export_format, case.item))
    missing = partner.get(reverse(f"api-v1:media-item-export-{export_format}", args=[999999]))

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert not case.media_file.custody_events.filter(action=CustodyAction.EXPORTED).exists()


def test_an_invalid_api_key_on_an_export_is_refused_as_unauthenticated(case):
    response = key_client("nonsense.key").get(export_url("stix", case.item))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"
