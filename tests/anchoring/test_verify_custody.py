"""`manage.py verify_custody` against an attacker who owns the database: deleted newest events, an altered event, a
whole chain removed, a forged token, changed bytes. Each is found, with the first bad point named."""

import hashlib
import re

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from provenance import services
from provenance.devtsa import make_pki
from provenance.models import CustodyAnchor

from .conftest import receive, tamper

pytestmark = pytest.mark.django_db


def verify(capsys, *args, **options):
    """verify_custody's report lines and whether it failed."""
    try:
        call_command("verify_custody", *args, **options)
        failed = False
    except CommandError:
        failed = True
    captured = capsys.readouterr()
    return failed, captured.err.splitlines(), captured.out


def test_an_anchored_intact_collection_verifies(local_tsa, capsys):
    receive(b"an intact clip")
    services.anchor_custody()
    receive(b"an intact clip", actor="analyst2")  # newer than the anchor: fine

    failed, lines, out = verify(capsys)

    assert not failed and lines == []
    assert "all links intact; 1 anchors verify; stored bytes intact." in out


def test_deleted_newest_events_an_altered_event_and_a_removed_chain_are_each_named(local_tsa, capsys):
    intact, shortened, altered, removed = (receive(f"clip {name}".encode()) for name in ("a", "b", "c", "d"))
    anchor = services.anchor_custody()
    last = shortened.custody_events.order_by("-sequence").first()

    tamper("DELETE FROM provenance_custodyevent WHERE id = %s", [last.pk])
    tamper("UPDATE provenance_custodyevent SET actor = %s WHERE media_file_id = %s AND sequence = 1",
           ["someone else", altered.pk])
    tamper("DELETE FROM provenance_custodyevent WHERE media_file_id = %s", [removed.pk])
    failed, lines, _ = verify(capsys)

    assert failed
    by_file = {line.split()[1].rstrip(":"): line for line in lines}
    assert intact.sha256 not in by_file
    assert by_file[shortened.sha256].startswith("TRUNCATED")
    assert f"first bad point is event #{last.sequence}:" in by_file[shortened.sha256]
    assert f"the chain ends at #{last.sequence - 1} but anchor {anchor.pk}" in by_file[shortened.sha256]
    assert "its newest events were deleted" in by_file[shortened.sha256]
    assert by_file[altered.sha256].startswith("BROKEN")
    assert "first bad point is event #1 (" in by_file[altered.sha256] and "altered" in by_file[altered.sha256]
    assert "first bad point is event #1:" in by_file[removed.sha256]
    assert "the whole chain was deleted" in by_file[removed.sha256]
    assert len(lines) == 3


def test_a_chain_cut_back_and_grown_again_is_not_anchored_again_and_is_reported(local_tsa, capsys):
    media_file = receive(b"a clip whose history is rewritten")
    services.anchor_custody()
    head = media_file.custody_events.order_by("-sequence").first()
    tamper("DELETE FROM provenance_custodyevent WHERE id = %s", [head.pk])
    receive(b"a clip whose history is rewritten", actor="impostor")  # a new event takes the deleted one's place

    assert services.anchor_custody() is None
    failed, lines, _ = verify(capsys)

    assert failed
    assert lines == [
        f"TRUNCATED {media_file.sha256}: first bad point is event #{head.sequence}: it is not the event anchor "
        f"{media_file.anchored_heads.get().anchor_id} (timestamped "
        f"{media_file.anchored_heads.get().anchor.timestamped_at.isoformat()}) holds "
        "(missing, or the chain was rewritten up to it)"
    ]


def test_a_tampered_token_is_detected(local_tsa, capsys):
    receive(b"a clip under a forged timestamp")
    anchor = services.anchor_custody()
    token = bytearray(bytes(anchor.token))
    token[-10] ^= 0xFF  # inside the signature, at the end of the token

    tamper("UPDATE provenance_custodyanchor SET token = %s WHERE id = %s", [bytes(token), anchor.pk])
    failed, lines, _ = verify(capsys)

    assert failed
    assert len(lines) == 1
    assert lines[0].startswith(f"ANCHOR anchor {anchor.pk}: first bad point is its token: the timestamp does not verify")


def test_a_root_changed_under_its_token_is_detected(local_tsa, capsys):
    receive(b"a clip whose anchor root is changed")
    anchor = services.anchor_custody()

    tamper("UPDATE provenance_custodyanchor SET root = %s WHERE id = %s", ["ab" * 32, anchor.pk])
    failed, lines, _ = verify(capsys)

    assert failed
    assert any(re.search(r"its heads: its 1 stored heads \(of 1\) no longer give its root", line) for line in lines)
    assert any("its message imprint is not the hash of the anchored root" in line for line in lines)


def test_a_file_whose_stored_bytes_changed_is_named(local_tsa, capsys):
    media_file = receive(b"the original bytes")
    services.anchor_custody()
    with default_storage.open(media_file.file.name, "wb") as stored:
        stored.write(b"other bytes")

    failed, lines, _ = verify(capsys, sha256=media_file.sha256)

    assert failed
    assert lines == [f"CHANGED {media_file.sha256}: first bad point is the stored bytes: they hash to "
                     f"{hashlib.sha256(b'other bytes').hexdigest()} now"]
    failed, lines, _ = verify(capsys, sha256=media_file.sha256, no_rehash=True)
    assert not failed


def test_anchors_are_verified_against_the_configured_ca_not_only_their_stored_chain(local_tsa, tmp_path, settings,
                                                                                      capsys):
    receive(b"a clip whose TSA is no longer trusted")
    anchor = services.anchor_custody()
    settings.CUSTODY_TSA_CA_FILE = str(make_pki(tmp_path / "other") / "ca.pem")

    failed, lines, _ = verify(capsys)

    assert failed
    assert lines[0].startswith(f"ANCHOR anchor {anchor.pk}: first bad point is its token")
    settings.CUSTODY_TSA_CA_FILE = ""  # no CA configured: the chain stored with the anchor is all there is
    assert not verify(capsys)[0]
    assert CustodyAnchor.objects.count() == 1
