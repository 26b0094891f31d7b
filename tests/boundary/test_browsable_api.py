"""The browsable API and `Accept: text/html`: no route of /api/v1/ answers a server error, whoever asks; analysts
get the browsable API, partners and anonymous callers never get HTML (catalog/api/negotiation.py)."""

import re
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from rest_framework.test import APIClient

from catalog import services
from catalog.choices import TLP, FindingKind
from provenance.models import FileMatch
from tests.desk.helpers import case_draft
from tests.factories import (
    ClaimFactory,
    ClaimLinkFactory,
    IdentityAssertionFactory,
    ItemFileFactory,
    MediaItemFactory,
    OrganizationFactory,
    PersonFactory,
    PlaceFactory,
    QuoteFactory,
    ReportFactory,
    SightingFactory,
    TagFactory,
)
from tests.partners.conftest import key_client
from tests.partners.factories import PartnerFactory, issue_key
from tests.partners.pictures import add_pictures

pytestmark = pytest.mark.django_db

HTML = "text/html"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
AMBER_TITLE = "AMBER-ONLY-TITLE of a captured-soldiers video"


def api_routes():
    """(URL name, its keyword arguments) of every route under /api/v1/, found by walking the resolver."""
    [api] = [entry for entry in get_resolver().url_patterns
             if isinstance(entry, URLResolver) and entry.namespace == "api-v1"]
    found = set()

    def walk(patterns, regex_prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, regex_prefix + entry.pattern.regex.pattern.lstrip("^"))
            elif isinstance(entry, URLPattern) and entry.name:
                groups = re.compile(regex_prefix + entry.pattern.regex.pattern.lstrip("^")).groupindex
                found.add((entry.name, tuple(sorted(groups))))

    walk(api.url_patterns, "")
    return sorted(found)


ROUTES = api_routes()


def test_the_walk_finds_every_part_of_the_api():
    names = {name for name, _ in ROUTES}

    assert {"api-root", "media-items-list", "media-items-detail", "media-files-original", "feed", "feed-stix",
            "lookup", "person-candidates", "place-resolution", "report-drafts-detail", "schema", "docs",
            "media-item-export-stix", "enrichment-jobs-list", "me"} <= names
    assert len(ROUTES) > 70


@pytest.fixture
def catalogue(analyst):
    """A record of every kind a route shows, and the query each computed route answers for."""
    item = MediaItemFactory(tlp=TLP.GREEN, is_graphic=True)
    MediaItemFactory(tlp=TLP.AMBER, title=AMBER_TITLE)
    claim = ClaimFactory(media_item=item, tlp=TLP.GREEN, report=ReportFactory(tlp=TLP.GREEN))
    ClaimLinkFactory(source=claim, target=ClaimFactory(media_item=item, tlp=TLP.GREEN))
    assertion = IdentityAssertionFactory(media_item=item, person=PersonFactory())
    item_file = ItemFileFactory(media_item=item)
    pictures = add_pictures(item_file.media_file)
    SightingFactory(media_item=item)
    QuoteFactory(report=claim.report)
    OrganizationFactory(), PlaceFactory(), TagFactory()
    services.review_claim_status(claim, "false", analyst, "the ministry's denial holds")
    case_draft()
    services.raise_finding("boundary", FindingKind.URL_TAKEN_DOWN, "a sighting's URL is gone")
    copy = ItemFileFactory(media_item=MediaItemFactory(tlp=TLP.GREEN))
    match = FileMatch.objects.create(query_file=copy.media_file, matched_file=item_file.media_file,
                                     query_match_percent=90, target_match_percent=90, best_distance=10, method="v")
    services.propose_variants([match])
    services.request_verification("timeline")
    return {
        "derived_id": next(iter(pictures.values())).pk,
        "queries": {
            "lookup": {"sha256": item_file.media_file.sha256},
            "person-candidates": {"identity_assertion": assertion.pk},
            "place-resolution": {"q": "Deir ez-Zor"},
            "claim-graph": {"media_item": item.pk},
        },
    }


def urls_of(catalogue, name, groups):
    """The route's URL with a record that exists (a detail is rendered), in the browsable API's own format too."""
    kwargs = {}
    if "pk" in groups:
        view = resolve(reverse(f"api-v1:{name}", kwargs={"pk": 1, **_rest(groups, catalogue)})).func
        kwargs["pk"] = _a_pk_of(view)
    kwargs.update(_rest(groups, catalogue))
    if "format" in groups:
        return [reverse(f"api-v1:{name}", kwargs={**kwargs, "format": fmt}) for fmt in ("api", "json")]
    url = reverse(f"api-v1:{name}", kwargs=kwargs)
    query = catalogue["queries"].get(name)
    return [url] if query is None else [url, f"{url}?{urlencode(query)}"]


def _rest(groups, catalogue):
    return {"derived_id": catalogue["derived_id"]} if "derived_id" in groups else {}


def _a_pk_of(view):
    cls = getattr(view, "cls", None) or getattr(view, "view_class", None)
    queryset = getattr(cls, "queryset", None)
    if queryset is not None:
        record = queryset.model.objects.order_by("pk").first()
        if record is not None:
            return record.pk
    return 1


@pytest.fixture
def callers(analyst):
    partner = PartnerFactory(max_tlp=TLP.GREEN, may_see_identities=True, may_see_graphic=True)
    analyst_client = APIClient()
    analyst_client.force_login(analyst)  # a browser's session: the browsable API's own case
    clients = {"analyst": analyst_client, "partner": key_client(issue_key(partner)[1]), "anonymous": APIClient()}
    for client in clients.values():
        client.raise_request_exception = False  # a server error is an answer to collect (500), not to stop at
    return clients


@pytest.mark.parametrize("accept", [HTML, BROWSER])
def test_no_route_answers_a_server_error_to_a_browser_and_only_analysts_get_html(catalogue, callers, accept):
    answers, server_errors, html_to_outsiders = {}, [], []
    for name, groups in ROUTES:
        for url in urls_of(catalogue, name, groups):
            for who, client in callers.items():
                response = client.get(url, HTTP_ACCEPT=accept)
                answers[(who, url)] = response.status_code
                if response.status_code >= 500:
                    server_errors.append(f"{who} GET {url}: {response.status_code}")
                content_type = response.get("Content-Type", "")
                if who != "analyst" and content_type.startswith(HTML) and name != "docs":
                    html_to_outsiders.append(f"{who} GET {url}: {content_type}")

    assert server_errors == [], "\n".join(server_errors)
    assert html_to_outsiders == [], "\n".join(html_to_outsiders)
    assert len(answers) > 3 * 80


@pytest.mark.parametrize("name, kwargs", [
    ("feed", {}), ("feed-stix", {}), ("lookup", {}), ("person-candidates", {}), ("place-resolution", {}),
    ("media-items-list", {}),
])
def test_an_analyst_browses_the_endpoints_that_failed_before(catalogue, callers, name, kwargs):
    url = reverse(f"api-v1:{name}", kwargs=kwargs)
    query = catalogue["queries"].get(name, {})

    response = callers["analyst"].get(url, query, HTTP_ACCEPT=HTML)

    assert response.status_code == 200
    assert response["Content-Type"].startswith(HTML) or name == "feed-stix"  # the STIX export is a document


def test_a_partner_opening_a_list_in_a_browser_reads_json_without_the_filter_forms_choices(catalogue, callers):
    response = callers["partner"].get(reverse("api-v1:sightings-list"), HTTP_ACCEPT=HTML)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert AMBER_TITLE not in response.content.decode()
    assert response.json()["count"] == 1


def test_the_analysts_filter_form_is_still_offered_on_a_filtered_list(catalogue, callers):
    response = callers["analyst"].get(reverse("api-v1:sightings-list"), HTTP_ACCEPT=HTML)

    assert response.status_code == 200
    assert 'id="filtersModal"' in response.content.decode()


@pytest.mark.parametrize("who", ["partner", "anonymous"])
def test_asking_outsiders_for_the_browsable_api_by_name_is_not_found(catalogue, callers, who):
    response = callers[who].get(reverse("api-v1:tags-list"), {"format": "api"})

    assert response.status_code == 404
    assert not response["Content-Type"].startswith(HTML)


def test_a_partner_asking_for_a_type_nothing_offers_still_gets_406(catalogue, callers):
    response = callers["partner"].get(reverse("api-v1:tags-list"), HTTP_ACCEPT="application/xml")

    assert response.status_code == 406


def test_an_analysts_form_posted_with_a_date_time_that_is_no_date_time_comes_back_as_a_400_form(callers):
    item = MediaItemFactory()

    response = callers["analyst"].post(
        reverse("api-v1:sightings-list"), {"media_item": item.pk, "url": "https://t.me/amaq/1", "posted_at": "null"},
        format="multipart", HTTP_ACCEPT=HTML,
    )

    assert response.status_code == 400
    assert response["Content-Type"].startswith(HTML)
    assert "posted_at" in response.content.decode()
