import pytest
from django.core.management import call_command
from django.urls import reverse
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_validates_without_warnings(tmp_path):
    schema_file = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(schema_file))

    schema = schema_file.read_text()
    assert "/api/v1/media-items/{id}/review/:" in schema
    assert "/api/v1/enrichment-jobs/:" in schema


def served_schema(client):
    return client.get(reverse("api-v1:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def test_the_served_openapi_document_passes_openapi_spec_validator(analyst_client):
    validate(served_schema(analyst_client))


def test_the_validator_checks_uri_formats_of_defaults():
    """Without a URI checker (rfc3986-validator) jsonschema skips `format: uri`, and the test above would miss it."""
    document = {
        "openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {"Page": {"type": "object", "properties": {
            "url": {"type": "string", "format": "uri", "default": ""},
        }}}},
    }

    with pytest.raises(OpenAPIValidationError, match="is not a 'uri'"):
        validate(document)


def test_the_schema_documents_relations_as_ids_in_requests_and_summaries_in_responses(analyst_client):
    schema = served_schema(analyst_client)
    components = schema["components"]["schemas"]

    assert components["MediaItemDetailRequest"]["properties"]["producer"]["type"] == "integer"
    assert "#/components/schemas/OrganizationSummary" in str(components["MediaItem"]["properties"]["producer"])
    assert components["OrganizationRequest"]["properties"]["aliases"]["items"]["type"] == "string"
    assert components["Organization"]["properties"]["aliases"]["items"]["$ref"].endswith("/Name")


@pytest.mark.parametrize("name", ["api-v1:schema", "api-v1:docs"])
def test_schema_and_docs_are_for_analysts_only(anonymous_client, outsider_client, analyst_client, name):
    url = reverse(name)

    assert anonymous_client.get(url).status_code in (401, 403)
    assert outsider_client.get(url).status_code == 403
    assert analyst_client.get(url).status_code == 200


def test_the_docs_page_loads_its_assets_from_this_server(analyst_client):
    page = analyst_client.get(reverse("api-v1:docs")).content.decode()

    assert "drf_spectacular_sidecar" in page
    assert "cdn.jsdelivr.net" not in page
