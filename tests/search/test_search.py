"""Search across the catalogue (catalog.services.search), by the desk and the API alike."""

import hashlib

import pytest
from django.db import connection

from catalog.choices import TLP, ClaimKind
from catalog.models import AccessAudit, MediaItem, Person
from catalog.policies.access import Caller
from catalog.search_keys import fill_all
from catalog.search_keys import query_words
from catalog.services.search import KINDS, _text_matches, search
from provenance.choices import HashAlgorithm
from provenance.models import FrameHash
from provenance.services import matching
from tests.factories import (
    ChannelFactory,
    ClaimFactory,
    IdentityAssertionFactory,
    ItemFileFactory,
    MediaItemFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    PersonFactory,
    PersonNameVariantFactory,
    QuoteFactory,
    ReportFactory,
)
from tests.lists.seeds import settle
from tests.partners.conftest import key_client
from tests.partners.factories import PartnerFactory, issue_key

pytestmark = pytest.mark.django_db

ANALYST = Caller.analyst()


def found(results, kind):
    return {hit.record.pk for group in results.groups if group.kind.name == kind for hit in group.hits}


def test_a_cyrillic_name_finds_the_latin_record_and_back():
    latin = PersonFactory(canonical_name="Grigory Zabolotnyy")
    cyrillic = PersonFactory(canonical_name="Заболотный Григорий")
    PersonFactory(canonical_name="Someone Else")

    assert found(search(ANALYST, "Заболотный"), "people") == {latin.pk, cyrillic.pk}
    assert found(search(ANALYST, "Zabolotny"), "people") == {latin.pk, cyrillic.pk}


def test_an_arabic_name_finds_the_latin_alias_and_back():
    organization = OrganizationFactory(name="Some Front")
    OrganizationAliasFactory(organization=organization, name="Mohammed Jubouri Brigade")
    arabic = PersonFactory(canonical_name="محمد الجبوري")

    assert found(search(ANALYST, "محمد"), "organizations") == {organization.pk}
    assert found(search(ANALYST, "Muhammad"), "people") == {arabic.pk}


def test_an_alias_added_later_makes_its_person_findable():
    person = PersonFactory(canonical_name="Abu Example")
    assert found(search(ANALYST, "Хаттаб"), "people") == set()

    variant = PersonNameVariantFactory(person=person, name="Хаттаб")
    assert found(search(ANALYST, "Khattab"), "people") == {person.pk}
    variant.delete()
    assert found(search(ANALYST, "Khattab"), "people") == set()


def test_results_are_grouped_by_kind_across_every_searchable_record():
    item = MediaItemFactory(title="Raqqa convoy video")
    claim = ClaimFactory(text="The convoy left Raqqa at dawn")
    report = ReportFactory(title="Convoy seen near Raqqa")
    quote = QuoteFactory(report=report, speaker="A resident", text="We saw the Raqqa convoy")
    channel = ChannelFactory(handle="raqqa_news")

    results = search(ANALYST, "raqqa")

    assert {group.kind.name for group in results.groups} >= {
        "media_items", "claims", "reports", "quotes", "channels"}
    assert item.pk in found(results, "media_items")
    assert claim.pk in found(results, "claims")
    assert report.pk in found(results, "reports")
    assert quote.pk in found(results, "quotes")
    assert channel.pk in found(results, "channels")
    assert found(search(ANALYST, "raqqa convoy"), "media_items") == {item.pk}
    assert found(search(ANALYST, "raqqa tanker"), "media_items") == set()


def test_the_start_of_a_word_finds_it():
    item = MediaItemFactory(title="Deir ez-Zor checkpoint")

    assert found(search(ANALYST, "checkp"), "media_items") == {item.pk}
    assert found(search(ANALYST, "deir checkp"), "media_items") == {item.pk}
    assert found(search(ANALYST, "deir market"), "media_items") == set()


def test_on_postgresql_a_one_word_query_forgives_a_typing_error(postgresql):
    item = MediaItemFactory(title="Deir ez-Zor checkpoint")
    MediaItemFactory(title="Aleppo market")

    assert found(search(ANALYST, "chekpoint"), "media_items") == {item.pk}


def test_a_sha256_and_an_md5_find_the_file_and_its_item():
    link = ItemFileFactory(content=b"the bytes of a video")
    media_file = link.media_file
    media_file.md5 = hashlib.md5(b"the bytes of a video").hexdigest()  # as the hashing job records it
    media_file.save(update_fields=["md5"])

    by_sha = search(ANALYST, media_file.sha256.upper())
    by_md5 = search(ANALYST, media_file.md5)

    [files] = [group for group in by_sha.groups if group.kind.name == "files"]
    assert [(hit.record.pk, hit.method, hit.distance) for hit in files.hits] == [(link.pk, "sha256", 0)]
    assert found(by_md5, "files") == {link.pk}


def test_a_pdq_hash_finds_near_matches_with_their_distance():
    link = ItemFileFactory()
    stored = "f" * 64
    FrameHash.objects.create(media_file=link.media_file, algorithm=HashAlgorithm.ROBUST_PDQ, hash=stored, quality=100)
    matching.reset_index()
    near = "0" * 2 + "f" * 62  # eight bits away

    [files] = [group for group in search(ANALYST, near).groups if group.kind.name == "files"]

    assert [(hit.record.pk, hit.method, hit.distance) for hit in files.hits] == [(link.pk, "pdq", 8)]


def test_a_partner_finds_only_what_its_clearance_allows_and_restricted_hits_are_audited():
    green = MediaItemFactory(title="Convoy green", tlp=TLP.GREEN)
    amber = MediaItemFactory(title="Convoy amber", tlp=TLP.AMBER)
    MediaItemFactory(title="Convoy red", tlp=TLP.RED)
    IdentityAssertionFactory(media_item=green, person=PersonFactory(canonical_name="Convoy Driver"))
    ClaimFactory(text="Convoy identity claim", kind=ClaimKind.IDENTITY, tlp=TLP.GREEN, media_item=green)
    partner = PartnerFactory(max_tlp=TLP.AMBER, may_see_identities=False)
    client = key_client(issue_key(partner)[1])

    response = client.get("/api/v1/search/", {"q": "convoy"})

    assert response.status_code == 200, response.data
    groups = {group["kind"]: {row["id"] for row in group["results"]} for group in response.data["groups"]}
    assert groups == {"media_items": {green.pk, amber.pk}}
    audited = set(AccessAudit.objects.filter(partner=partner).values_list("record_type", "record_id"))
    assert audited == {("media_item", str(amber.pk))}


def test_the_api_answers_analysts_with_every_kind_and_refuses_an_empty_query(analyst_client, anonymous_client):
    person = PersonFactory(canonical_name="Grigory Zabolotnyy")
    PersonNameVariantFactory(person=person, name="Григорий Заболотный")

    response = analyst_client.get("/api/v1/search/", {"q": "Григорий"})
    empty = analyst_client.get("/api/v1/search/", {"q": "  "})

    assert response.status_code == 200
    [group] = response.data["groups"]
    assert group["kind"] == "people"
    assert group["results"][0]["title"] == "Grigory Zabolotnyy"
    assert group["results"][0]["aliases"] == ["Григорий Заболотный"]
    assert empty.status_code == 400
    assert anonymous_client.get("/api/v1/search/", {"q": "x"}).status_code in (401, 403)


def test_rebuilding_the_keys_restores_one_written_behind_the_models_back():
    item = MediaItemFactory(title="Заболотный interview")
    MediaItem.objects.filter(pk=item.pk).update(search_key="")
    assert found(search(ANALYST, "Zabolotny"), "media_items") == set()

    fill_all()

    assert found(search(ANALYST, "Zabolotny"), "media_items") == {item.pk}


def test_bulk_created_records_get_their_keys():
    Person.objects.bulk_create([Person(canonical_name="Евгений Соловьёв")])

    assert len(found(search(ANALYST, "Yevgeny Solovyov"), "people")) == 1


def test_on_postgresql_the_search_reads_the_items_through_its_indexes(postgresql):
    MediaItem.objects.bulk_create(
        MediaItem(kind="video", title=f"Filler video number {n}", tlp=TLP.GREEN) for n in range(20_000)
    )
    MediaItemFactory(title="Заболотный interview")
    with connection.cursor() as cursor:
        settle(cursor, "catalog_mediaitem")
    partner = Caller.for_partner(PartnerFactory(max_tlp=TLP.AMBER))

    for caller, query in ((ANALYST, "Zabolotny"), (partner, "Zabolotny"), (ANALYST, "zabolotny interview")):
        queryset = _text_matches(caller, KINDS[0], query_words(query))[:21]
        plan = queryset.explain()
        assert "Seq Scan on catalog_mediaitem" not in plan, plan
        assert "mediaitem_search_" in plan, plan


def test_the_rebuild_command_writes_every_key_again():
    from io import StringIO

    from django.core.management import call_command

    person = PersonFactory(canonical_name="Заболотный")
    Person.objects.filter(pk=person.pk).update(search_key="")
    out = StringIO()

    call_command("rebuild_search_keys", stdout=out)

    assert "person: 1 keys written" in out.getvalue()
    assert found(search(ANALYST, "Zabolotny"), "people") == {person.pk}


def test_a_partner_finding_a_file_by_hash_gets_its_hash_not_the_desk_s_file_name():
    link = ItemFileFactory(media_item=MediaItemFactory(tlp=TLP.GREEN), original_filename="source-informant-7.mp4")
    client = key_client(issue_key(PartnerFactory(max_tlp=TLP.GREEN))[1])

    response = client.get("/api/v1/search/", {"q": link.media_file.sha256})

    [group] = response.data["groups"]
    assert group["kind"] == "files"
    assert group["results"][0]["title"] == link.media_file.sha256
    assert "informant" not in response.content.decode()
