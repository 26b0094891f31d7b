"""The clearance rules write markings into the SQL as constants (access.queries.InVocabulary): the same rows as a
bound IN, and nothing but the field's own choices."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.choices import TLP, ClaimKind
from catalog.models import Claim, MediaItem
from catalog.policies import access  # noqa: F401  (registers the lookup)
from tests.factories import ClaimFactory, MediaItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_item_of_each_marking():
    return {marking: MediaItemFactory(tlp=marking) for marking in TLP.values}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(markings=st.lists(st.sampled_from(TLP.values), max_size=6))
def test_it_finds_the_rows_a_bound_in_finds_for_every_set_of_markings(one_item_of_each_marking, markings):
    written = MediaItem.objects.filter(tlp__in_vocabulary=markings).order_by("pk")
    bound = MediaItem.objects.filter(tlp__in=markings).order_by("pk")

    assert list(written) == list(bound)


def test_it_excludes_a_claim_kind_through_a_relation():
    ClaimFactory(kind=ClaimKind.IDENTITY)
    kept = ClaimFactory(kind=ClaimKind.CAPTURE)

    assert list(Claim.objects.exclude(kind__in_vocabulary=[ClaimKind.IDENTITY]).filter(pk=kept.pk)) == [kept]
    assert not Claim.objects.filter(kind__in_vocabulary=[ClaimKind.IDENTITY]).exclude(kind=ClaimKind.IDENTITY)


@pytest.mark.parametrize("value", ["clear') OR ('a' = 'a", "CLEAR", "unknown", "", "white"])
def test_it_refuses_a_value_that_is_not_one_of_the_fields_choices(value):
    with pytest.raises(ValueError, match="choices"):
        list(MediaItem.objects.filter(tlp__in_vocabulary=["green", value]))
