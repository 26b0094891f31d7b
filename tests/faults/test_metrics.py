"""GET /metrics: closed by default, open to the operations token or an allowed network reached directly."""

import re

import pytest
from django.test import Client

from tests.faults.support import request_jobs

pytestmark = pytest.mark.django_db

TOKEN = "metrics-test-token-0123456789abcdef"


@pytest.fixture(autouse=True)
def operations_token(settings):
    settings.OPERATIONS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_NETWORKS = []


def scrape(client=None, **headers):
    return (client or Client()).get("/metrics", **headers)


def with_token():
    return {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


def sample(body, name, **labels):
    """The value of one series in the exposition text, or None."""
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    match = re.search(rf"^{name}\{{{re.escape(wanted)}\}} (\S+)$", body, re.M)
    return float(match.group(1)) if match else None


def test_metrics_are_closed_to_anonymous_callers_wrong_tokens_and_logged_in_users(analyst):
    logged_in = Client()
    logged_in.force_login(analyst)

    assert scrape().status_code == 403
    assert scrape(HTTP_AUTHORIZATION="Bearer not-the-token").status_code == 403
    assert scrape(HTTP_AUTHORIZATION=TOKEN).status_code == 403  # no scheme
    assert scrape(logged_in).status_code == 403


def test_metrics_are_closed_when_no_token_is_configured(settings):
    settings.OPERATIONS_TOKEN = ""

    assert scrape(HTTP_AUTHORIZATION="Bearer ").status_code == 403


def test_metrics_count_requests_by_url_pattern_and_show_the_job_backlog(analyst):
    request_jobs(3, "metrics")  # pending: their on-commit send never happens inside this test's transaction
    api = Client()
    api.force_login(analyst)
    before = sample(scrape(**with_token()).content.decode(), "http_requests_total", method="GET", route="health/live/", status="200") or 0
    Client().get("/health/live/")
    api.get("/api/v1/channels/987654/")

    response = scrape(**with_token())
    body = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert sample(body, "http_requests_total", method="GET", route="health/live/", status="200") == before + 1
    # The path's id never becomes a label: one series per URL pattern, not one per request. (Only label values are
    # read: a sample's value, such as a byte count, may hold those digits by chance.)
    assert not [labels for labels in re.findall(r"\{([^}]*)\}", body) if "987654" in labels]
    assert re.search(r'^http_request_duration_seconds_bucket\{.*route="api/v1/', body, re.M)
    assert sample(body, "catalog_jobs", kind="provenance.enrichmentjob", status="pending") == 3
    assert sample(body, "catalog_jobs", kind="provenance.enrichmentjob", status="succeeded") == 0
    assert sample(body, "catalog_jobs_oldest_pending_age_seconds", kind="provenance.enrichmentjob") >= 0


def test_an_allowed_network_may_scrape_directly_but_not_through_a_proxy(settings):
    settings.METRICS_ALLOWED_NETWORKS = ["10.20.0.0/16"]

    assert scrape(REMOTE_ADDR="10.20.3.4").status_code == 200
    assert scrape(REMOTE_ADDR="10.21.3.4").status_code == 403
    # Through the proxy, REMOTE_ADDR is the proxy's own (inside the network); the header gives it away.
    assert scrape(REMOTE_ADDR="10.20.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 403
