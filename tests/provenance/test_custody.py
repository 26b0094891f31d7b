import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from provenance import services
from provenance.choices import CustodyAction
from provenance.models import CustodyEvent
from provenance.models.custody import GENESIS_HASH

pytestmark = pytest.mark.django_db


def receive(content=b"custody evidence bytes", actor="analyst1"):
    return services.receive_file(ContentFile(content), "clip.mp4", actor=actor, source={"via": "upload"})


def tamper(sql, params):
    """What someone with raw database access could do; PostgreSQL's own guard is lifted for the attempt."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # a superuser skipping triggers
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


def test_receiving_a_file_logs_its_acquisition_and_storage_in_a_chain():
    media_file = receive()

    events = list(media_file.custody_events.order_by("sequence"))
    assert [event.action for event in events] == [CustodyAction.STORED, CustodyAction.ACQUIRED]
    assert events[0].previous_hash == GENESIS_HASH
    assert events[1].previous_hash == events[0].event_hash
    assert events[1].actor == "analyst1"
    assert events[1].detail == {"original_filename": "clip.mp4", "size": 22, "via": "upload"}


def test_receiving_the_same_bytes_again_logs_a_second_acquisition():
    media_file = receive(actor="analyst1")
    receive(actor="analyst2")

    actions = list(media_file.custody_events.values_list("action", "actor"))
    assert actions[-1] == (CustodyAction.ACQUIRED, "analyst2")
    assert len(actions) == 3


def test_a_finished_enrichment_job_is_logged_in_custody():
    media_file = receive()
    job = services.request_enrichment(media_file)

    services.run_enrichment_job(job.pk)

    last = media_file.custody_events.order_by("-sequence").first()
    assert (last.action, last.actor, last.detail) == (CustodyAction.ENRICHED, "worker", {"job": job.pk, "kind": "hashes"})


def test_custody_events_cannot_be_changed_or_deleted_through_the_orm():
    event = receive().custody_events.first()

    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        CustodyEvent.objects.all().delete()
    with pytest.raises(PermissionDenied):
        CustodyEvent.objects.update(actor="someone else")


def test_an_intact_chain_verifies(capsys):
    receive()

    call_command("verify_custody")

    assert "all links intact" in capsys.readouterr().out


def test_verification_names_the_first_altered_event():
    intact = receive(b"an intact file")
    altered = receive(b"an altered file")
    second = altered.custody_events.get(sequence=2)
    tamper("UPDATE provenance_custodyevent SET actor = %s WHERE id = %s", ["someone else", second.pk])

    broken = services.find_broken_custody_links()

    assert [(media_file, event.sequence) for media_file, event, _ in broken] == [(altered, 2)]
    assert "altered" in broken[0][2]
    assert intact not in [media_file for media_file, _, _ in broken]


def test_verification_names_a_missing_event():
    media_file = receive()
    receive()
    first = media_file.custody_events.get(sequence=1)
    tamper("DELETE FROM provenance_custodyevent WHERE id = %s", [first.pk])

    with pytest.raises(CommandError, match="1 of 1 custody chains are broken"):
        call_command("verify_custody", sha256=media_file.sha256)
