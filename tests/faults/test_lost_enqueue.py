"""Committed job rows with no message anywhere: the outbox sweeper sends them again and a worker completes them.

Two crashes leave that state:
- the web process dies between its commit and the on-commit send (or Redis refuses the send);
- a worker is killed right after its BRPOP took the message out of Redis and before kombu recorded it as
  unacknowledged (measured: 3 of 40 whole-worker kills timed just after a job finished lost the next message).
"""

import time

import pytest
from django.core.files.base import ContentFile

from config.queues import Queue
from provenance import jobs, services
from provenance.choices import EnrichmentKind
from provenance.models import EnrichmentJob
from tests.faults.support import (
    all_finished,
    drop_queued_messages,
    let_resend_delay_pass,
    outcome,
    poll_until,
    request_jobs,
    require_postgres_and_redis,
    unfinished_jobs,
)
from tests.integration.workers import logs_of, running_workers

pytestmark = pytest.mark.django_db(transaction=True)

NEVER_SENT = 10
POPPED_BY_A_DEAD_WORKER = 10


def test_the_sweeper_resends_a_batch_of_jobs_that_lost_their_message_and_a_worker_completes_them():
    require_postgres_and_redis()
    never_sent = []
    for number in range(NEVER_SENT):
        media_file = services.receive_file(ContentFile(f"never sent {number}".encode()), f"unsent-{number}.bin")
        # The row committed, the process died before its on-commit send: created without send_on_commit.
        never_sent.append(EnrichmentJob.objects.create(media_file=media_file, kind=EnrichmentKind.HASHES).pk)
    popped = request_jobs(POPPED_BY_A_DEAD_WORKER, "popped")
    assert drop_queued_messages(popped, Queue.ENRICH) == POPPED_BY_A_DEAD_WORKER
    job_ids = never_sent + popped
    # Jobs queued a moment ago are not due yet: the sweeper must leave them (and their messages) alone.
    not_due = request_jobs(5, "recent")

    # Two worker processes, as on two hosts, share the queue.
    with running_workers(2, queues=[Queue.ENRICH]) as workers:
        poll_until(lambda: all_finished(not_due), timeout=60, interval=0.1)
        assert len(unfinished_jobs(job_ids)) == len(job_ids)
        let_resend_delay_pass(job_ids)
        started = time.monotonic()
        resent = jobs.resend_unsent_jobs()
        poll_until(
            lambda: all_finished(job_ids), timeout=60, interval=0.05,
            explain=lambda: (unfinished_jobs(job_ids), logs_of(workers)),
        )
        recovered_in = time.monotonic() - started

    result = outcome(job_ids)
    print(
        f"\nlost enqueue ({NEVER_SENT} rows never sent, {POPPED_BY_A_DEAD_WORKER} messages popped by a dead worker): "
        f"{len(resent)} resent by the sweeper, {result['succeeded']}/{len(job_ids)} succeeded "
        f"{recovered_in:.2f} s after the sweep, {result['duplicate_enriched_events']} duplicate 'enriched' events"
    )
    assert sorted(job_id for _model, job_id in resent) == sorted(job_ids)
    assert result["succeeded"] == len(job_ids), result
    assert result["files_not_enriched_once"] == 0
    assert outcome(not_due)["reruns"] == 0
