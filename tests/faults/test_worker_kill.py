"""kill -9 of Celery worker processes in the middle of 100 enrichment jobs, run by two workers as on two hosts.

Two kills are realistic:
- the prefork pool child alone: the kernel's OOM killer picks the process that holds the memory, and that is
  the child decoding a video, not the small parent; the parent sees WorkerLostError and, with acks_late and
  task_reject_on_worker_lost, gives the message back to Redis at once;
- the whole worker, parent and children together: a host, VM or container dies (`docker kill`, a lost node,
  a cgroup OOM kill). No process is left to give the message back: it waits in Redis's `unacked` hash for the
  visibility timeout (2 h), and the outbox sweeper takes the job back once JOB_LEASE_SECONDS have passed.

SIGKILL of the parent alone (an operator's `kill -9 <pid>`) lies between: its child finishes the job it holds and
exits, and the unacknowledged message comes back after the visibility timeout to find the job already done.

Each kill lands mid-job, deterministically: the test holds the row lock of the file whose job is to be
interrupted, so that job stalls inside its recording transaction (work done, nothing committed) until the kill.
"""

import os
import signal
from contextlib import ExitStack

import pytest
from celery import current_app

from config.queues import Queue
from tests.faults.support import (
    RowLock,
    all_finished,
    child_pids,
    forget_unacked_messages,
    let_lease_run_out,
    let_resend_delay_pass,
    media_file_of,
    outcome,
    poll_until,
    request_jobs,
    require_postgres_and_redis,
    unacked_job_ids,
    unfinished_jobs,
    worker_stalled_on,
)
from tests.integration.workers import logs_of, running_workers

pytestmark = pytest.mark.django_db(transaction=True)

JOBS = 100
# Positions in the queue of the jobs whose pool child is killed mid-job, and of the one the whole worker dies on.
CHILD_KILLS_AT = (10, 25, 40, 55)
WORKER_KILL_AT = 70


def stalled_worker(workers, lock):
    """Wait until one of the workers stalls on the row lock, and return that worker."""
    poll_until(lambda: worker_stalled_on(lock, workers) is not None, timeout=60, explain=lambda: logs_of(workers))
    return worker_stalled_on(lock, workers)


def test_no_job_is_lost_or_recorded_twice_when_workers_are_killed_with_sigkill():
    require_postgres_and_redis()
    job_ids = request_jobs(JOBS, "kill-9")

    with ExitStack() as cleanup:
        locks = {}
        for position in (*CHILD_KILLS_AT, WORKER_KILL_AT):
            locks[position] = RowLock(media_file_of(job_ids[position]))
            cleanup.callback(locks[position].release)

        # Two workers of one pool process each, as on two hosts: the stalled job's worker has one child, the one
        # running it. The other worker goes on with the queue meanwhile.
        with running_workers(2, queues=[Queue.ENRICH], concurrency=1) as first_workers:
            for position in CHILD_KILLS_AT:
                stalled = stalled_worker(first_workers, locks[position])
                (child,) = child_pids(stalled.pid)
                os.kill(child, signal.SIGKILL)
                locks[position].release()
            dying = stalled_worker(first_workers, locks[WORKER_KILL_AT])
            os.killpg(dying.pid, signal.SIGKILL)
            dying.wait()
            locks[WORKER_KILL_AT].release()
        # The survivor stops warmly here: it finishes its job and hands back any message it holds.
    held_by_dead_worker = unacked_job_ids()

    try:
        with running_workers(2, queues=[Queue.ENRICH], concurrency=1) as workers:
            others = [job_id for job_id in job_ids if job_id not in held_by_dead_worker]
            poll_until(
                lambda: all_finished(others), timeout=90, interval=0.1,
                explain=lambda: (unfinished_jobs(others), logs_of(workers)),
            )
            waited_for_sweeper = len(unfinished_jobs(job_ids))
            reruns_before_sweep = outcome(job_ids)["reruns"]
            # The sweeper, sent as beat sends it, once JOB_LEASE_SECONDS have passed for the dead worker's job.
            let_lease_run_out(held_by_dead_worker)
            let_resend_delay_pass(job_ids)
            current_app.send_task("provenance.enrich.resend_unsent_jobs")
            poll_until(
                lambda: all_finished(job_ids), timeout=90, interval=0.1,
                explain=lambda: (unfinished_jobs(job_ids), logs_of(workers)),
            )
    finally:
        forget_unacked_messages()

    result = outcome(job_ids)
    print(
        f"\nkill -9 during {JOBS} jobs on two workers ({len(CHILD_KILLS_AT)} pool children killed mid-job, then a whole "
        f"worker): "
        f"{result['succeeded']}/{JOBS} succeeded, {result['duplicate_enriched_events']} duplicate 'enriched' custody "
        f"events, {result['files_with_extra_jobs']} files with more than one job; {result['reruns']} job runs "
        f"repeated ({reruns_before_sweep} from messages Redis gave back at once after a child kill); "
        f"{waited_for_sweeper} job(s) held by the dead worker waited for the sweeper"
    )
    assert result["succeeded"] == JOBS, result
    assert result["files"] == JOBS
    assert result["files_with_extra_jobs"] == 0
    assert result["files_not_enriched_once"] == 0
    # Every kill interrupted a job that was then taken back exactly once: by redelivery, or by the sweeper.
    assert reruns_before_sweep == len(CHILD_KILLS_AT)
    assert held_by_dead_worker == [job_ids[WORKER_KILL_AT]]
    assert waited_for_sweeper == 1
    assert result["reruns"] == len(CHILD_KILLS_AT) + 1
