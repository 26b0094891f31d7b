"""The web side of a fault test, run in a process of its own with a worker's environment (and so its broker).

    python -m tests.faults.producer request COUNT SEED   # receive COUNT small files, queue them; print job ids
    python -m tests.faults.producer sweep                # run the outbox sweeper once; print the job ids resent

A test process's Celery app keeps the broker its settings were imported with; a separate process lets a test
aim the producer at a Redis of its own.
"""

import json
import sys

import django


def main(command, *args):
    django.setup()
    from provenance import jobs
    from tests.faults.support import request_jobs

    if command == "request":
        print(json.dumps(request_jobs(int(args[0]), args[1])))
    elif command == "sweep":
        print(json.dumps([job_id for _model, job_id in jobs.resend_unsent_jobs()]))
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(*sys.argv[1:])
