"""Partners authenticate with `Authorization: Api-Key <key>`; analysts keep session and token authentication."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from catalog.choices import TLP
from catalog.models import PartnerAPIKey
from tests.factories import MediaItemFactory
from tests.partners.conftest import key_client
from tests.partners.factories import PartnerFactory, issue_key

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api-v1:media-items-list")


def test_a_partner_reads_with_a_valid_key():
    item = MediaItemFactory(tlp=TLP.CLEAR)
    _, key = issue_key(PartnerFactory())

    response = key_client(key).get(LIST_URL)

    assert response.status_code == 200
    assert [row["id"] for row in response.data["results"]] == [item.pk]


def test_the_key_is_stored_only_as_a_hash():
    api_key, key = issue_key(PartnerFactory())

    stored = PartnerAPIKey.objects.get(pk=api_key.pk)
    assert key not in (stored.hashed_key, stored.id)
    assert key.startswith(stored.prefix + ".")


@pytest.mark.parametrize(
    "header",
    ["Api-Key nonsense", "Api-Key abc.def", "Api-Key ", "Api-Key x" * 50],
)
def test_an_unknown_key_is_refused_with_401_and_the_api_key_challenge(header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)

    response = client.get(LIST_URL)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"


def test_a_key_with_a_wrong_secret_is_refused():
    _, key = issue_key(PartnerFactory())
    prefix, _, _ = key.partition(".")

    assert key_client(f"{prefix}.not-the-secret").get(LIST_URL).status_code == 401


def test_an_expired_key_is_refused():
    api_key, key = issue_key(PartnerFactory(), expires_in_days=1)
    PartnerAPIKey.objects.filter(pk=api_key.pk).update(expiry_date=timezone.now() - dt.timedelta(seconds=1))

    assert key_client(key).get(LIST_URL).status_code == 401


def test_a_revoked_key_is_refused():
    api_key, key = issue_key(PartnerFactory())
    api_key.revoked = True
    api_key.save()

    assert key_client(key).get(LIST_URL).status_code == 401


def test_the_key_of_an_inactive_partner_is_refused():
    partner = PartnerFactory()
    _, key = issue_key(partner)
    partner.is_active = False
    partner.save()

    response = key_client(key).get(LIST_URL)

    assert response.status_code == 401
    assert "Invalid, expired or revoked API key." in str(response.data["detail"])


def test_a_request_without_credentials_is_challenged_for_a_key(anonymous_client):
    response = anonymous_client.get(LIST_URL)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"


def test_analysts_keep_token_authentication(analyst):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=analyst).key}")

    assert client.get(LIST_URL).status_code == 200


def test_analysts_keep_session_authentication(analyst):
    client = APIClient()
    client.force_login(analyst)

    assert client.get(LIST_URL).status_code == 200


def test_a_partner_is_not_taken_for_an_analyst_by_the_review_history(partner_client):
    assert partner_client.get(reverse("api-v1:review-events-list")).status_code == 403
