"""Prometheus metrics: request counts and latencies, and the job backlog read from the database.

GET /metrics is closed by default. It answers a caller with `Authorization: Bearer <OPERATIONS_TOKEN>`, or one
whose address is in METRICS_ALLOWED_NETWORKS and who reached the app directly: a request that came through a
reverse proxy carries X-Forwarded-For, and its REMOTE_ADDR is the proxy's, so the allowlist never applies to it.

Under gunicorn each worker process counts its own requests. Set PROMETHEUS_MULTIPROC_DIR (an empty folder, the
same for all workers, emptied at start) so that any worker answers for all of them; see docs/scale-out.md.
"""

import ipaddress
import os
import time

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Min
from django.http import HttpResponse, HttpResponseForbidden
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from config.health import bearer_token_matches

REQUESTS = Counter(
    "http_requests_total", "HTTP requests answered, by method, URL pattern and status.", ["method", "route", "status"]
)
LATENCY = Histogram(
    "http_request_duration_seconds",
    "Time to answer an HTTP request, by method and URL pattern.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


def route_of(request):
    """The URL pattern, never the raw path: ids and free text in paths would make one series per request."""
    match = getattr(request, "resolver_match", None)
    return match.route if match else "unmatched"


class RequestMetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        route = route_of(request)
        LATENCY.labels(request.method, route).observe(time.perf_counter() - started)
        REQUESTS.labels(request.method, route, str(response.status_code)).inc()
        return response


class JobBacklogCollector:
    """Jobs by kind and status, and the age of the oldest pending one: read at scrape time, the same from any
    process, so a backlog is seen even when the workers that should drain it are down."""

    def collect(self):
        from provenance.choices import JobStatus
        from provenance.jobs import job_models

        counts = GaugeMetricFamily("catalog_jobs", "Queued jobs by kind and status.", labels=["kind", "status"])
        oldest = GaugeMetricFamily(
            "catalog_jobs_oldest_pending_age_seconds", "Age of the oldest pending job, by kind (0 when none).", labels=["kind"]
        )
        now = timezone.now()
        for model in job_models():
            kind = model._meta.label_lower
            by_status = dict(model.objects.values_list("status").annotate(n=Count("pk")).order_by())
            for status in JobStatus.values:
                counts.add_metric([kind, status], by_status.get(status, 0))
            first = model.objects.filter(status=JobStatus.PENDING).aggregate(first=Min("created_at"))["first"]
            oldest.add_metric([kind], (now - first).total_seconds() if first else 0)
        yield counts
        yield oldest


def request_metrics_registry():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


def from_allowed_network(request):
    if "HTTP_X_FORWARDED_FOR" in request.META or "HTTP_FORWARDED" in request.META:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(network, strict=False) for network in settings.METRICS_ALLOWED_NETWORKS)


@never_cache
@require_GET
@transaction.non_atomic_requests
def metrics(request):
    if not (bearer_token_matches(request, settings.OPERATIONS_TOKEN) or from_allowed_network(request)):
        return HttpResponseForbidden()
    jobs = CollectorRegistry(auto_describe=True)
    jobs.register(JobBacklogCollector())
    body = generate_latest(request_metrics_registry()) + generate_latest(jobs)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
