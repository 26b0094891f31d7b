"""Partners authenticate with an API key: ``Authorization: Api-Key <prefix>.<secret>``.

Keys are made by ``manage.py issue_partner_key`` (or the admin), stored hashed, and may expire or be revoked
(djangorestframework-api-key). A key of an inactive partner is refused like an unknown one. Analysts keep
session and token authentication; a request without an API key goes on to those.

Every refused key counts against the client's address (catalog.api.throttling.KeyFailureThrottle,
``API_KEY_FAILURE_RATE``); an address past that rate is answered 429 with Retry-After for any API key it sends,
before the key is looked up or hashed, so keys cannot be guessed at speed.
"""

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.settings import api_settings
from rest_framework_api_key.permissions import KeyParser

from catalog.api.throttling import KeyFailureThrottle
from catalog.models import PartnerAPIKey


class PartnerUser(AnonymousUser):
    """`request.user` of a partner's request: authenticated, but no account of this site (no staff, no groups)."""

    def __init__(self, partner):
        self.partner = partner
        self.username = f"partner:{partner.name}"

    def __str__(self):
        return self.username

    @property
    def is_anonymous(self):
        return False

    @property
    def is_authenticated(self):
        return True


class PartnerAPIKeyAuthentication(BaseAuthentication):
    keyword = KeyParser.keyword
    key_parser = KeyParser()
    refusal = "Invalid, expired or revoked API key."
    too_many_failures = "Too many invalid API keys from this address."

    def authenticate(self, request):
        key = self.key_parser.get(request)
        if key is None:
            return None
        failures = KeyFailureThrottle(request)
        wait = failures.wait()
        if wait is not None:
            raise exceptions.Throttled(wait, detail=self.too_many_failures)
        try:
            api_key = PartnerAPIKey.objects.get_from_key(key)
        except PartnerAPIKey.DoesNotExist:
            api_key = None
        # get_from_key checks the hash and revocation; is_valid adds expiry, which we check on the same row.
        if api_key is None or api_key.has_expired or not api_key.partner.is_active:
            failures.failed()
            raise exceptions.AuthenticationFailed(self.refusal)
        return PartnerUser(api_key.partner), api_key

    def authenticate_header(self, request):
        return self.keyword


def _caller_authentication():
    partner = [PartnerAPIKeyAuthentication]
    return partner + [cls for cls in api_settings.DEFAULT_AUTHENTICATION_CLASSES if cls not in partner]


# Partners' API keys first (so a request without credentials is answered 401 with `WWW-Authenticate: Api-Key`),
# then the configured authentication of analysts (session, token).
CALLER_AUTHENTICATION = _caller_authentication()


class PartnerAPIKeyScheme(OpenApiAuthenticationExtension):
    target_class = PartnerAPIKeyAuthentication
    name = "PartnerApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "Partners: `Api-Key <key>`, the key issued to the partner organisation. Partners read within their "
                "clearance (TLP, identity details); records above it are answered as if they did not exist."
            ),
        }
