"""Hints read off the frames wait in the review queue; only an analyst's "accept" makes the record they propose."""

import pytest
from django.urls import reverse

from catalog.choices import FindingKind, FindingStatus
from catalog.models import Finding, IdentityAssertion
from tests.factories import MediaItemFactory, OrganizationAliasFactory, OrganizationFactory
from tests.ocr.analysed import attach_and_analyse
from tests.ocr.captions import CAPTIONS, write_captioned
from tests.workspace.case import HTMX

pytestmark = pytest.mark.django_db

QUEUE = "/desk/"


@pytest.fixture(scope="module")
def captioned(tmp_path_factory):
    """Two scenes: Amaq's name in Arabic, then a caption labelling a name in Russian."""
    return write_captioned(tmp_path_factory.mktemp("desk-hints") / "captioned.mp4", (CAPTIONS["ara"], CAPTIONS["rus"]))


@pytest.fixture
def hinted(captioned, settings):
    """An item without a producer, analysed by the real enrichment with on-screen text reading on."""
    settings.ENRICHMENT_READ_TEXT = True
    amaq = OrganizationFactory(name="Amaq News Agency")
    OrganizationAliasFactory(organization=amaq, name="أعماق")
    item = MediaItemFactory(producer=None)
    attach_and_analyse(captioned, item)
    return item, amaq


def decide(desk, finding, decision):
    return desk.post(reverse("workspace:finding-decide", args=[finding.pk]), {"decision": decision}, **HTMX)


def test_accepting_a_producer_hint_in_the_queue_makes_the_organisation_the_items_producer(desk, hinted):
    item, amaq = hinted
    hint = Finding.objects.get(kind=FindingKind.PRODUCER_HINT, media_item=item)
    html = desk.get(QUEUE).content.decode()
    assert f'id="finding-{hint.pk}"' in html and "Accept as producer" in html
    item.refresh_from_db()
    assert item.producer is None

    response = decide(desk, hint, "accept")

    assert response.status_code == 200
    assert "Accepted: Amaq News Agency is now the producer of this item." in response.content.decode()
    item.refresh_from_db()
    hint.refresh_from_db()
    assert item.producer == amaq and hint.status == FindingStatus.RESOLVED
    assert f'id="finding-{hint.pk}"' not in desk.get(QUEUE).content.decode()


def test_accepting_an_identity_hint_in_the_queue_adds_the_assertion_at_the_captions_time(desk, hinted):
    item, _ = hinted
    hint = Finding.objects.get(kind=FindingKind.IDENTITY_HINT, media_item=item)
    assert "Accept as identity" in desk.get(QUEUE).content.decode()
    assert not IdentityAssertion.objects.filter(media_item=item).exists()

    response = decide(desk, hint, "accept")

    assert response.status_code == 200
    assert "Accepted: “Иван Петров” is now an identity asserted at" in response.content.decode()
    assertion = IdentityAssertion.objects.get(media_item=item)
    assert assertion.name_as_stated == "Иван Петров"
    assert assertion.timecode.total_seconds() == pytest.approx(3.0, abs=0.5)


def test_acknowledging_or_dismissing_a_hint_records_nothing(desk, hinted):
    item, _ = hinted
    producer_hint = Finding.objects.get(kind=FindingKind.PRODUCER_HINT, media_item=item)
    identity_hint = Finding.objects.get(kind=FindingKind.IDENTITY_HINT, media_item=item)

    assert decide(desk, producer_hint, "dismiss").status_code == 200
    assert decide(desk, identity_hint, "acknowledge").status_code == 200

    item.refresh_from_db()
    assert item.producer is None
    assert not IdentityAssertion.objects.filter(media_item=item).exists()


def test_a_dismissed_hint_can_no_longer_be_accepted(desk, hinted):
    item, _ = hinted
    hint = Finding.objects.get(kind=FindingKind.PRODUCER_HINT, media_item=item)
    decide(desk, hint, "dismiss")

    response = decide(desk, hint, "accept")

    assert response.status_code == 422
    item.refresh_from_db()
    assert item.producer is None


def test_a_finding_that_is_not_a_hint_cannot_be_accepted(desk, case):
    response = decide(desk, case.finding, "accept")

    assert response.status_code == 422
    assert "Choose one of: acknowledge, dismiss." in response.content.decode()
    case.finding.refresh_from_db()
    assert case.finding.status == FindingStatus.OPEN
