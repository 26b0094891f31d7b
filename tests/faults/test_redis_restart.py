"""A Redis restart (append-only file on, as in docker-compose.yml) in the middle of 100 enrichment jobs.

The machine's Redis is shared and has no persistence, so the test starts a redis-server of its own with
`--appendonly yes` in a temporary folder and points a producer process and two worker processes at it. The restart is
a SIGTERM and a start on the same folder: what `docker restart` or systemd does.

The append-only file keeps every message that was in Redis. A message can still be stranded in flight: the
worker's BRPOP takes it out of the list and kombu records it as unacknowledged with a second command. When the
connection drops between the two, only the worker's memory had it; when it drops after both, the worker forgets it
on reconnecting while Redis keeps it in `unacked` until the visibility timeout (two hours). Either way its job stays
pending, and the outbox sweeper sends it again after JOB_RESEND_AFTER_SECONDS.
"""

import time

import pytest

from config.queues import Queue
from provenance.choices import JobStatus
from tests.faults.support import (
    Quiet,
    all_finished,
    let_resend_delay_pass,
    outcome,
    poll_until,
    require_postgres_and_redis,
    run_producer,
    status_counts,
    unacked_job_ids,
    unfinished_jobs,
)
from tests.integration.workers import logs_of, running_workers

pytestmark = pytest.mark.django_db(transaction=True)

JOBS = 100
RESTART_AFTER = 30


def test_every_job_completes_when_redis_restarts_mid_run(own_redis, settings):
    require_postgres_and_redis()
    # worker_environment() hands REDIS_URL from the settings to the processes it starts.
    settings.REDIS_URL = own_redis.url
    # Queued before the worker starts, so the restart finds most of them still in Redis.
    job_ids = run_producer("request", JOBS, "redis-restart")

    # Two worker processes, as on two hosts, both lose their connection at the restart.
    with running_workers(2, queues=[Queue.ENRICH]) as workers:
        poll_until(lambda: status_counts(job_ids).get(JobStatus.SUCCEEDED, 0) >= RESTART_AFTER, timeout=60)
        done_before = status_counts(job_ids).get(JobStatus.SUCCEEDED, 0)
        started = time.monotonic()
        own_redis.stop()
        own_redis.start()
        down_for = time.monotonic() - started
        poll_until(
            Quiet(job_ids, own_redis.url, Queue.ENRICH), timeout=120, interval=0.1,
            explain=lambda: (unfinished_jobs(job_ids), logs_of(workers)),
        )
        done_by_redelivery = time.monotonic() - started
        stranded = [job["pk"] for job in unfinished_jobs(job_ids)]
        stranded_in_unacked = set(stranded) & set(unacked_job_ids(own_redis.url))
        # What is left has no message anywhere: the sweeper, once its delay has passed, sends it again.
        let_resend_delay_pass(job_ids)
        resent = run_producer("sweep")
        poll_until(
            lambda: all_finished(job_ids), timeout=60, interval=0.1,
            explain=lambda: (unfinished_jobs(job_ids), logs_of(workers)),
        )

    result = outcome(job_ids)
    print(
        f"\nRedis (AOF) restarted after {done_before}/{JOBS} jobs, down {down_for:.2f} s: {result['succeeded']}/{JOBS} "
        f"succeeded, {result['duplicate_enriched_events']} duplicate 'enriched' events, {result['reruns']} re-runs; "
        f"{JOBS - len(stranded)} done from Redis within {done_by_redelivery:.1f} s of the restart, "
        f"{len(stranded)} stranded in flight ({len(stranded_in_unacked)} of them held in 'unacked'), "
        f"{len(resent)} sent again by the sweeper"
    )
    assert result["succeeded"] == JOBS, result
    assert result["files_with_extra_jobs"] == 0
    assert result["files_not_enriched_once"] == 0
