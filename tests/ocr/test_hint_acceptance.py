"""Accepting a producer hint sets the producer only where the analyst has not chosen another since."""

import pytest
from django.core.exceptions import ValidationError

from catalog.choices import FindingKind, FindingStatus
from catalog.services.findings import raise_finding
from catalog.services.screen_text import accept_producer_hint
from tests.factories import MediaItemFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def producer_hint(item, organisation):
    return raise_finding(
        f"producer_hint:{item.pk}:{organisation.pk}", FindingKind.PRODUCER_HINT, "Logo text reads Amaq",
        detail={"organization": organisation.pk, "timestamp": 1.0}, media_item=item,
    )


def test_accepting_a_producer_hint_sets_the_producer_of_an_item_without_one():
    item, amaq = MediaItemFactory(producer=None), OrganizationFactory(name="Amaq News Agency")

    accept_producer_hint(producer_hint(item, amaq))

    item.refresh_from_db()
    assert item.producer == amaq


def test_a_hint_never_overwrites_a_producer_an_analyst_chose_since():
    item, amaq, other = MediaItemFactory(producer=None), OrganizationFactory(), OrganizationFactory()
    hint = producer_hint(item, amaq)
    item.producer = other
    item.save()

    with pytest.raises(ValidationError, match="already"):
        accept_producer_hint(hint)

    item.refresh_from_db()
    hint.refresh_from_db()
    assert item.producer == other and hint.status != FindingStatus.RESOLVED
