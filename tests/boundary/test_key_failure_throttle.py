"""Failed API keys are counted per client address (API_KEY_FAILURE_RATE): past the rate, every request from that
address carrying an API key is answered 429 with Retry-After, before the key is looked up."""

import datetime as dt
import itertools

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from catalog.api.throttling import client_address
from catalog.choices import TLP
from tests.partners.factories import PartnerFactory, issue_key

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:tags-list")
_addresses = itertools.count(1)


def an_address():
    """An address of its own for each test: the counts live in the cache, which outlives a test."""
    return f"198.51.{next(_addresses)}.{id(object()) % 250 + 1}"


def caller_at(address, key, **headers):
    client = APIClient(REMOTE_ADDR=address, **headers)
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


@pytest.fixture
def three_a_minute(settings):
    settings.API_KEY_FAILURE_RATE = "3/min"


@pytest.fixture
def valid_key():
    return issue_key(PartnerFactory(max_tlp=TLP.GREEN))[1]


def test_after_the_allowed_failures_an_address_is_answered_429_with_retry_after(three_a_minute):
    guesser = caller_at(an_address(), "abcdefgh.not-a-real-secret")

    answers = [guesser.get(URL).status_code for _ in range(3)]
    refused = guesser.get(URL)

    assert answers == [401, 401, 401]
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Too many invalid API keys from this address.")


def test_a_valid_key_from_a_refused_address_is_refused_too_and_no_key_is_looked_up(three_a_minute, valid_key):
    address = an_address()
    for _ in range(3):
        caller_at(address, "abcdefgh.not-a-real-secret").get(URL)

    with CaptureQueriesContext(connection) as queries:
        response = caller_at(address, valid_key).get(URL)

    assert response.status_code == 429
    assert not [query for query in queries if "api_key" in query["sql"].lower()]


def test_other_addresses_and_valid_keys_are_not_affected(three_a_minute, valid_key):
    guesser = an_address()
    for _ in range(4):
        caller_at(guesser, "abcdefgh.not-a-real-secret").get(URL)

    assert caller_at(an_address(), valid_key).get(URL).status_code == 200
    assert caller_at(an_address(), "abcdefgh.not-a-real-secret").get(URL).status_code == 401


def test_successful_requests_do_not_count_as_failures(three_a_minute, valid_key):
    partner = caller_at(an_address(), valid_key)

    assert {partner.get(URL).status_code for _ in range(6)} == {200}


def test_requests_without_an_api_key_are_not_counted_or_refused_by_it(three_a_minute, analyst):
    address = an_address()
    for _ in range(3):
        caller_at(address, "abcdefgh.not-a-real-secret").get(URL)
    analyst_client = APIClient(REMOTE_ADDR=address)
    analyst_client.force_authenticate(analyst)

    assert APIClient(REMOTE_ADDR=address).get(URL).status_code == 401
    assert analyst_client.get(URL).status_code == 200


def test_expired_and_revoked_keys_count_as_failures(three_a_minute):
    partner = PartnerFactory(max_tlp=TLP.GREEN)
    expired_key, expired = issue_key(partner)
    expired_key.expiry_date = timezone.now() - dt.timedelta(days=1)
    expired_key.save()
    revoked_key, revoked = issue_key(partner)
    revoked_key.revoked = True
    revoked_key.save()
    address = an_address()

    answers = [caller_at(address, key).get(URL).status_code for key in (expired, revoked, expired, revoked)]

    assert answers == [401, 401, 401, 429]


def test_an_x_forwarded_for_from_an_untrusted_peer_does_not_choose_the_count(three_a_minute, settings):
    settings.TRUSTED_PROXIES = []
    address = an_address()
    for n in range(3):  # a guesser naming a new address each time still counts against its own
        caller_at(address, "abcdefgh.not-a-real-secret", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").get(URL)

    refused = caller_at(address, "abcdefgh.not-a-real-secret", HTTP_X_FORWARDED_FOR="203.0.113.99").get(URL)

    assert refused.status_code == 429


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_count(three_a_minute, settings, valid_key):
    proxy = an_address()
    settings.TRUSTED_PROXIES = [f"{proxy}/32"]
    guesser, partner = an_address(), an_address()
    for _ in range(3):
        caller_at(proxy, "abcdefgh.not-a-real-secret", HTTP_X_FORWARDED_FOR=guesser).get(URL)

    assert caller_at(proxy, valid_key, HTTP_X_FORWARDED_FOR=f"{guesser}").get(URL).status_code == 429
    assert caller_at(proxy, valid_key, HTTP_X_FORWARDED_FOR=partner).get(URL).status_code == 200


def test_the_count_is_shared_through_redis_when_the_cache_is_redis(redis_url, settings, three_a_minute):
    address = an_address()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url,
            "KEY_PREFIX": f"key-failure-test-{address}",
        }
    }
    redis = cache._cache.get_client()
    pattern = f"*api-key-failures:{address}:*"
    try:
        answers = [caller_at(address, "abcdefgh.not-a-real-secret").get(URL).status_code for _ in range(4)]
        counted = list(redis.scan_iter(pattern))
    finally:
        for key in redis.scan_iter(pattern):  # only this test's keys: the Redis may be shared
            redis.delete(key)

    assert answers == [401, 401, 401, 429]
    assert counted, "the count should live in Redis"


@pytest.mark.parametrize("meta, trusted, address", [
    ({"REMOTE_ADDR": "192.0.2.7"}, [], "192.0.2.7"),
    ({"REMOTE_ADDR": "192.0.2.7", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}, [], "192.0.2.7"),
    ({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}, ["10.0.0.0/8"], "203.0.113.5"),
    ({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.5"}, ["10.0.0.0/8"], "203.0.113.5"),
    ({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "garbage"}, ["10.0.0.0/8"], "10.0.0.2"),
    ({"REMOTE_ADDR": "2001:db8:1:2:3:4:5:6"}, [], "2001:db8:1:2::/64"),
    ({"REMOTE_ADDR": "::ffff:192.0.2.9"}, [], "192.0.2.9"),
    ({"REMOTE_ADDR": ""}, [], "unknown"),
])
def test_the_client_address_is_remote_addr_or_what_a_trusted_proxy_forwarded(settings, meta, trusted, address):
    settings.TRUSTED_PROXIES = trusted

    assert client_address(RequestFactory().get(URL, **meta)) == address
