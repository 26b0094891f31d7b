"""Details internal to the desk stay out of partner exports, in every format."""

import pytest

from catalog.choices import TLP
from catalog.exports import misp, schema_org, stix
from catalog.policies.access import Caller
from catalog.models import Partner
from provenance.models import MediaFile
from tests.exports.case import ANALYST, AMBER_PARTNER_CLEARED_FOR_IDENTITIES
from tests.factories import ClaimFactory, PersonFactory

pytestmark = pytest.mark.django_db

RENDERERS = {
    "stix": lambda item, visibility: stix.render_item(item, visibility),
    "misp": lambda item, visibility: misp.render_item(item, visibility),
    "claimreview": lambda item, visibility: schema_org.render_item(item, visibility, "https://c.example/"),
}


@pytest.mark.parametrize("export_format", RENDERERS)
def test_the_stored_files_own_original_name_stays_internal(case, export_format):
    MediaFile.objects.filter(pk=case.media_file.pk).update(original_filename="IMG_2231_sources_phone.mp4")

    content = RENDERERS[export_format](case.item, AMBER_PARTNER_CLEARED_FOR_IDENTITIES)

    assert "IMG_2231_sources_phone" not in content


@pytest.mark.parametrize("export_format", ["stix", "misp"])
def test_a_claimant_who_is_a_person_is_named_to_analysts_and_described_to_partners(case, export_format):
    prisoner = PersonFactory(canonical_name="Roman Zabolotny")
    ClaimFactory(
        media_item=case.item, claimant_organization=None, claimant_person=prisoner, tlp=TLP.AMBER,
        claimant_description="the man on the right", text="We were taken prisoner near Shula.",
    )
    render = RENDERERS[export_format]

    partner_content = render(case.item, AMBER_PARTNER_CLEARED_FOR_IDENTITIES)

    assert "Roman Zabolotny" not in partner_content
    assert "the man on the right" in partner_content
    assert "Roman Zabolotny" in render(case.item, ANALYST)


def test_a_partner_caller_is_never_an_analyst():
    partner = Partner.objects.create(name="Newsroom", max_tlp=TLP.RED, may_see_identities=True)

    assert Caller.for_partner(partner).is_analyst is False
