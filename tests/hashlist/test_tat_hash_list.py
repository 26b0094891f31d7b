"""HMA's "tat" exchange, threatexchange's own client unchanged, reads the catalogue's hash list from a live server."""

import pytest
import requests

from catalog.choices import TLP
from catalog.models import AccessAudit, ProducerIdeology
from catalog.models.hashlists import TATIdeology
from catalog.services import hashlists
from provenance.choices import HashAlgorithm
from provenance.models import FrameHash
from tests.factories import MediaItemFactory, OrganizationFactory
from tests.hashlist.conftest import HMAMirror, approved, hashed_file, tat_client_class
from tests.partners.factories import PartnerFactory

pytestmark = pytest.mark.django_db(transaction=True)

READABLE = {TLP.GREEN: {TLP.CLEAR, TLP.GREEN}, TLP.AMBER: {TLP.CLEAR, TLP.GREEN, TLP.AMBER}}
PDQ = "f" * 16 + "0" * 48
MARKINGS = (TLP.CLEAR, TLP.GREEN, TLP.AMBER, TLP.RED)


def catalogue(partner_tlp):
    """Approved, pending and restricted items with hashed files, and the signals a partner cleared to
    `partner_tlp` should hold: the video MD5s and image PDQs of approved items it may read."""
    files = {}
    for tlp in MARKINGS:
        files[(tlp, "approved")] = hashed_file(media_item=approved(MediaItemFactory(tlp=tlp)))
        files[(tlp, "pending")] = hashed_file(media_item=MediaItemFactory(tlp=tlp))
    image = hashed_file(media_item=approved(MediaItemFactory(tlp=TLP.GREEN)), original_filename="still.jpg")
    FrameHash.objects.create(media_file=image.media_file, algorithm=HashAlgorithm.PDQ, hash=PDQ, quality=100)
    expected = {
        ("video_md5", link.media_file.md5)
        for (tlp, state), link in files.items() if state == "approved" and tlp in READABLE[partner_tlp]
    }
    return files, expected | {("pdq", PDQ)}


def test_hmas_exchange_holds_exactly_the_approved_hashes_within_the_partners_clearance(hash_list_url, partner_login):
    _, credential, password = partner_login
    _, expected = catalogue(TLP.GREEN)

    mirror = HMAMirror(hash_list_url, credential.username, password)

    assert mirror.fetch() == expected
    assert mirror.checkpoint.get_progress_timestamp() > 0


def test_the_raw_list_carries_sha256_md5_and_pdq_entries_with_the_clients_fields(hash_list_url, partner_login):
    _, credential, password = partner_login
    files, _ = catalogue(TLP.GREEN)
    client = tat_client_class(hash_list_url)(credential.username, password)

    entries = [entry for page in client.fetch_hashes_iter() for entry in page.results]

    green = files[(TLP.GREEN, "approved")].media_file
    by_hash = {(entry.algorithm, entry.hash_digest): entry for entry in entries}
    assert {("SHA-256", green.sha256), ("MD5", green.md5), ("PDQ", PDQ)} <= set(by_hash)
    assert by_hash[("MD5", green.md5)].file_type == "mp4"
    assert by_hash[("PDQ", PDQ)].file_type == "jpg"
    assert not any(entry.deleted for entry in entries)
    assert len({entry.id for entry in entries}) == len(entries)
    restricted = {files[(tlp, "approved")].media_file.sha256 for tlp in (TLP.AMBER, TLP.RED)}
    pending = {files[(tlp, "pending")].media_file.sha256 for tlp in MARKINGS}
    assert not {entry.hash_digest for entry in entries} & (restricted | pending)


def test_an_amber_partner_reads_amber_hashes_and_each_restricted_file_is_audited(hash_list_url, db):
    partner = PartnerFactory(max_tlp=TLP.AMBER)
    credential, password = hashlists.issue_credential(partner)
    files, expected = catalogue(TLP.AMBER)

    assert HMAMirror(hash_list_url, credential.username, password).fetch() == expected

    audited = set(AccessAudit.objects.filter(partner=partner, record_type="media_file").values_list("record_id", flat=True))
    assert str(files[(TLP.AMBER, "approved")].media_file.pk) in audited
    assert str(files[(TLP.GREEN, "approved")].media_file.pk) not in audited  # shared below AMBER: not restricted
    assert AccessAudit.objects.filter(partner=partner, path__startswith="/hma/tat/api/hash-list/v2/all").exists()


def test_a_detached_file_comes_back_deleted_and_leaves_the_subscribers_copy(hash_list_url, partner_login):
    _, credential, password = partner_login
    files, expected = catalogue(TLP.GREEN)
    mirror = HMAMirror(hash_list_url, credential.username, password)
    mirror.fetch()
    link = files[(TLP.GREEN, "approved")]

    link.delete()

    assert mirror.fetch() == expected - {("video_md5", link.media_file.md5)}
    assert ("video_md5", link.media_file.md5) in mirror.deleted_seen


def test_a_tlp_raise_above_clearance_comes_back_deleted_and_a_lowering_lists_it_again(hash_list_url, partner_login):
    _, credential, password = partner_login
    files, expected = catalogue(TLP.GREEN)
    mirror = HMAMirror(hash_list_url, credential.username, password)
    mirror.fetch()
    item = files[(TLP.CLEAR, "approved")].media_item
    md5 = ("video_md5", files[(TLP.CLEAR, "approved")].media_file.md5)

    item.tlp = TLP.AMBER
    item.save()
    assert mirror.fetch() == expected - {md5}

    item.tlp = TLP.GREEN
    item.save()
    assert mirror.fetch() == expected


def test_an_approval_lists_an_item_the_next_time_hma_fetches(hash_list_url, partner_login):
    _, credential, password = partner_login
    files, expected = catalogue(TLP.GREEN)
    mirror = HMAMirror(hash_list_url, credential.username, password)
    mirror.fetch()
    pending = files[(TLP.GREEN, "pending")]

    approved(pending.media_item)

    assert mirror.fetch() == expected | {("video_md5", pending.media_file.md5)}


def test_pages_follow_next_until_the_list_is_read(hash_list_url, partner_login, settings):
    settings.HASH_LIST_PAGE_CHANGES = 2
    _, credential, password = partner_login
    _, expected = catalogue(TLP.GREEN)
    client = tat_client_class(hash_list_url)(credential.username, password)

    pages = list(client.fetch_hashes_iter())

    assert len(pages) > 3
    assert all(page.next for page in pages[:-1]) and pages[-1].next is None
    entries = [entry for page in pages for entry in page.results]
    assert not any(entry.deleted for entry in entries)
    videos = {("video_md5", e.hash_digest) for e in entries if e.algorithm == "MD5" and e.file_type == "mp4"}
    assert videos | {("pdq", e.hash_digest) for e in entries if e.algorithm == "PDQ"} == expected


def test_a_producers_ideology_comes_from_the_mapping_in_the_data(hash_list_url, partner_login):
    _, credential, password = partner_login
    amaq, unmapped = OrganizationFactory(name="Amaq"), OrganizationFactory()
    ProducerIdeology.objects.create(organization=amaq, ideology=TATIdeology.ISLAMIST)
    mapped = hashed_file(media_item=approved(MediaItemFactory(tlp=TLP.GREEN, producer=amaq)))
    other = hashed_file(media_item=approved(MediaItemFactory(tlp=TLP.GREEN, producer=unmapped)))
    client = tat_client_class(hash_list_url)(credential.username, password)

    ideology = {e.hash_digest: e.ideology for page in client.fetch_hashes_iter() for e in page.results}

    assert ideology[mapped.media_file.md5] == "islamist"
    assert ideology[other.media_file.md5] is None


def test_a_revoked_credential_and_its_tokens_are_refused(hash_list_url, partner_login):
    _, credential, password = partner_login
    client = tat_client_class(hash_list_url)(credential.username, password)
    token = client.get_auth_token(credential.username, password)
    list_url = f"{hash_list_url}api/hash-list/v2/all"
    assert requests.get(list_url, headers={"Authorization": f"Bearer {token}"}, timeout=10).status_code == 200

    hashlists.revoke_credential(credential)

    with pytest.raises(requests.HTTPError) as refused:
        client.fetch_hashes()
    assert refused.value.response.status_code == 401
    assert requests.get(list_url, headers={"Authorization": f"Bearer {token}"}, timeout=10).status_code == 401
