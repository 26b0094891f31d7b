"""Health endpoints: is this process up, and can the service do its work (database, broker, workers)?

- /health/live/ answers 200 whenever the process can answer at all: for a container's liveness probe and for
  the load balancer. A web replica can serve reads with the workers down, so a worker outage must not take every
  web replica out of rotation.
- /health/ checks the database, the broker and that every queue has a worker: 200 when all are ok, 503 otherwise.
  Anyone may read which checks pass (a load balancer or an uptime monitor has no login); details (worker names,
  queues, timings, the kind of error) go to staff or to a caller with the operations token only. No URL, host name
  or error message is ever shown: those can carry passwords and the network's layout.

Workers are found with Celery's remote control (`inspect active_queues`, a broadcast each worker answers from its
own consumer loop), so a worker that is up but stuck does not look alive. It works on Redis and on kombu's
filesystem broker. The filesystem broker polls its folders (once a second by default), so its answers arrive late
and HEALTH_WORKER_TIMEOUT_SECONDS must be longer there; it only reaches workers sharing the folder, i.e. on the same
host; and a worker killed without a clean stop leaves its broadcast queue behind, which keeps collecting messages
nobody reads.
"""

import hmac
import threading
import time

from celery import current_app
from django.conf import settings
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.queues import Queue

# One broadcast per process per interval at most: every /health/ call would otherwise wait for worker replies
# and hold a web worker for that long, which an anonymous caller could repeat at will.
_workers_lock = threading.Lock()
_workers_cache = {"until": 0.0, "result": None}


def bearer_token_matches(request, expected):
    """The request carries `Authorization: Bearer <expected>`; compared in constant time. No token set, no match."""
    if not expected:
        return False
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), expected.encode())


def may_see_details(request):
    user = getattr(request, "user", None)
    return bool(user and user.is_active and user.is_staff) or bearer_token_matches(request, settings.OPERATIONS_TOKEN)


def timed(check):
    """Run a check; a failure is reported by the exception's class name only, never its message."""
    started = time.monotonic()
    try:
        detail = check() or {}
        ok = detail.pop("ok", True)
    except Exception as error:  # noqa: BLE001 - any failure of a dependency is a failed check, not a 500
        ok, detail = False, {"error": type(error).__name__}
    return {"ok": ok, "ms": round((time.monotonic() - started) * 1000, 1), **detail}


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_broker():
    """Open a connection and a channel to the broker, as a producer would; no message is sent."""
    with current_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=settings.HEALTH_BROKER_TIMEOUT_SECONDS)
        # Opening the channel is where kombu's Redis transport sends its first command (PING).
        conn.default_channel


def check_workers():
    now = time.monotonic()
    with _workers_lock:
        if _workers_cache["result"] is not None and now < _workers_cache["until"]:
            return dict(_workers_cache["result"])
        replies = current_app.control.inspect(timeout=settings.HEALTH_WORKER_TIMEOUT_SECONDS).active_queues() or {}
        consumers = {queue.value: [] for queue in Queue}
        for worker, queues in replies.items():
            for queue in queues:
                consumers.setdefault(queue["name"], []).append(worker)
        unserved = sorted(name for name, workers in consumers.items() if not workers)
        result = {
            "ok": bool(replies) and not unserved,
            "workers": sorted(replies),
            "queues_without_worker": unserved,
        }
        _workers_cache.update(until=now + settings.HEALTH_WORKERS_CACHE_SECONDS, result=result)
        return dict(result)


CHECKS = {"database": check_database, "broker": check_broker, "workers": check_workers}


@never_cache
@require_GET
@transaction.non_atomic_requests  # ATOMIC_REQUESTS would need the database before the check could report it down
def health(request):
    results = {name: timed(check) for name, check in CHECKS.items()}
    ok = all(result["ok"] for result in results.values())
    if may_see_details(request):
        checks = results
    else:
        checks = {name: {"ok": result["ok"]} for name, result in results.items()}
    return JsonResponse({"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503)


@never_cache
@require_GET
@transaction.non_atomic_requests
def live(request):
    return JsonResponse({"status": "ok"})
