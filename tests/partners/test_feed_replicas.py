"""Two API replicas (two processes) write changes at once while a partner pages the feed by cursor: every entry
arrives exactly once and in feed order, none skipped because a lower position committed after a higher one."""

import json
import subprocess
import sys
import time

import pytest
from django.db import connection
from django.urls import reverse

from catalog.choices import TLP
from catalog.models import ChangeFeedEntry
from tests.conftest import require_service
from tests.factories import AnalystFactory, MediaItemFactory
from tests.integration.workers import PROJECT_DIR, worker_environment

pytestmark = pytest.mark.django_db(transaction=True)

URL = reverse("api-v1:feed")
ITEMS_PER_REPLICA = 40
# Far longer than a writer keeps a transaction open after its entry (at most 0.15 s), far shorter than the default.
SETTLE_SECONDS = 5


def start_writer(user, seed):
    return subprocess.Popen(
        [sys.executable, "-m", "tests.partners.feed_writer", str(user.pk), str(ITEMS_PER_REPLICA), seed],
        cwd=PROJECT_DIR, env=worker_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


class Pager:
    """A partner's mirror paging the feed by cursor, as often as it likes."""

    def __init__(self, client):
        self.client, self.cursor, self.seen = client, None, []

    def read(self):
        """One page; True when the feed said more can be read now."""
        page = self.client.get(URL, {"limit": 3, **({"cursor": self.cursor} if self.cursor else {})}).json()
        self.seen += [(entry["record_type"], entry["id"]) for entry in page["results"]]
        self.cursor = page["next_cursor"]
        return page["has_more"]


def committed_out_of_order(written):
    """How many entries committed after an entry with a higher position had committed."""
    position = {
        int(entry.record_id): entry.pk
        for entry in ChangeFeedEntry.objects.filter(record_type="media_item", record_id__in=[str(w["item"]) for w in written])
    }
    by_position = sorted(written, key=lambda w: position[w["item"]])
    latest_commit, late = 0, 0
    for write in by_position:
        late += write["committed_at"] < latest_commit
        latest_commit = max(latest_commit, write["committed_at"])
    return late


def test_a_partner_paging_while_two_replicas_write_sees_every_entry_once_and_in_order(partner_client, settings):
    require_service("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")
    settings.FEED_SETTLE_SECONDS = SETTLE_SECONDS
    pager = Pager(partner_client)
    # Start after an entry of our own, once it has settled: positions before it are other tests' gaps.
    MediaItemFactory(tlp=TLP.CLEAR)
    deadline = time.monotonic() + SETTLE_SECONDS + 30
    while not pager.seen and time.monotonic() < deadline:
        pager.read()
        time.sleep(0.2)
    start = len(pager.seen)
    user = AnalystFactory()

    writers = [start_writer(user, seed) for seed in ("replica-a", "replica-b")]
    pages_while_writing = 0
    while any(writer.poll() is None for writer in writers):
        if not pager.read():
            time.sleep(0.02)
        pages_while_writing += 1
    outputs = [writer.communicate() for writer in writers]
    assert all(writer.returncode == 0 for writer in writers), [err for _out, err in outputs]
    written = [write for out, _err in outputs for write in json.loads(out.strip().splitlines()[-1])]
    expected_positions = ChangeFeedEntry.objects.filter(
        record_type="media_item", record_id__in=[str(write["item"]) for write in written]
    ).order_by("pk")
    expected = [("media_item", int(record_id)) for record_id in expected_positions.values_list("record_id", flat=True)]
    deadline = time.monotonic() + SETTLE_SECONDS + 30
    while len(pager.seen) - start < len(expected) and time.monotonic() < deadline:
        if not pager.read():
            time.sleep(0.2)

    late = committed_out_of_order(written)
    print(f"\n{len(written)} items written by two replicas, {late} committed after a higher position; the partner "
          f"read {pages_while_writing} pages while they wrote")
    assert late > 0  # the hazard really happened
    assert pages_while_writing > 1
    assert pager.seen[start:] == expected
