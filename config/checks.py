"""Start-up checks for settings that are harmless in tests and only bite under load or after a crash.

Redis hands a message that was taken but never acknowledged to another worker once the visibility timeout has
passed. With acks_late, a message stays unacknowledged while its task runs and, for a retry, while it waits for
its countdown (Celery keeps ETA messages unacknowledged). If the visibility timeout is shorter than either, Redis
gives the message to a second worker while the first still holds it, and the job runs twice at once.

The job lease plays the same part for the outbox sweeper: a running job whose lease has run out is sent again,
so the lease must outlast the longest task time limit too.

`manage.py check` (and `migrate`, which web containers run first) reports these as errors; a Celery worker
refuses to start with them. config.apps imports this module when Django is ready, which registers both.
"""

from celery import signals
from django.conf import settings
from django.core import checks

# Kombu's default visibility timeout for Redis when the transport options give none.
REDIS_DEFAULT_VISIBILITY_TIMEOUT = 60 * 60
# Celery's default delay before a retry when a task sets no backoff.
CELERY_DEFAULT_RETRY_DELAY = 3 * 60


def visibility_timeout():
    """The broker's visibility timeout in seconds, or None for a transport that redelivers no other way."""
    url = settings.CELERY_BROKER_URL or ""
    if not url.startswith(("redis://", "rediss://", "sentinel://", "redis+socket://")):
        # The filesystem transport never redelivers an unacknowledged message: there is nothing to compare.
        return None
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", None) or {}
    return options.get("visibility_timeout", REDIS_DEFAULT_VISIBILITY_TIMEOUT)


def registered_tasks():
    """Every task of the project, imported the way a worker imports them."""
    from django.utils.module_loading import autodiscover_modules

    from config.celery_app import app

    # What app.autodiscover_tasks() finds, imported without Celery's import signal: that signal runs the Django
    # checks again from a worker, and so would come back here.
    autodiscover_modules("tasks")
    return [task for name, task in app.tasks.items() if not name.startswith("celery.")]


def longest_time_limit(tasks):
    """The longest hard time limit any task may run for (a task's own limit wins over the setting)."""
    default = getattr(settings, "CELERY_TASK_TIME_LIMIT", None)
    limits = [task.time_limit or default for task in tasks] + [default]
    return max((limit for limit in limits if limit), default=None)


def longest_retry_countdown(tasks):
    """The longest countdown an automatic retry may wait, with exponential backoff at its cap."""
    countdowns = []
    for task in tasks:
        if not getattr(task, "autoretry_for", ()):
            continue
        if getattr(task, "retry_backoff", False):
            countdowns.append(task.retry_backoff_max)
        else:
            countdowns.append(task.default_retry_delay or CELERY_DEFAULT_RETRY_DELAY)
    return max(countdowns, default=0)


def celery_timing_errors(tasks=None):
    tasks = registered_tasks() if tasks is None else tasks
    errors = []
    time_limit = longest_time_limit(tasks)
    visibility = visibility_timeout()
    if visibility is not None:
        if time_limit is None:
            errors.append(
                checks.Error(
                    "Celery tasks have no time limit, so a task may outlast the broker's visibility timeout "
                    f"({visibility} s) and run twice.",
                    hint="Set CELERY_TASK_TIME_LIMIT below the visibility timeout.",
                    id="config.E001",
                )
            )
        elif visibility <= time_limit:
            errors.append(
                checks.Error(
                    f"The broker's visibility timeout ({visibility} s) is not longer than the longest task time "
                    f"limit ({time_limit} s): Redis would hand a running task to a second worker.",
                    hint='Raise CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] or lower the time limit.',
                    id="config.E001",
                )
            )
        countdown = longest_retry_countdown(tasks)
        if visibility <= countdown:
            errors.append(
                checks.Error(
                    f"The broker's visibility timeout ({visibility} s) is not longer than the longest retry "
                    f"countdown ({countdown} s): a retry waiting for its turn would be delivered twice.",
                    hint='Raise CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] or lower retry_backoff_max.',
                    id="config.E002",
                )
            )
    lease = getattr(settings, "JOB_LEASE_SECONDS", None)
    if lease is not None and time_limit is not None and lease <= time_limit:
        errors.append(
            checks.Error(
                f"JOB_LEASE_SECONDS ({lease} s) is not longer than the longest task time limit ({time_limit} s): "
                "the sweeper would send a job again while its worker still runs it.",
                hint="Raise JOB_LEASE_SECONDS above CELERY_TASK_TIME_LIMIT.",
                id="config.E003",
            )
        )
    return errors


@checks.register("celery")
def check_celery_timing(app_configs=None, **kwargs):
    return celery_timing_errors()


@signals.worker_init.connect
def refuse_to_start_with_unsafe_timing(**kwargs):
    """A worker whose broker could hand its running tasks to another worker must not start at all.

    Celery swallows exceptions from signal handlers; SystemExit is not an Exception, so it stops the worker.
    """
    errors = celery_timing_errors()
    if errors:
        raise SystemExit("Refusing to start the worker:\n" + "\n".join(f"{e.id}: {e.msg}" for e in errors))
