import pytest
from pymisp import MISPEvent

from catalog.choices import TLP
from catalog.exports import NotVisible, misp
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


def exported(item, visibility):
    event = MISPEvent()
    event.load(misp.render_item(item, visibility))
    return event


def texts(event):
    return {attribute.value: attribute for attribute in event.attributes if attribute.type == "text"}


def test_the_event_loads_back_into_pymisp_with_title_date_and_tlp_tag(case):
    event = exported(case.item, AMBER_PARTNER)

    assert event.info == case.item.title
    assert event.date.isoformat() == "2017-10-03"
    assert "tlp:amber" in [tag.name for tag in event.tags]


@pytest.mark.parametrize("tlp", TLP.values)
def test_the_event_is_tagged_with_misps_tlp_2_name_of_the_items_marking(tlp):
    event = exported(MediaItemFactory(tlp=tlp), ANALYST)

    assert [tag.name for tag in event.tags if tag.name.startswith("tlp:")] == [f"tlp:{tlp}"]


def test_each_file_is_a_file_object_with_its_sha256_and_md5(case):
    [file] = exported(case.item, AMBER_PARTNER).get_objects_by_name("file")

    values = {attribute.object_relation: attribute.value for attribute in file.attributes}
    assert values["sha256"] == case.media_file.sha256
    assert values["md5"] == case.media_file.md5
    assert values["filename"] == "amaq-proof-of-life.mp4"
    assert {attribute.type for attribute in file.attributes} >= {"sha256", "md5"}


def test_sightings_are_url_attributes_with_first_and_last_seen(case):
    urls = {a.value: a for a in exported(case.item, AMBER_PARTNER).attributes if a.type == "url"}

    assert set(urls) == {case.original.url, case.repost.url}
    original = urls[case.original.url]
    assert original.first_seen.isoformat() == "2017-10-03T12:00:00+00:00"
    assert original.last_seen.isoformat() == "2017-10-03T15:30:00+00:00"
    assert "Telegram: @amaq_agency" in original.comment


def test_claims_are_text_attributes_tagged_with_their_own_marking(case):
    claims = texts(exported(case.item, AMBER_PARTNER))

    capture = claims[case.capture.text]
    assert "Capture claim by Amaq News Agency on 2017-10-03" in capture.comment
    assert "status Disputed (published)" in capture.comment
    assert [tag.name for tag in capture.tags] == ["tlp:amber"]


def test_a_clear_claim_on_an_amber_item_is_tagged_amber(case):
    claim = ClaimFactory(media_item=case.item, tlp=TLP.CLEAR, text="Posted on 3 October.")

    attribute = texts(exported(case.item, AMBER_PARTNER))[claim.text]

    assert [tag.name for tag in attribute.tags] == ["tlp:amber"]


def test_the_producer_is_an_organization_object(case):
    [organization] = exported(case.item, AMBER_PARTNER).get_objects_by_name("organization")

    values = {attribute.object_relation: attribute.value for attribute in organization.attributes}
    assert values["name"] == "Amaq News Agency"


def test_people_shown_are_person_objects_only_for_readers_cleared_for_identities(case):
    uncleared = misp.render_item(case.item, AMBER_PARTNER)
    cleared = exported(case.item, AMBER_PARTNER_CLEARED_FOR_IDENTITIES)

    assert ROMAN not in uncleared and GREGORY not in uncleared
    names = {
        attribute.value
        for person in cleared.get_objects_by_name("person")
        for attribute in person.attributes if attribute.object_relation == "full-name"
    }
    assert names == {ROMAN, GREGORY}
    assert case.naming.text in texts(cleared)


def test_nothing_is_flagged_for_intrusion_detection(case):
    event = exported(case.item, ANALYST)

    flagged = [a for a in event.attributes + [a for o in event.objects for a in o.attributes] if a.to_ids]
    assert flagged == []


def test_partners_read_the_published_authenticity_and_analysts_the_working_one(case):
    assert "Media authenticity: OriginalMediaContent" in texts(exported(case.item, AMBER_PARTNER))
    working = texts(exported(case.item, ANALYST))["Media authenticity: StagedContent"]
    assert working.comment.startswith("Working verdict")


def test_the_event_and_its_attributes_keep_their_uuids_across_exports(case):
    first, second = exported(case.item, AMBER_PARTNER), exported(case.item, AMBER_PARTNER)

    assert first.uuid == second.uuid
    assert sorted(a.uuid for a in first.attributes) == sorted(a.uuid for a in second.attributes)
    assert sorted(o.uuid for o in first.objects) == sorted(o.uuid for o in second.objects)


def test_an_item_above_the_readers_ceiling_is_refused(case):
    with pytest.raises(NotVisible):
        misp.render_item(case.item, GREEN_PARTNER)
