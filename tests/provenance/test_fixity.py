import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from provenance import services
from provenance.choices import CustodyAction, FixityOutcome

pytestmark = pytest.mark.django_db


def receive(content):
    return services.receive_file(ContentFile(content), "clip.mp4")


def flip_a_byte(media_file):
    with open(default_storage.path(media_file.file.name), "r+b") as stored:
        stored.seek(3)
        original = stored.read(1)
        stored.seek(3)
        stored.write(bytes([original[0] ^ 0xFF]))


def test_it_finds_a_changed_a_missing_and_an_untracked_file():
    intact = receive(b"intact evidence")
    changed = receive(b"evidence that will change")
    missing = receive(b"evidence that will vanish")
    flip_a_byte(changed)
    default_storage.delete(missing.file.name)
    stray = default_storage.save("originals/ff/ff/stray-file", ContentFile(b"not ours"))

    run = services.run_fixity_check()

    findings = {(finding.outcome, finding.storage_name) for finding in run.findings.all()}
    assert findings == {
        (FixityOutcome.CHANGED, changed.file.name),
        (FixityOutcome.MISSING, missing.file.name),
        (FixityOutcome.UNTRACKED, stray),
    }
    assert (run.files_checked, run.files_intact) == (3, 1)
    assert intact.custody_events.filter(action=CustodyAction.FIXITY_CHECKED).count() == 1


def test_a_clean_store_gives_no_findings():
    receive(b"some evidence")
    receive(b"more evidence")

    run = services.run_fixity_check()

    assert run.findings.count() == 0
    assert (run.files_checked, run.files_intact) == (2, 2)
    assert run.finished_at is not None


def test_the_command_fails_and_lists_problems(capsys):
    flip_a_byte(receive(b"evidence that will change"))

    with pytest.raises(CommandError, match="1 fixity problems"):
        call_command("check_fixity")

    assert "BYTES CHANGED" in capsys.readouterr().err
