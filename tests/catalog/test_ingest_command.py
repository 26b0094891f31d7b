import hashlib

import pytest
from django.core.management import CommandError, call_command

from catalog.models import ItemFile
from provenance.choices import CustodyAction
from provenance.models import EnrichmentJob
from tests.factories import AnalystFactory, MediaItemFactory

pytestmark = pytest.mark.django_db


def test_it_ingests_several_files_into_an_item(tmp_path, capsys):
    item = MediaItemFactory()
    first, second = tmp_path / "a.mp4", tmp_path / "b.jpg"
    first.write_bytes(b"first evidence file")
    second.write_bytes(b"second evidence file")
    analyst = AnalystFactory()

    call_command("ingest", str(first), str(second), item=item.pk, user=analyst.username)

    links = ItemFile.objects.filter(media_item=item)
    assert {link.media_file.sha256 for link in links} == {
        hashlib.sha256(b"first evidence file").hexdigest(),
        hashlib.sha256(b"second evidence file").hexdigest(),
    }
    assert EnrichmentJob.objects.filter(kind="hashes").count() == 2
    acquired = links.get(original_filename="a.mp4").media_file.custody_events.get(action=CustodyAction.ACQUIRED)
    assert (acquired.actor, acquired.detail["via"], acquired.detail["path"]) == (analyst.username, "command", str(first))
    assert "stored" in capsys.readouterr().out


def test_it_keeps_the_good_files_and_reports_the_bad_ones(tmp_path, capsys):
    item = MediaItemFactory()
    good, empty = tmp_path / "good.mp4", tmp_path / "empty.mp4"
    good.write_bytes(b"good evidence")
    empty.write_bytes(b"")

    with pytest.raises(CommandError, match="2 of 3 files were not ingested"):
        call_command("ingest", str(good), str(empty), str(tmp_path / "absent.mp4"), item=item.pk)

    assert ItemFile.objects.filter(media_item=item).count() == 1
    errors = capsys.readouterr().err
    assert "empty" in errors
    assert "No such file" in errors


def test_it_refuses_an_unknown_item(tmp_path):
    path = tmp_path / "a.mp4"
    path.write_bytes(b"x")

    with pytest.raises(CommandError, match="no media item 999"):
        call_command("ingest", str(path), item=999)
