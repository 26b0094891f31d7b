"""External hash lists in: signals matched against stored files, each match a finding naming the list."""

import hashlib
import io
import json

import pytest
from django.core.management import CommandError, call_command

from catalog.choices import FindingKind
from catalog.models import Finding
from provenance import services as evidence
from provenance.choices import HashAlgorithm
from provenance.models import ExternalSignal, ExternalSignalMatch, FrameHash
from provenance.services import external_signals
from tests.factories import ItemFileFactory

pytestmark = pytest.mark.django_db

SIGNAL_PDQ = "f" * 32 + "0" * 32


@pytest.fixture(autouse=True)
def fresh_signal_index():
    external_signals.reset_signal_index()
    yield
    external_signals.reset_signal_index()


def md5(content):
    return hashlib.md5(content).hexdigest()


def tat_page(*entries):
    return json.dumps({"count": len(entries), "next": None, "previous": None, "checkpoint": "1,x", "results": [
        {"hash_digest": digest, "algorithm": algorithm, "ideology": "islamist", "file_type": "mp4",
         "deleted": deleted, "updated_on": 1.0, "created_on": "2024-01-01T00:00:00Z", "id": number}
        for number, (algorithm, digest, deleted) in enumerate(entries, 1)
    ]})


def findings_naming(source):
    return Finding.objects.filter(kind=FindingKind.EXTERNAL_SIGNAL_MATCH, detail__list=source)


def hashed_by_the_worker(content):
    """An item file whose hashing job ran as a worker runs it."""
    link = ItemFileFactory(content=content)
    evidence.run_enrichment_job(evidence.request_enrichment(link.media_file).pk)
    return link


def test_a_stored_file_in_an_imported_tat_list_raises_a_finding_naming_the_list():
    link = hashed_by_the_worker(b"an Amaq release")
    unrelated = hashed_by_the_worker(b"a cooking video")

    counts = external_signals.import_list("TAT hash list", external_signals.parse_list(
        tat_page(("MD5", md5(b"an Amaq release"), False), ("MD5", md5(b"something else"), False))
    ))

    assert counts == {"added": 2, "removed": 0, "matches": 1}
    [finding] = findings_naming("TAT hash list")
    assert finding.media_item == link.media_item
    assert "TAT hash list" in finding.message
    assert not Finding.objects.filter(media_item=unrelated.media_item).exists()


def test_a_file_hashed_after_a_csv_import_matches_it_in_the_enrichment_pass():
    external_signals.import_list("Partner CSV", external_signals.parse_list(
        f"md5,sha256\n{md5(b'a re-upload')},\n,{hashlib.sha256(b'another').hexdigest()}\n"
    ))

    link = hashed_by_the_worker(b"a re-upload")

    assert ExternalSignalMatch.objects.filter(media_file=link.media_file, signal__source="Partner CSV").exists()
    assert findings_naming("Partner CSV").get().media_item == link.media_item


def test_a_pdq_signal_matches_a_frame_within_the_distance_and_not_beyond():
    external_signals.import_list("PDQ list", external_signals.parse_list(f"algorithm,hash\nPDQ,{SIGNAL_PDQ}\n"))
    near, far = ItemFileFactory(), ItemFileFactory()
    near_hash = "e" + SIGNAL_PDQ[1:]  # one bit apart
    far_hash = "0" * 32 + "f" * 32  # all 256 bits apart
    for link, frame in ((near, near_hash), (far, far_hash)):
        FrameHash.objects.create(media_file=link.media_file, algorithm=HashAlgorithm.PDQ, hash=frame, quality=100)
        external_signals.match_file(link.media_file)

    assert ExternalSignalMatch.objects.get(media_file=near.media_file).distance == 1
    assert not ExternalSignalMatch.objects.filter(media_file=far.media_file).exists()
    assert findings_naming("PDQ list").get().media_item == near.media_item


def test_an_entry_marked_deleted_removes_the_signal_from_its_list():
    digest = md5(b"withdrawn from the list")
    external_signals.import_list("TAT hash list", external_signals.parse_list(tat_page(("MD5", digest, False))))

    counts = external_signals.import_list("TAT hash list", external_signals.parse_list(tat_page(("MD5", digest, True))))

    assert counts["removed"] == 1
    assert not ExternalSignal.objects.filter(hash_digest=digest).exists()
    link = hashed_by_the_worker(b"withdrawn from the list")
    assert not ExternalSignalMatch.objects.filter(media_file=link.media_file).exists()


@pytest.mark.parametrize("text, reason", [
    ('{"results": [{"algorithm": "MD5", "hash_digest": "xyz"}]}', "entry 1: a MD5 hash is 32 hex characters"),
    ('{"results": [{"algorithm": "TMK", "hash_digest": "00"}]}', "entry 1: the algorithm must be PDQ, MD5 or SHA-256"),
    ("name,size\nvideo.mp4,12\n", "The CSV needs a header"),
    ("md5\nnot-a-hash\n", "line 2: a MD5 hash is 32 hex characters"),
    ("{not json", "Not JSON"),
])
def test_the_import_command_refuses_a_malformed_list_with_where_and_why(tmp_path, text, reason):
    path = tmp_path / "list.txt"
    path.write_text(text)

    with pytest.raises(CommandError, match=reason):
        call_command("import_hash_list", "Some list", str(path))
    assert not ExternalSignal.objects.exists()


def test_the_import_command_reports_what_it_added_and_matched(tmp_path):
    hashed_by_the_worker(b"a known video")
    path = tmp_path / "list.csv"
    path.write_text(f"md5\n{md5(b'a known video')}\n")
    out = io.StringIO()

    call_command("import_hash_list", "Partner CSV", str(path), stdout=out)

    assert out.getvalue().strip() == "Partner CSV: 1 added, 0 removed, 1 new matches."
