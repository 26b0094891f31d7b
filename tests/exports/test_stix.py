import json

import pytest
import stix2

from catalog import services
from catalog.choices import TLP, ClaimKind, ClaimStatus
from catalog.exports import NotVisible, stix
from catalog.policies.access import Caller
from catalog.models import Partner
from tests.exports.case import (
    ANALYST,
    AMBER_PARTNER,
    AMBER_PARTNER_CLEARED_FOR_IDENTITIES,
    GREEN_PARTNER,
    GREGORY,
    ROMAN,
)
from tests.factories import ClaimFactory, MediaItemFactory

pytestmark = pytest.mark.django_db

OASIS_TLP2_IDS = {
    "clear": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "amber": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "red": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}


def exported(item, visibility):
    return stix2.parse(stix.render_item(item, visibility), allow_custom=True)


def of_type(bundle, stix_type):
    return [obj for obj in bundle.objects if obj.type == stix_type]


def by_id(bundle):
    return {obj.id: obj for obj in bundle.objects}


def the_item(bundle):
    [item] = of_type(bundle, "media-item")
    return item


def test_the_bundle_parses_back_with_the_item_its_file_hashes_and_its_producer(case):
    bundle = exported(case.item, AMBER_PARTNER)

    item = the_item(bundle)
    assert item.name == case.item.title
    assert (item.media_kind, item.languages, item.is_graphic) == ("video", ["ru", "ar"], True)
    assert item.duration_seconds == 125.0
    assert item.labels == ["prisoners"]
    [file] = [by_id(bundle)[ref] for ref in item.file_refs]
    assert file.hashes == {"SHA-256": case.media_file.sha256, "MD5": case.media_file.md5}
    assert file.name == "amaq-proof-of-life.mp4"
    [produced_by] = [rel for rel in of_type(bundle, "relationship") if rel.relationship_type == "produced-by"]
    producer = by_id(bundle)[produced_by.target_ref]
    assert (produced_by.source_ref, producer.name, producer.identity_class) == (
        item.id, "Amaq News Agency", "organization"
    )


def test_the_media_item_type_is_declared_by_an_extension_definition_in_the_bundle(case):
    bundle = exported(case.item, AMBER_PARTNER)

    [extension_id] = the_item(bundle).extensions
    definition = by_id(bundle)[extension_id]
    assert definition.type == "extension-definition"
    assert definition.extension_types == ["new-sdo"]
    assert "authenticity_state" in definition.schema


def test_each_sighting_is_seen_at_its_channel_with_first_and_last_seen_and_the_post_url(case):
    bundle = exported(case.item, AMBER_PARTNER)
    objects = by_id(bundle)

    sightings = {objects[s.where_sighted_refs[0]].name: s for s in of_type(bundle, "sighting")}
    original = sightings["Telegram: @amaq_agency"]
    assert original.sighting_of_ref == the_item(bundle).id
    assert original.first_seen.isoformat() == "2017-10-03T12:00:00+00:00"
    assert original.last_seen.isoformat() == "2017-10-03T15:30:00+00:00"
    assert original.description.startswith("Original release")
    [observed] = [objects[ref] for ref in original.observed_data_refs]
    assert [objects[ref].value for ref in observed.object_refs] == [case.original.url]
    [repost] = [s for s in sightings.values() if s is not original]
    assert "taken down 2017-10-06" in repost.description


def test_claims_become_notes_with_the_catalogues_opinion_and_the_denial_as_a_relationship(case):
    bundle = exported(case.item, AMBER_PARTNER)
    notes = {note.content: note for note in of_type(bundle, "note")}

    capture, denial = notes[case.capture.text], notes[case.denial.text]
    assert capture.abstract == "Capture claim by Amaq News Agency, stated 2017-10-03"
    assert denial.abstract.startswith("Capture claim by Ministry of Defence of the Russian Federation")
    assert denial.external_references[0].url == "https://news.example/2017/10/04/isis-video-russian-soldiers"
    [opinion] = of_type(bundle, "opinion")
    assert (opinion.object_refs, opinion.opinion) == ([capture.id], "neutral")
    assert "Disputed (published)" in opinion.explanation
    [denies] = [rel for rel in of_type(bundle, "relationship") if rel.relationship_type == "denies"]
    assert (denies.source_ref, denies.target_ref) == (denial.id, capture.id)


def test_every_object_carries_a_tlp_2_marking_defined_with_the_oasis_ids(case):
    bundle = exported(case.item, AMBER_PARTNER)

    definitions = {obj.id: obj for obj in of_type(bundle, "marking-definition")}
    for marking in definitions.values():
        [extension] = marking.extensions.values()
        assert OASIS_TLP2_IDS[extension["tlp_2_0"]] == marking.id
        assert marking.name == f"TLP:{extension['tlp_2_0'].upper()}"
    for obj in bundle.objects:
        if obj.type != "marking-definition":
            [ref] = obj.object_marking_refs
            assert ref in definitions, obj.id
    assert the_item(bundle).object_marking_refs == [OASIS_TLP2_IDS["amber"]]
    notes = {note.content: note for note in of_type(bundle, "note")}
    assert notes[case.denial.text].object_marking_refs == [OASIS_TLP2_IDS["clear"]]
    # The denial is clear but what it denies is amber, so their link is amber.
    [denies] = [rel for rel in of_type(bundle, "relationship") if rel.relationship_type == "denies"]
    assert denies.object_marking_refs == [OASIS_TLP2_IDS["amber"]]


@pytest.mark.parametrize("tlp", TLP.values)
def test_an_item_at_each_tlp_is_marked_with_that_tlp_2_definition(tlp):
    item = MediaItemFactory(tlp=tlp)

    bundle = exported(item, ANALYST)

    assert the_item(bundle).object_marking_refs == [OASIS_TLP2_IDS[tlp]]
    assert OASIS_TLP2_IDS[tlp] in by_id(bundle)


def test_a_claim_is_marked_at_least_as_restrictively_as_its_item(case):
    clear_claim_on_amber_item = ClaimFactory(media_item=case.item, tlp=TLP.CLEAR, text="Posted on 3 October.")

    bundle = exported(case.item, AMBER_PARTNER)

    [note] = [note for note in of_type(bundle, "note") if note.content == clear_claim_on_amber_item.text]
    assert note.object_marking_refs == [OASIS_TLP2_IDS["amber"]]


def test_a_reader_not_cleared_for_identities_gets_no_people_and_no_claims_naming_them(case):
    content = stix.render_item(case.item, AMBER_PARTNER)
    bundle = stix2.parse(content, allow_custom=True)

    assert [i for i in of_type(bundle, "identity") if i.identity_class == "individual"] == []
    assert [r for r in of_type(bundle, "relationship") if r.relationship_type == "depicts"] == []
    assert case.naming.text not in [note.content for note in of_type(bundle, "note")]
    assert ROMAN not in content and GREGORY not in content


def test_a_reader_cleared_for_identities_gets_the_people_shown_as_stated(case):
    bundle = exported(case.item, AMBER_PARTNER_CLEARED_FOR_IDENTITIES)

    people = {i.name: i for i in of_type(bundle, "identity") if i.identity_class == "individual"}
    assert set(people) == {ROMAN, GREGORY}
    assert "stated birth year 1979" in people[ROMAN].description
    assert "Rustav Oblast" in people[ROMAN].description
    depicts = [r for r in of_type(bundle, "relationship") if r.relationship_type == "depicts"]
    assert {(r.source_ref, r.target_ref) for r in depicts} == {(the_item(bundle).id, p.id) for p in people.values()}
    assert case.naming.text in [note.content for note in of_type(bundle, "note")]


def test_a_claim_marked_above_the_readers_ceiling_is_left_out():
    item = MediaItemFactory(tlp=TLP.GREEN)
    ClaimFactory(media_item=item, tlp=TLP.GREEN, text="Shared with the community.", kind=ClaimKind.CAPTURE)
    ClaimFactory(media_item=item, tlp=TLP.RED, text="Only for the analysts.", kind=ClaimKind.CAPTURE)

    bundle = exported(item, GREEN_PARTNER)

    assert [note.content for note in of_type(bundle, "note")] == ["Shared with the community."]
    assert "Only for the analysts." in json.dumps(json.loads(stix.render_item(item, ANALYST)))


def test_an_item_above_the_readers_ceiling_is_refused(case):
    with pytest.raises(NotVisible):
        stix.render_item(case.item, GREEN_PARTNER)


def test_partners_get_the_published_verdict_and_analysts_the_working_one_labelled_as_such(case):
    partner_view, analyst_view = the_item(exported(case.item, AMBER_PARTNER)), the_item(exported(case.item, ANALYST))

    assert (partner_view.authenticity, partner_view.authenticity_state) == ("OriginalMediaContent", "published")
    assert (analyst_view.authenticity, analyst_view.authenticity_state) == ("StagedContent", "working")


def test_a_claim_verdict_awaiting_approval_reaches_analysts_as_a_working_opinion_only(case, analyst):
    services.review_claim_status(case.denial, ClaimStatus.FALSE, analyst, "Two men are alive on camera.")

    partner_opinions = of_type(exported(case.item, AMBER_PARTNER), "opinion")
    analyst_opinions = of_type(exported(case.item, ANALYST), "opinion")

    assert [o.labels[0] for o in partner_opinions] == ["published-verdict"]
    assert sorted(o.labels[0] for o in analyst_opinions) == ["published-verdict", "working-verdict"]
    [working] = [o for o in analyst_opinions if "working-verdict" in o.labels]
    assert working.opinion == "strongly-disagree"


def test_exporting_twice_gives_the_same_object_ids(case):
    first, second = exported(case.item, AMBER_PARTNER), exported(case.item, AMBER_PARTNER)

    assert sorted(by_id(first)) == sorted(by_id(second))


def test_a_partner_caller_takes_its_ceiling_and_identity_clearance():
    caller = Caller.for_partner(Partner.objects.create(name="Newsroom", max_tlp=TLP.GREEN, may_see_identities=True))

    assert (caller.readable_tlps, caller.may_see_identities) == ([TLP.CLEAR, TLP.GREEN], True)
