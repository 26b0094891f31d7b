"""Hash-list logins: issued apart from API keys, shown once, refused when wrong; bad queries are 4xx, never 5xx."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from catalog.choices import TLP
from catalog.models import HashListCredential
from catalog.services import hashlists
from tests.factories import MediaItemFactory
from tests.partners.factories import PartnerFactory, issue_key

pytestmark = pytest.mark.django_db

TOKEN_URL, LIST_URL = "/hma/tat/token-auth/tcap/", "/hma/tat/api/hash-list/v2/all"


def bearer_for(credential, password):
    response = Client().post(TOKEN_URL, {"username": credential.username, "password": password})
    assert response.status_code == 200
    return response.json()["token"]


def test_the_command_issues_a_login_whose_password_is_shown_once_and_stored_hashed():
    partner = PartnerFactory(name="Platform A")
    out = io.StringIO()

    call_command("issue_hash_list_credential", "Platform A", "--username", "platform-a-hma", stdout=out)

    password = out.getvalue().split("password: ")[1].strip()
    credential = HashListCredential.objects.get(username="platform-a-hma")
    assert credential.partner == partner and password not in credential.password_hash
    assert bearer_for(credential, password)


@pytest.mark.parametrize("body", [{"username": "x"}, {"password": "y"}, {}])
def test_the_token_endpoint_asks_for_both_username_and_password(body):
    assert Client().post(TOKEN_URL, body).status_code == 400


def test_a_wrong_password_an_unknown_user_or_an_api_key_get_no_token():
    partner = PartnerFactory()
    credential, password = hashlists.issue_credential(partner)
    _, api_key = issue_key(partner)

    for username, secret in ((credential.username, password + "x"), ("nobody", password), (credential.username, api_key)):
        response = Client().post(TOKEN_URL, {"username": username, "password": secret})
        assert response.status_code == 401 and "token" not in response.json()


def test_a_json_login_works_and_malformed_json_is_a_400():
    credential, password = hashlists.issue_credential(PartnerFactory())
    client = Client()

    ok = client.post(TOKEN_URL, {"username": credential.username, "password": password}, content_type="application/json")
    broken = client.post(TOKEN_URL, "{nope", content_type="application/json")

    assert ok.status_code == 200 and ok.json()["token"]
    assert broken.status_code == 400


def test_a_deactivated_partners_token_is_refused():
    partner = PartnerFactory()
    credential, password = hashlists.issue_credential(partner)
    token = bearer_for(credential, password)

    partner.is_active = False
    partner.save()

    assert Client().get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


@pytest.mark.parametrize("query", [
    {"after": "1700000000,not-a-cursor"}, {"after": "garbage"}, {"page": "forged"}, {"order": "desc"},
    {"limit": "0"}, {"limit": "lots"},
])
def test_bad_queries_are_refused_with_a_400(query):
    credential, password = hashlists.issue_credential(PartnerFactory())
    token = bearer_for(credential, password)

    response = Client().get(LIST_URL, query, HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 400 and response.json()["error"]


def test_another_partners_checkpoint_is_refused(settings):
    settings.FEED_SETTLE_SECONDS = 0
    MediaItemFactory(tlp=TLP.CLEAR)
    first, second = (hashlists.issue_credential(PartnerFactory()) for _ in range(2))
    checkpoint = Client().get(LIST_URL, HTTP_AUTHORIZATION=f"Bearer {bearer_for(*first)}").json()["checkpoint"]

    assert checkpoint
    response = Client().get(LIST_URL, {"after": checkpoint}, HTTP_AUTHORIZATION=f"Bearer {bearer_for(*second)}")
    assert response.status_code == 400


def test_no_token_is_a_401_with_a_bearer_challenge():
    response = Client().get(LIST_URL)

    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer"


def test_failed_logins_and_bad_tokens_from_one_address_are_throttled_before_any_check(settings):
    settings.API_KEY_FAILURE_RATE = "3/min"
    credential, password = hashlists.issue_credential(PartnerFactory())
    client = Client(REMOTE_ADDR="203.0.113.9")

    answers = [client.post(TOKEN_URL, {"username": credential.username, "password": "wrong"}).status_code
               for _ in range(2)]
    answers.append(client.get(LIST_URL, HTTP_AUTHORIZATION="Bearer not-a-token").status_code)
    refused = client.post(TOKEN_URL, {"username": credential.username, "password": password})
    elsewhere = Client(REMOTE_ADDR="203.0.113.10").post(TOKEN_URL, {"username": credential.username, "password": password})

    assert answers == [401, 401, 401]
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1  # even the right password, for now
    assert elsewhere.status_code == 200
