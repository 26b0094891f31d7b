"""The OpenAPI schema and the Swagger page take the API's credentials: a partner's key reads both, like analysts'
sessions; anonymous callers get neither (catalog/api/docs.py)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from catalog.choices import TLP
from tests.partners.conftest import key_client
from tests.partners.factories import PartnerFactory, issue_key

pytestmark = pytest.mark.django_db

SCHEMA = reverse("api-v1:schema")
DOCS = reverse("api-v1:docs")


@pytest.fixture
def partner():
    return key_client(issue_key(PartnerFactory(max_tlp=TLP.GREEN))[1])


def test_a_partners_key_reads_the_openapi_schema(partner):
    response = partner.get(SCHEMA, {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/lookup/" in schema["paths"]
    assert "PartnerApiKey" in schema["components"]["securitySchemes"]


def test_a_partners_key_reads_the_docs_page_and_its_script(partner):
    page = partner.get(DOCS)
    script = partner.get(DOCS, {"script": ""})

    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    assert "swagger-ui" in page.content.decode()
    assert script.status_code == 200
    assert SCHEMA in script.content.decode()


def test_an_analysts_session_reads_the_docs_page(analyst):
    client = APIClient()
    client.force_login(analyst)

    assert client.get(DOCS).status_code == 200
    assert client.get(SCHEMA).status_code == 200


@pytest.mark.parametrize("url", [SCHEMA, DOCS])
def test_anonymous_callers_get_neither_the_schema_nor_the_docs(url):
    response = APIClient().get(url)

    assert response.status_code in (401, 403)
    assert b"/api/v1/lookup/" not in response.content


@pytest.mark.parametrize("url", [SCHEMA, DOCS])
def test_an_invalid_key_is_refused_on_the_schema_and_the_docs(url):
    response = key_client("not.a-key").get(url)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"
