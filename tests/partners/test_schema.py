"""The OpenAPI schema documents partner access: the API key scheme, the new endpoints with examples, the error
answers of every operation, and the fields partners may get as null."""

import re

import pytest
from django.urls import resolve, reverse

from provenance.api.access import AccessPolicyMixin

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(analyst_client):
    return analyst_client.get(reverse("api-v1:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def policy_operations(schema):
    """(path, method, operation) of the views under the API's access policy (not the desk's or the exports')."""
    for path, operations in schema["paths"].items():
        view = resolve(re.sub(r"\{[^}]+\}", "1", path)).func
        if issubclass(getattr(view, "cls", object), AccessPolicyMixin):
            for method, operation in operations.items():
                yield path, method, operation


def test_the_partner_api_key_scheme_is_documented_and_offered_on_every_operation(schema):
    scheme = schema["components"]["securitySchemes"]["PartnerApiKey"]

    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")
    assert "Api-Key <key>" in scheme["description"]
    operations = [operation for _, _, operation in policy_operations(schema)]
    assert len(operations) > 60
    assert all({"PartnerApiKey": []} in operation["security"] for operation in operations)


@pytest.mark.parametrize("path", ["/api/v1/lookup/", "/api/v1/feed/"])
def test_the_lookup_and_the_feed_carry_examples(schema, path):
    operation = schema["paths"][path]["get"]

    assert operation["responses"]["200"]["content"]["application/json"]["examples"]


def test_every_operation_documents_refusal_and_throttling(schema):
    for path, method, operation in policy_operations(schema):
        assert {"401", "403", "429"} <= set(operation["responses"]), f"{method} {path}"
        if "{id}" in path:
            assert "404" in operation["responses"], f"{method} {path}"
    assert "Retry-After" in schema["paths"]["/api/v1/feed/"]["get"]["responses"]["429"]["headers"]


def test_fields_a_partner_may_get_as_null_are_nullable_in_responses(schema):
    components = schema["components"]["schemas"]
    assertion = components["IdentityAssertion"]["properties"]

    assert assertion["named_by"]["nullable"] is True
    assert "name_as_stated" not in assertion or "nullable" not in assertion["name_as_stated"]
    assert components["MediaItem"]["properties"]["created_by"]["nullable"] is True
    assert components["Sighting"]["properties"]["derived_from"]["nullable"] is True
    assert "nullable" not in components["IdentityAssertionRequest"]["properties"]["name_as_stated"]
