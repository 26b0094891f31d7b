"""AccessAudit: which partner (and key) read which restricted record, and when.

Restricted: a record whose effective marking is TLP:AMBER or above, or that names the people shown (an identity
assertion, a person, an identity claim). Detail reads, list rows, nested rows and summaries, lookups, the feed and
exports all count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from catalog.choices import TLP, MediaAuthenticity, SightingKind
from catalog.models import AccessAudit
from catalog.policies import audit
from catalog.policies.access import Caller
from tests.partners.factories import PartnerFactory
from tests.factories import (
    ClaimFactory,
    IdentityAssertionFactory,
    ItemFileFactory,
    MediaItemFactory,
    PersonFactory,
    SightingFactory,
)

pytestmark = pytest.mark.django_db


def audited():
    return sorted((row.record_type, row.record_id) for row in AccessAudit.objects.all())


@pytest.fixture
def amber_client(partner_client_for):
    return partner_client_for(max_tlp=TLP.AMBER)


def test_reading_an_amber_item_is_logged_with_the_partner_and_its_key(amber_client):
    item = MediaItemFactory(tlp=TLP.AMBER)
    url = reverse("api-v1:media-items-detail", args=[item.pk])

    amber_client.get(url)

    [row] = AccessAudit.objects.all()
    assert (row.partner, row.api_key_prefix) == (amber_client.partner, amber_client.api_key.prefix)
    assert (row.method, row.path, row.record_type, row.record_id) == ("GET", url, "media_item", str(item.pk))
    assert row.accessed_at is not None


def test_reading_a_green_item_is_not_logged(amber_client):
    amber_client.get(reverse("api-v1:media-items-detail", args=[MediaItemFactory(tlp=TLP.GREEN).pk]))

    assert audited() == []


def test_the_restricted_rows_of_a_list_are_logged_in_one_insert(amber_client):
    amber = MediaItemFactory.create_batch(3, tlp=TLP.AMBER)
    MediaItemFactory.create_batch(2, tlp=TLP.CLEAR)

    with CaptureQueriesContext(connection) as queries:
        amber_client.get(reverse("api-v1:media-items-list"))

    assert audited() == sorted(("media_item", str(item.pk)) for item in amber)
    inserts = [query for query in queries if query["sql"].startswith("INSERT") and "accessaudit" in query["sql"]]
    assert len(inserts) == 1


def test_restricted_rows_nested_in_a_detail_are_logged(amber_client):
    item = MediaItemFactory(tlp=TLP.AMBER)
    claim = ClaimFactory(media_item=item, tlp=TLP.CLEAR)
    item_file = ItemFileFactory(media_item=item)

    amber_client.get(reverse("api-v1:media-items-detail", args=[item.pk]))

    assert audited() == sorted([
        ("claim", str(claim.pk)), ("item_file", str(item_file.pk)), ("media_file", str(item_file.media_file_id)),
        ("media_item", str(item.pk)),
    ])


def test_identity_details_shown_to_a_partner_are_logged_whatever_the_marking(partner_client_for):
    cleared = partner_client_for(max_tlp=TLP.GREEN, may_see_identities=True)
    uncleared = partner_client_for(max_tlp=TLP.GREEN, may_see_identities=False)
    person = PersonFactory()
    assertion = IdentityAssertionFactory(media_item=MediaItemFactory(tlp=TLP.CLEAR), person=person)

    uncleared.get(reverse("api-v1:identity-assertions-detail", args=[assertion.pk]))
    assert audited() == []
    cleared.get(reverse("api-v1:identity-assertions-detail", args=[assertion.pk]))
    cleared.get(reverse("api-v1:people-detail", args=[person.pk]))

    # The person twice: summarised in the assertion, then read itself.
    assert audited() == [
        ("identity_assertion", str(assertion.pk)), ("person", str(person.pk)), ("person", str(person.pk)),
    ]
    assert {row.partner for row in AccessAudit.objects.all()} == {cleared.partner}


def test_records_returned_by_a_lookup_are_logged(amber_client):
    item_file = ItemFileFactory(media_item=MediaItemFactory(tlp=TLP.AMBER))

    amber_client.get(reverse("api-v1:lookup"), {"sha256": item_file.media_file.sha256})

    assert sorted(audited()) == [
        ("media_file", str(item_file.media_file_id)), ("media_item", str(item_file.media_item_id)),
    ]


def test_records_returned_by_the_feed_are_logged(amber_client):
    item = MediaItemFactory(tlp=TLP.AMBER)
    MediaItemFactory(tlp=TLP.GREEN)

    amber_client.get(reverse("api-v1:feed"))

    assert audited() == [("media_item", str(item.pk))]


def test_a_refused_or_missing_read_is_not_logged(partner_client):
    partner_client.get(reverse("api-v1:media-items-detail", args=[MediaItemFactory(tlp=TLP.AMBER).pk]))

    assert audited() == []


def test_analysts_are_not_audited_here(analyst_client):
    analyst_client.get(reverse("api-v1:media-items-detail", args=[MediaItemFactory(tlp=TLP.RED).pk]))
    analyst_client.get(reverse("api-v1:media-items-list"))

    assert audited() == []


class RendererThatFails(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        raise ValueError("the body could not be rendered")


def response_rendered_with(renderer):
    response = Response({"results": []})
    response.accepted_renderer, response.accepted_media_type, response.renderer_context = renderer, "application/json", {}
    return response


@pytest.mark.parametrize("renders", [True, False])
def test_disclosures_are_written_only_once_the_response_rendered(renders):
    caller = Caller.for_partner(PartnerFactory(max_tlp=TLP.AMBER))
    audit.start(caller, "GET", "/api/v1/media-items/")
    item = MediaItemFactory(tlp=TLP.AMBER)
    audit.disclosed(caller, item)
    response = response_rendered_with(JSONRenderer() if renders else RendererThatFails())

    audit.request_finished(caller, response)
    assert audited() == []  # nothing before the body exists
    if renders:
        response.render()
    else:
        with pytest.raises(ValueError):
            response.render()

    assert audited() == ([("media_item", str(item.pk))] if renders else [])


def test_an_export_of_a_variant_logs_the_restricted_original_release_it_carries(partner_client_for):
    red_client = partner_client_for(max_tlp=TLP.RED)
    original = MediaItemFactory(tlp=TLP.RED)
    release = SightingFactory(media_item=original, kind=SightingKind.ORIGINAL_RELEASE)
    edited = MediaAuthenticity.EDITED_OR_CROPPED  # an assessed copy: its MediaReview links the original release
    copy = MediaItemFactory(tlp=TLP.CLEAR, variant_of=original, authenticity=edited, published_authenticity=edited)

    response = red_client.get(reverse("api-v1:media-item-export-claimreview", args=[copy.pk]))

    assert response.status_code == 200
    assert release.url in response.content.decode()
    assert ("sighting", str(release.pk)) in audited()
