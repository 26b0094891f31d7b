"""Anchoring custody: one Merkle root over the changed chain heads, timestamped by a local RFC 3161 TSA."""

import hashlib

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from provenance import services, tasks, timestamping
from provenance.devtsa import LocalTsa, make_pki
from provenance.models import AnchoredHead, CustodyAnchor

from .conftest import closed_port, configure_tsas, receive

pytestmark = pytest.mark.django_db


def leaf(media_file):
    head = media_file.custody_events.order_by("-sequence").first()
    return f"{media_file.sha256} {head.sequence} {head.event_hash}".encode()


def tree_root(leaves):
    """RFC 6962 over the leaves, written out again here rather than imported."""
    hashes = [hashlib.sha256(b"\x00" + data).digest() for data in leaves]

    def mth(part):
        if len(part) == 1:
            return part[0]
        k = 1
        while k * 2 < len(part):
            k *= 2
        return hashlib.sha256(b"\x01" + mth(part[:k]) + mth(part[k:])).digest()

    return mth(hashes).hex()


def test_an_anchoring_run_timestamps_one_root_over_every_chain_head(local_tsa):
    files = sorted([receive(b"first clip"), receive(b"second clip"), receive(b"third clip")], key=lambda f: f.sha256)

    anchor = services.anchor_custody()

    assert local_tsa.requests == 1
    assert anchor.leaf_count == 3
    assert anchor.tsa_url == local_tsa.url
    assert anchor.root == tree_root([leaf(media_file) for media_file in files])
    heads = list(anchor.heads.order_by("leaf_index"))
    assert [head.media_file for head in heads] == files
    assert [head.leaf_data for head in heads] == [leaf(media_file) for media_file in files]
    assert timestamping.verify_token(bytes(anchor.token), anchor.message, anchor.tsa_chain_pem) == anchor.timestamped_at
    assert "BEGIN CERTIFICATE" in anchor.tsa_chain_pem


def test_a_second_run_anchors_only_the_chains_that_grew_and_a_third_nothing(local_tsa):
    quiet, busy = receive(b"a quiet clip"), receive(b"a busy clip")
    first = services.anchor_custody()
    receive(b"a busy clip", actor="analyst2")  # a second acquisition: busy's chain grows

    second = services.anchor_custody()
    third = services.anchor_custody()

    assert first.leaf_count == 2
    assert [head.media_file for head in second.heads.all()] == [busy]
    assert second.heads.get().sequence == busy.custody_events.count()
    assert third is None
    assert local_tsa.requests == 2
    assert quiet.anchored_heads.count() == 1


def test_the_command_and_the_beat_task_anchor_on_demand_and_on_schedule(local_tsa, capsys):
    receive(b"a clip for the command")
    call_command("anchor_custody")
    receive(b"a clip for the task")

    tasks.anchor_custody.apply(throw=True)

    assert "1 chain heads under root" in capsys.readouterr().out
    assert CustodyAnchor.objects.count() == 2
    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == tasks.anchor_custody.name)
    assert entry["schedule"] == 3600
    assert tasks.anchor_custody.name.startswith("provenance.verify.")


def test_when_the_first_tsa_is_down_the_second_gives_the_token(local_tsa, settings, monkeypatch):
    down = closed_port()
    configure_tsas(settings, monkeypatch, [f"http://127.0.0.1:{down}/", local_tsa.url],
                   [f"127.0.0.1:{down}", local_tsa.origin], local_tsa.ca_file)
    receive(b"a clip anchored through the second TSA")

    anchor = services.anchor_custody()

    assert anchor.tsa_url == local_tsa.url


def test_a_tsa_whose_token_does_not_verify_is_passed_over(local_tsa, tmp_path, settings, monkeypatch):
    with LocalTsa(make_pki(tmp_path / "rogue", name="Untrusted TSA")) as rogue:
        configure_tsas(settings, monkeypatch, [rogue.url, local_tsa.url], [rogue.origin, local_tsa.origin],
                       local_tsa.ca_file)
        receive(b"a clip the rogue TSA cannot anchor")

        anchor = services.anchor_custody()

        assert rogue.requests == 1
    assert anchor.tsa_url == local_tsa.url


def test_a_tsa_not_allowed_by_the_egress_policy_is_never_asked(local_tsa, settings, monkeypatch):
    configure_tsas(settings, monkeypatch, [local_tsa.url], [], local_tsa.ca_file)
    receive(b"a clip for a TSA on a loopback address")

    with pytest.raises(timestamping.TimestampUnavailable, match="loopback"):
        services.anchor_custody()

    assert local_tsa.requests == 0
    assert not CustodyAnchor.objects.exists()


def test_when_no_tsa_gives_a_token_nothing_is_anchored_and_the_command_says_why(local_tsa, settings, monkeypatch):
    down = closed_port()
    configure_tsas(settings, monkeypatch, [f"http://127.0.0.1:{down}/"], [f"127.0.0.1:{down}"], local_tsa.ca_file)
    receive(b"a clip nobody timestamps")

    with pytest.raises(CommandError, match="No Time-Stamping Authority gave a valid token"):
        call_command("anchor_custody")

    assert not CustodyAnchor.objects.exists() and not AnchoredHead.objects.exists()


def test_without_a_configured_tsa_anchoring_fails_loudly(settings):
    settings.CUSTODY_TSA_URLS = []
    receive(b"a clip with no TSA configured")

    with pytest.raises(timestamping.TimestampUnavailable, match="CUSTODY_TSA_URLS"):
        services.anchor_custody()


def test_an_inclusion_proof_leads_from_a_chain_head_to_the_anchored_root(local_tsa):
    files = [receive(f"clip number {n}".encode()) for n in range(5)]
    anchor = services.anchor_custody()

    proofs = [services.inclusion_proof(media_file) for media_file in files]

    assert all(proof.anchor == anchor and proof.tree_size == 5 and proof.verifies() for proof in proofs)
    assert sorted(len(proof.path) for proof in proofs) == [1, 3, 3, 3, 3]  # 5 leaves: a 4-leaf tree and one
    forged = proofs[0].head
    forged.event_hash = "0" * 64
    assert not proofs[0].verifies()
    assert services.inclusion_proof(receive(b"never anchored")) is None
