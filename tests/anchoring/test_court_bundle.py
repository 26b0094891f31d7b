"""A court bundle is checked here as a third party would: unpacked, then `sha256sum -c`, `openssl ts -verify` and
the bundle's own checker under `python3 -I`, all run as subprocesses. Nothing of the project verifies it."""

import hashlib
import io
import json
import subprocess
import sys
import zipfile

import pytest
from rest_framework.test import APIClient

from catalog.choices import TLP
from catalog.models import AccessAudit
from provenance import services
from provenance.choices import CustodyAction
from tests.factories import ItemFileFactory, MediaItemFactory
from tests.partners.factories import PartnerFactory, issue_key

pytestmark = pytest.mark.django_db


def run(folder, *command):
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120)


def unpack(response, folder):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/zip"
    zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).extractall(folder)
    return folder


def openssl_verifies(folder):
    """Every anchor in the bundle checked with the command its README gives."""
    commands = [line.strip() for line in (folder / "README.txt").read_text().splitlines()
                if line.strip().startswith("openssl ts -verify")]
    results = [run(folder, *command.split()) for command in commands]
    return commands, results


def partner_client(**fields):
    partner = PartnerFactory(**fields)
    _, key = issue_key(partner)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    client.partner = partner
    return client


@pytest.fixture
def anchored_item(local_tsa):
    item = MediaItemFactory(tlp=TLP.GREEN)
    first = ItemFileFactory(media_item=item, content=b"the Amaq video as first posted")
    second = ItemFileFactory(media_item=item, content=b"the same video, re-encoded")
    ItemFileFactory(content=b"another item's file")  # anchored with them, not in the bundle
    services.anchor_custody()
    services.record_custody(first.media_file, CustodyAction.FIXITY_CHECKED, "worker", {"note": "after the anchor"})
    return item, [first.media_file, second.media_file]


def test_a_bundle_verifies_with_sha256sum_openssl_and_its_own_checker_alone(anchored_item, analyst_client, tmp_path):
    item, media_files = anchored_item

    folder = unpack(analyst_client.get(f"/api/v1/media-items/{item.pk}/bundle/"), tmp_path)

    sums = run(folder, "sha256sum", "-c", "SHA256SUMS")
    assert sums.returncode == 0, sums.stdout + sums.stderr
    assert sums.stdout.count(": OK") == len((folder / "SHA256SUMS").read_text().splitlines())
    for media_file in media_files:
        assert hashlib.sha256((folder / "originals" / media_file.sha256).read_bytes()).hexdigest() == media_file.sha256
    commands, results = openssl_verifies(folder)
    assert len(commands) == 1
    assert all(result.returncode == 0 and "Verification: OK" in result.stdout for result in results), results
    checker = run(folder, sys.executable, "-I", "check_bundle.py")
    assert checker.returncode == 0, checker.stdout + checker.stderr
    assert checker.stdout.count("OK   ") == 2 and "is in anchor" in checker.stdout
    listed = json.loads((folder / "items.json").read_text())["items"]
    assert [item["id"] for item in listed] == [item.pk]
    assert sorted(file["sha256"] for file in listed[0]["files"]) == sorted(f.sha256 for f in media_files)


def test_a_changed_event_root_or_original_in_the_bundle_fails_the_third_partys_checks(anchored_item, analyst_client,
                                                                                       tmp_path):
    item, media_files = anchored_item
    folder = unpack(analyst_client.get(f"/api/v1/media-items/{item.pk}/bundle/"), tmp_path)
    chain = folder / "custody" / f"{media_files[0].sha256}.jsonl"
    chain.write_text(chain.read_text().replace('"actor": "worker"', '"actor": "someone else"', 1))
    root = next((folder / "anchors").glob("*/root.txt"))
    root.write_text("0" * 64)
    (folder / "originals" / media_files[1].sha256).write_bytes(b"swapped bytes")

    assert run(folder, "sha256sum", "-c", "SHA256SUMS").returncode != 0
    _, results = openssl_verifies(folder)
    assert all(result.returncode != 0 for result in results)
    checker = run(folder, sys.executable, "-I", "check_bundle.py")
    assert checker.returncode == 1
    assert f"FAIL {media_files[0].sha256}: event #" in checker.stdout
    assert f"FAIL {media_files[1].sha256}: the root is not the one in anchors" in checker.stdout


def test_the_export_is_recorded_in_each_files_custody(anchored_item, analyst_client, analyst):
    item, media_files = anchored_item

    analyst_client.get(f"/api/v1/media-items/{item.pk}/bundle/")

    for media_file in media_files:
        last = media_file.custody_events.order_by("-sequence").first()
        assert (last.action, last.actor, last.detail) == (
            CustodyAction.EXPORTED, analyst.username, {"format": "court-bundle", "media_item": item.pk}
        )


def test_a_partner_gets_the_chains_but_not_graphic_originals_without_graphic_clearance(local_tsa, tmp_path):
    item = MediaItemFactory(tlp=TLP.AMBER, is_graphic=True)
    link = ItemFileFactory(media_item=item, content=b"a graphic video")
    services.anchor_custody()
    client = partner_client(max_tlp=TLP.AMBER, may_see_graphic=False)

    folder = unpack(client.get(f"/api/v1/media-items/{item.pk}/bundle/"), tmp_path)

    sha256 = link.media_file.sha256
    assert not (folder / "originals").exists()
    assert (folder / "custody" / f"{sha256}.jsonl").exists()
    assert json.loads((folder / "items.json").read_text())["items"][0]["files"][0]["original_included"] is False
    assert run(folder, "sha256sum", "-c", "SHA256SUMS").returncode == 0
    assert run(folder, sys.executable, "-I", "check_bundle.py").returncode == 0
    audited = set(AccessAudit.objects.filter(partner=client.partner).values_list("record_type", "record_id"))
    assert {("media_item", str(item.pk)), ("item_file", str(link.pk))} <= audited
    last = link.media_file.custody_events.order_by("-sequence").first()
    assert (last.action, last.actor) == (CustodyAction.EXPORTED, client.partner.name)


def test_a_partner_with_graphic_clearance_gets_the_graphic_original(local_tsa, tmp_path):
    item = MediaItemFactory(tlp=TLP.GREEN, is_graphic=True)
    link = ItemFileFactory(media_item=item, content=b"a graphic video for a cleared partner")
    client = partner_client(max_tlp=TLP.GREEN, may_see_graphic=True)

    folder = unpack(client.get(f"/api/v1/media-items/{item.pk}/bundle/"), tmp_path)

    assert (folder / "originals" / link.media_file.sha256).read_bytes() == b"a graphic video for a cleared partner"
    assert "No chain in this bundle has been anchored yet" in (folder / "README.txt").read_text()


def test_an_item_above_a_partners_clearance_answers_404_and_records_nothing(local_tsa):
    item = MediaItemFactory(tlp=TLP.RED)
    link = ItemFileFactory(media_item=item)
    client = partner_client(max_tlp=TLP.AMBER)
    events = link.media_file.custody_events.count()

    for response in (client.get(f"/api/v1/media-items/{item.pk}/bundle/"),
                     client.post("/api/v1/bundles/", {"items": [item.pk]}, format="json")):
        assert response.status_code == 404

    assert link.media_file.custody_events.count() == events
    assert not AccessAudit.objects.exists()


def test_a_selection_of_items_comes_in_one_bundle_by_post_or_get(anchored_item, analyst_client, tmp_path):
    item, media_files = anchored_item
    other = ItemFileFactory(media_item=MediaItemFactory(), content=b"a second item's video")

    by_post = unpack(analyst_client.post("/api/v1/bundles/", {"items": [item.pk, other.media_item.pk]},
                                         format="json"), tmp_path / "post")
    by_get = unpack(analyst_client.get(f"/api/v1/bundles/?items={other.media_item.pk},{item.pk}"), tmp_path / "get")

    for folder in (by_post, by_get):
        listed = json.loads((folder / "items.json").read_text())["items"]
        assert [entry["id"] for entry in listed] == sorted([item.pk, other.media_item.pk])
        assert len(list((folder / "custody").iterdir())) == 3
        assert run(folder, sys.executable, "-I", "check_bundle.py").returncode == 0


@pytest.mark.parametrize("query", ["?items=", "?items=1,x", "", "?items=-3", f"?items={2**64}"])
def test_a_bad_selection_answers_400(analyst_client, query):
    assert analyst_client.get(f"/api/v1/bundles/{query}").status_code == 400


@pytest.mark.parametrize("body", [{}, {"items": []}, {"items": ["x"]}, {"items": list(range(1, 200))}, [1, 2]])
def test_a_bad_selection_body_answers_400(analyst_client, body):
    assert analyst_client.post("/api/v1/bundles/", body, format="json").status_code == 400


def test_an_item_id_beyond_any_record_answers_404_not_an_error(analyst_client):
    assert analyst_client.get(f"/api/v1/media-items/{2**64}/bundle/").status_code == 404


def test_a_head_request_builds_and_records_nothing(anchored_item, analyst_client):
    item, media_files = anchored_item
    events = media_files[0].custody_events.count()

    response = analyst_client.head(f"/api/v1/media-items/{item.pk}/bundle/")

    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert media_files[0].custody_events.count() == events


def test_anonymous_callers_get_no_bundle(anchored_item, anonymous_client):
    item, _ = anchored_item

    assert anonymous_client.get(f"/api/v1/media-items/{item.pk}/bundle/").status_code in (401, 403)
