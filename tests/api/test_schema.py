import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_validates_without_warnings(tmp_path):
    schema_file = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(schema_file))

    schema = schema_file.read_text()
    assert "/api/v1/media-items/{id}/review/:" in schema
    assert "/api/v1/enrichment-jobs/:" in schema


def test_the_schema_documents_relations_as_ids_in_requests_and_summaries_in_responses(analyst_client):
    schema = analyst_client.get(reverse("api-v1:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
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
