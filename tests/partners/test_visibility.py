"""catalog.policies.access: the queryset rules and the record-by-record rules (markings, naming people) agree, for
every kind of record."""

import itertools

import pytest

from catalog.choices import TLP, ClaimKind
from catalog.models import Channel, Claim, ClaimLink, IdentityAssertion, ItemFile, MediaItem, Person, Quote, Report, Sighting
from catalog.policies import access as clearance
from catalog.policies.access import Caller, effective_marking, names_people
from provenance.models import FrameText, MediaFile
from tests.factories import (
    ChannelFactory,
    ClaimFactory,
    ClaimLinkFactory,
    IdentityAssertionFactory,
    ItemFileFactory,
    MediaItemFactory,
    PersonFactory,
    QuoteFactory,
    ReportFactory,
    SightingFactory,
)
from tests.partners.factories import PartnerFactory

pytestmark = pytest.mark.django_db

TLPS = list(TLP.values)


def caller(max_tlp, identities=False):
    return Caller.for_partner(PartnerFactory(max_tlp=max_tlp, may_see_identities=identities))


@pytest.fixture
def catalogue():
    """Items and reports at every marking, and claims at every combination of own, item and report marking."""
    items = {tlp: MediaItemFactory(tlp=tlp) for tlp in TLPS}
    reports = {tlp: ReportFactory(tlp=tlp) for tlp in TLPS}
    for item in items.values():
        SightingFactory(media_item=item)
        IdentityAssertionFactory(media_item=item, person=PersonFactory())
        ItemFileFactory(media_item=item)
    for report in reports.values():
        QuoteFactory(report=report)
    claims = [
        ClaimFactory(tlp=own, media_item=items.get(item), report=reports.get(report), kind=kind)
        for own, item, report, kind in itertools.product(
            TLPS[::2], [None, *TLPS[::2]], [None, *TLPS[::2]], [ClaimKind.CAPTURE, ClaimKind.IDENTITY]
        )
    ]
    for source, target in zip(claims, claims[2:]):  # same kinds linked, and (below) mixed ones
        ClaimLinkFactory(source=source, target=target)
    for source, target in zip(claims, claims[1:]):
        ClaimLinkFactory(source=source, target=target)


@pytest.mark.parametrize("identities", [False, True])
@pytest.mark.parametrize("max_tlp", TLPS)
@pytest.mark.parametrize(
    "model", [MediaItem, Report, Claim, Sighting, IdentityAssertion, ItemFile, Quote, ClaimLink]
)
def test_a_partner_sees_exactly_the_records_whose_marking_it_may_read_and_that_name_people_only_if_cleared(
    catalogue, model, max_tlp, identities
):
    partner = caller(max_tlp, identities)
    related = {
        Claim: ["media_item", "report"], Sighting: ["media_item"], IdentityAssertion: ["media_item"],
        ItemFile: ["media_item"], Quote: ["report"],
        ClaimLink: ["source__media_item", "source__report", "target__media_item", "target__report"],
    }.get(model, [])
    every = model.objects.select_related(*related)

    expected = {
        record.pk for record in every
        if effective_marking(record) in TLP.at_or_below(max_tlp) and (identities or not names_people(record))
    }

    assert set(clearance.visible(partner, model.objects.all()).values_list("pk", flat=True)) == expected
    assert expected or (model is IdentityAssertion and not identities), "the catalogue should show this partner some"


def test_analysts_see_everything_and_nobody_sees_nothing(catalogue, analyst):
    assert clearance.visible(Caller.analyst(analyst), Claim.objects.all()).count() == Claim.objects.count()
    assert clearance.visible(Caller.nobody(), Claim.objects.all()).count() == 0


def test_people_are_visible_only_with_identity_clearance_and_through_a_visible_assertion():
    shown = IdentityAssertionFactory(media_item=MediaItemFactory(tlp=TLP.GREEN), person=PersonFactory()).person
    IdentityAssertionFactory(media_item=MediaItemFactory(tlp=TLP.AMBER), person=PersonFactory())
    PersonFactory()  # resolved from nothing

    assert list(clearance.visible(caller(TLP.GREEN, identities=True), Person.objects.all())) == [shown]
    assert list(clearance.visible(caller(TLP.RED, identities=False), Person.objects.all())) == []


def test_a_stored_file_is_visible_through_any_visible_item_it_belongs_to():
    open_link = ItemFileFactory(media_item=MediaItemFactory(tlp=TLP.CLEAR))
    ItemFileFactory(media_item=MediaItemFactory(tlp=TLP.RED), media_file=open_link.media_file)
    hidden = ItemFileFactory(media_item=MediaItemFactory(tlp=TLP.RED)).media_file

    visible = clearance.visible(caller(TLP.CLEAR), MediaFile.objects.all())

    assert list(visible) == [open_link.media_file]
    assert hidden not in clearance.visible(caller(TLP.AMBER), MediaFile.objects.all())


def test_reference_data_is_visible_to_every_partner():
    channel = ChannelFactory()

    assert list(clearance.visible(caller(TLP.CLEAR), type(channel).objects.all())) == [channel]


@pytest.mark.parametrize("max_tlp", TLPS)
def test_a_caller_said_to_see_every_row_of_a_kind_is_shown_every_row_of_it(catalogue, analyst, max_tlp):
    ChannelFactory()
    callers = [Caller.analyst(analyst), Caller.nobody(), caller(max_tlp), caller(max_tlp, identities=True)]
    for who, model in itertools.product(callers, [*clearance.RULES, FrameText]):
        if clearance.sees_every_row(who, model):
            assert clearance.visible(who, model.objects.all()).count() == model.objects.count(), (who, model)
    partner = caller(max_tlp, identities=True)
    assert clearance.sees_every_row(Caller.analyst(analyst), FrameText)
    assert not clearance.sees_every_row(partner, FrameText)  # a partner reads no frame text
    assert not clearance.sees_every_row(partner, MediaItem)  # a marking is a condition, whatever rows exist now
    assert clearance.sees_every_row(partner, Channel)  # reference data


def test_models_without_a_rule_are_hidden_from_partners(analyst):
    from catalog.models import ReviewEvent

    assert clearance.visible(caller(TLP.RED, identities=True), ReviewEvent.objects.all()).query.is_empty()


def test_a_partner_reads_published_verdicts_and_an_analyst_the_reviewed_ones(analyst):
    item = MediaItemFactory(authenticity="StagedContent", published_authenticity="NotAssessed")

    assert clearance.published(caller(TLP.RED), item, "authenticity") == "NotAssessed"
    assert clearance.published(Caller.analyst(analyst), item, "authenticity") == "StagedContent"
