"""schemathesis against the OpenAPI schema, through the WSGI app, as an analyst and as a partner: no answer is a
server error (5xx) and every status code is one the schema documents. Bounded: a few examples an operation.
Each caller is also run as a browser asks (`Accept: text/html`): analysts then get the browsable API, partners
JSON (catalog/api/negotiation.py); fewer examples there, as the HTML run mostly exercises rendering.

It covers the operations of the views under the API's access policy (provenance.api.access: the catalogue's
records, evidence files, lookup, feed, caller); other endpoints in the schema (the desk's, exports) are their own
authors' to check."""

import re

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from catalog.choices import TLP
from provenance.api.access import AccessPolicyMixin
from tests.factories import ClaimFactory, IdentityAssertionFactory, ItemFileFactory, MediaItemFactory, SightingFactory
from tests.partners.factories import PartnerFactory, issue_key

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(600)]

EXAMPLES_PER_OPERATION = 20
HTML_EXAMPLES_PER_OPERATION = 5
BROWSER = {"Accept": "text/html"}
CHECKS = [not_a_server_error, status_code_conformance]


@pytest.fixture
def wsgi_app():
    """The project's WSGI app, kept from closing the test's database connection after each request (as Django's
    test client does)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def catalogue():
    for tlp in (TLP.CLEAR, TLP.GREEN, TLP.RED):
        item = MediaItemFactory(tlp=tlp)
        SightingFactory(media_item=item)
        IdentityAssertionFactory(media_item=item)
        ClaimFactory(media_item=item, tlp=tlp)
        ItemFileFactory(media_item=item)


@pytest.fixture
def analyst_headers(analyst):
    return {"Authorization": f"Token {Token.objects.create(user=analyst).key}"}


@pytest.fixture
def partner_headers():
    partner = PartnerFactory(max_tlp=TLP.GREEN, may_see_identities=True)
    return {"Authorization": f"Api-Key {issue_key(partner)[1]}"}


def under_access_policy(operation):
    view = resolve(re.sub(r"\{[^}]+\}", "1", operation.path)).func
    return issubclass(getattr(view, "cls", object), AccessPolicyMixin)


def run_every_operation(schema, headers, examples=EXAMPLES_PER_OPERATION):
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    covered = [operation for operation in operations if under_access_policy(operation)]
    assert len(covered) > 60, "the access policy's operations should all be found"
    for operation in covered:

        @settings(
            max_examples=examples, deadline=None, database=None, derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            check()
        except (Exception, BaseExceptionGroup) as failure:  # every operation is tried; all failures are reported
            failures.append(f"{operation.method.upper()} {operation.path}: {str(failure)[:2000]}")
    return failures


@pytest.mark.parametrize("who", ["analyst", "partner"])
def test_no_operation_answers_a_server_error_or_an_undocumented_status(
    wsgi_app, catalogue, analyst_headers, partner_headers, who
):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app, headers=analyst_headers)
    headers = analyst_headers if who == "analyst" else partner_headers

    failures = run_every_operation(schema, headers)

    assert failures == [], "\n\n".join(failures)


@pytest.mark.parametrize("who", ["analyst", "partner"])
def test_no_operation_answers_a_server_error_or_an_undocumented_status_to_a_browser(
    wsgi_app, catalogue, analyst_headers, partner_headers, who
):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app, headers=analyst_headers)
    headers = {**(analyst_headers if who == "analyst" else partner_headers), **BROWSER}

    failures = run_every_operation(schema, headers, examples=HTML_EXAMPLES_PER_OPERATION)

    assert failures == [], "\n\n".join(failures)
