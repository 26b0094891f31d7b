"""The leak matrix: every clearance × every endpoint × records at every TLP level: nothing above clearance leaks.

Clearances: a partner cleared up to each of the five TLP levels, with and without identity clearance, with and
without graphic clearance (20), plus an analyst and an anonymous caller. Endpoints: the list and the detail of
every route (the detail of every record in the world, and of an id that does not exist), the lookup by SHA-256,
MD5 and PDQ of every stored file, the changes feed read from the start (JSON, STIX, MISP, ClaimReview), the
caller endpoint and the API root, the pictures of every stored file (thumbnail, keyframes list, every picture by
id; each with and without ``?unblurred=1``), and the original of every stored file.

In every response body: no marker of a level above the caller's clearance; no identity marker for a partner
without identity clearance; no internal field (INTERNAL-…) and no unpublished verdict for a partner; no unblurred picture of graphic media
without ``?unblurred=1``, nor with it for a partner without graphic clearance. A record the
caller may not see answers 404 with the body of an id that does not exist; a route partners may not read answers
403 whatever the id. An original is sent byte for byte to whoever sees its file, except a graphic one to a partner
without graphic clearance (403).
"""

import json
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import reverse
from rest_framework.test import APIClient

from catalog.api.urls import router as catalog_router
from provenance.api.urls import router as provenance_router
from tests.partners.conftest import key_client
from tests.partners.factories import PartnerFactory, issue_key
from tests.partners.world import (
    IDENT,
    INTERNAL,
    LEVELS,
    MARK,
    UNPUBLISHED_AUTHENTICITY,
    UNPUBLISHED_STATUS,
    GRAPHIC_UNBLURRED,
    build_world,
    levels_in,
)

REFERENCE_ROUTES = {"channels", "organizations", "places", "tags"}
ANALYST_ONLY_ROUTES = {"review-events", "enrichment-jobs"}
MISSING_ID = 10**9
LEAK_TALLY = []  # (clearance, responses checked, leaks found)


@dataclass(frozen=True)
class Clearance:
    kind: str  # analyst, partner, anonymous
    max_level: int = -1
    identities: bool = False
    graphic: bool = False

    @property
    def label(self):
        if self.kind != "partner":
            return self.kind
        return f"{LEVELS[self.max_level]}{'+identities' if self.identities else ''}{'+graphic' if self.graphic else ''}"


CLEARANCES = [
    *(Clearance("partner", level, identities, graphic)
      for level in range(len(LEVELS)) for identities in (False, True) for graphic in (False, True)),
    Clearance("analyst", len(LEVELS) - 1, True, True),
    Clearance("anonymous"),
]


@pytest.fixture(autouse=True)
def empty_media_root(settings):
    """The module's world stores its pictures once for all its tests: keep them (tests/conftest.py empties it)."""
    yield settings.MEDIA_ROOT


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at its end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def client_for(clearance, analyst):
    if clearance.kind == "anonymous":
        return APIClient()
    if clearance.kind == "analyst":
        client = APIClient()
        client.force_authenticate(analyst)
        return client
    partner = PartnerFactory(
        max_tlp=LEVELS[clearance.max_level], may_see_identities=clearance.identities,
        may_see_graphic=clearance.graphic,
    )
    return key_client(issue_key(partner)[1])


class Inspector:
    def __init__(self, clearance):
        self.clearance = clearance
        self.leaks = []
        self.checked = 0

    def body(self, response, what, unblurred_allowed=False):
        self.checked += 1
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        text = raw.decode()
        clearance = self.clearance
        if GRAPHIC_UNBLURRED in text and not unblurred_allowed:
            self.leaks.append(f"{what}: an unblurred picture of graphic media")
        if clearance.kind == "analyst":
            return text
        above = {level for level in levels_in(text, MARK) if level > clearance.max_level}
        if above:
            self.leaks.append(f"{what}: markers of levels {sorted(above)}")
        identity_levels = levels_in(text, IDENT)
        if identity_levels and (not clearance.identities or max(identity_levels) > clearance.max_level):
            self.leaks.append(f"{what}: identity markers of levels {sorted(identity_levels)}")
        if INTERNAL in text:
            self.leaks.append(f"{what}: an internal field")
        if UNPUBLISHED_AUTHENTICITY in text or json.dumps(UNPUBLISHED_STATUS) in text:
            self.leaks.append(f"{what}: an unpublished verdict")
        return text

    def expect(self, condition, what):
        if not condition:
            self.leaks.append(what)


def may_see(clearance, route, level, names_people=False):
    if clearance.kind == "analyst":
        return True
    if names_people and not clearance.identities:
        return False
    if route in REFERENCE_ROUTES:
        return True
    if route in ("people", "identity-assertions") and not clearance.identities:
        return False  # records that name the people shown reach only identity-cleared partners
    return level <= clearance.max_level


def routes():
    return [basename for router in (catalog_router, provenance_router) for _, _, basename in router.registry]


def check_route(client, inspector, world, route):
    clearance = inspector.clearance
    listed = client.get(reverse(f"api-v1:{route}-list"), {"limit": 1000})
    inspector.body(listed, f"{route} list")
    missing = client.get(reverse(f"api-v1:{route}-detail", args=[MISSING_ID]))
    inspector.body(missing, f"{route} missing detail")
    refused = 401 if clearance.kind == "anonymous" else 403
    if clearance.kind == "anonymous" or (clearance.kind == "partner" and route in ANALYST_ONLY_ROUTES):
        inspector.expect(listed.status_code == refused, f"{route} list answered {listed.status_code}")
        expected_detail = (refused, missing.content)
    else:
        inspector.expect(listed.status_code == 200, f"{route} list answered {listed.status_code}")
        expected_detail = (404, missing.content)
        if route not in REFERENCE_ROUTES and listed.status_code == 200:
            shown = {row["id"] for row in listed.json()["results"]}
            visible = {
                pk for pk, level in world.records.get(route, [])
                if may_see(clearance, route, level, (route, pk) in world.naming_people)
            }
            inspector.expect(shown == visible, f"{route} list showed {sorted(shown)}, not {sorted(visible)}")
    inspector.expect(missing.status_code == expected_detail[0], f"{route} missing answered {missing.status_code}")
    for pk, level in world.records.get(route, []):
        response = client.get(reverse(f"api-v1:{route}-detail", args=[pk]))
        inspector.body(response, f"{route} {pk} (L{level})")
        if expected_detail[0] in (401, 403) or not may_see(clearance, route, level, (route, pk) in world.naming_people):
            same = (response.status_code, response.content) == expected_detail
            inspector.expect(same, f"{route} {pk} (L{level}) answered {response.status_code}, unlike a missing id")
        else:
            inspector.expect(response.status_code == 200, f"{route} {pk} (L{level}) answered {response.status_code}")


def check_lookup_feed_and_index(client, inspector, world):
    clearance = inspector.clearance
    for media_file, level in world.files:
        queries = {"sha256": {"sha256": media_file.sha256}, "md5": {"md5": media_file.md5},
                   "pdq": {"pdq": str(level) * 64, "max_distance": 0}}
        for field, query in queries.items():
            response = client.get(reverse("api-v1:lookup"), query)
            inspector.body(response, f"lookup {field} of a file of L{level}")
            if clearance.kind == "anonymous":
                inspector.expect(response.status_code == 401, f"lookup answered {response.status_code}")
            else:
                found = response.status_code == 200 and response.json()["count"] > 0
                inspector.expect(found == may_see(clearance, "media-files", level), f"lookup of L{level}: {found}")
    cursor, pages = None, 0
    while True:
        response = client.get(reverse("api-v1:feed"), {"limit": 40, **({"cursor": cursor} if cursor else {})})
        inspector.body(response, f"feed page {pages}")
        if response.status_code != 200:
            inspector.expect(clearance.kind == "anonymous", f"feed answered {response.status_code}")
            break
        page, pages = response.json(), pages + 1
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    for form in ("stix", "misp", "claimreview"):
        cursor, pages = None, 0
        while True:
            query = {"limit": 40, **({"cursor": cursor} if cursor else {})}
            response = client.get(reverse(f"api-v1:feed-{form}"), query)
            inspector.body(response, f"{form} feed page {pages}")
            if response.status_code != 200:
                inspector.expect(clearance.kind == "anonymous", f"{form} feed answered {response.status_code}")
                break
            cursor, pages = response["X-Next-Cursor"], pages + 1
            if response["X-Has-More"] != "true":
                break
    for name in ("api-v1:me", "api-v1:api-root"):
        inspector.body(client.get(reverse(name)), name)


def check_pictures(client, inspector, world):
    clearance = inspector.clearance
    may_unblur = clearance.kind == "analyst" or clearance.graphic
    refused = 401 if clearance.kind == "anonymous" else 404
    missing_file = client.get(reverse("api-v1:media-files-thumbnail", args=[MISSING_ID]))
    inspector.body(missing_file, "thumbnail of a missing file")
    inspector.expect(missing_file.status_code == refused, f"thumbnail of a missing file: {missing_file.status_code}")

    def fetch(url, what, level, query):
        response = client.get(url, query)
        inspector.body(response, what, unblurred_allowed=may_unblur and bool(query))
        if clearance.kind != "anonymous" and may_see(clearance, "media-files", level):
            inspector.expect(response.status_code == 200, f"{what} answered {response.status_code}")
        else:
            content = b"".join(response.streaming_content) if response.streaming else response.content
            same = (response.status_code, content) == (refused, missing_file.content)
            inspector.expect(same, f"{what} answered {response.status_code}, unlike a missing file")

    for media_file, level in world.files:
        for query in ({}, {"unblurred": "1"}):
            for name in ("thumbnail", "keyframes"):
                url = reverse(f"api-v1:media-files-{name}", args=[media_file.pk])
                fetch(url, f"{name} of a file of L{level} {query}", level, query)
    for media_file, picture, level in world.pictures:
        for query in ({}, {"unblurred": "1"}):
            url = reverse("api-v1:media-files-derived", args=[media_file.pk, picture.pk])
            fetch(url, f"{picture.kind} {picture.pk} of a file of L{level} {query}", level, query)


def check_originals(client, inspector, world):
    clearance = inspector.clearance
    may_fetch_graphic = clearance.kind == "analyst" or clearance.graphic
    refused = 401 if clearance.kind == "anonymous" else 404
    missing_file = client.get(reverse("api-v1:media-files-original", args=[MISSING_ID]))
    inspector.body(missing_file, "original of a missing file")
    inspector.expect(missing_file.status_code == refused, f"original of a missing file: {missing_file.status_code}")
    for media_file, level in world.files:
        what = f"original of a file of L{level}"
        response = client.get(reverse("api-v1:media-files-original", args=[media_file.pk]))
        content = inspector.body(response, what).encode()
        if clearance.kind == "anonymous" or not may_see(clearance, "media-files", level):
            same = (response.status_code, content) == (refused, missing_file.content)
            inspector.expect(same, f"{what} answered {response.status_code}, unlike a missing file")
        elif level % 2 == 1 and not may_fetch_graphic:  # the world's items of odd levels are graphic
            inspector.expect(response.status_code == 403, f"{what} (graphic) answered {response.status_code}")
        else:
            with media_file.file.open("rb") as stored:
                sent = response.status_code == 200 and content == stored.read()
            inspector.expect(sent, f"{what} answered {response.status_code}, not its bytes")


@pytest.mark.parametrize("clearance", CLEARANCES, ids=lambda clearance: clearance.label)
def test_no_record_leaks_above_the_callers_clearance(world, db, clearance, analyst, leak_tally):
    client = client_for(clearance, analyst)
    inspector = Inspector(clearance)

    for route in routes():
        check_route(client, inspector, world, route)
    check_lookup_feed_and_index(client, inspector, world)
    check_pictures(client, inspector, world)
    check_originals(client, inspector, world)

    leak_tally.append((clearance.label, inspector.checked, len(inspector.leaks)))
    assert inspector.leaks == []


def test_every_route_is_in_the_matrix(world):
    assert set(routes()) == set(world.records) | REFERENCE_ROUTES | ANALYST_ONLY_ROUTES


@pytest.fixture(scope="module")
def leak_tally():
    """Filled by each clearance's test; tests/partners/conftest.py prints the summary at the end of the run."""
    return LEAK_TALLY


def summary():
    if not LEAK_TALLY:
        return None
    cells = sum(checked for _, checked, _ in LEAK_TALLY)
    leaks = sum(found for _, _, found in LEAK_TALLY)
    return (
        f"leak matrix: {len(LEAK_TALLY)} clearances × {len(routes())} routes (list, detail of every record and of a "
        f"missing id) + lookup, feed (JSON, STIX, MISP, ClaimReview), me, API root, pictures, originals; records at "
        f"{len(LEVELS)} TLP levels: {cells} responses checked, leaks found: {leaks}"
    )
