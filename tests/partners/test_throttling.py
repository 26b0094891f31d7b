"""Requests per partner API key: PARTNER_THROTTLE_RATE, answered 429 with Retry-After beyond it."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from catalog.api.throttling import parse_rate
from tests.partners.conftest import key_client
from tests.partners.factories import issue_key

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:tags-list")


@pytest.fixture
def three_an_hour(settings):
    settings.PARTNER_THROTTLE_RATE = "3/hour"


def test_a_key_beyond_its_rate_is_answered_429_with_retry_after(partner_client, three_an_hour):
    answers = [partner_client.get(URL).status_code for _ in range(4)]
    refused = partner_client.get(URL)

    assert answers == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600


def test_each_key_has_its_own_count(partner_client, three_an_hour):
    for _ in range(3):
        partner_client.get(URL)
    other_key_of_the_same_partner = key_client(issue_key(partner_client.partner)[1])

    assert partner_client.get(URL).status_code == 429
    assert other_key_of_the_same_partner.get(URL).status_code == 200


def test_analysts_are_not_throttled_by_the_partner_rate(analyst_client, three_an_hour):
    assert {analyst_client.get(URL).status_code for _ in range(5)} == {200}


def test_the_count_is_shared_through_redis_when_the_cache_is_redis(partner_client, redis_url, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"throttle-test-{partner_client.api_key.prefix}",
        }
    }
    settings.PARTNER_THROTTLE_RATE = "2/hour"
    redis = cache._cache.get_client()
    pattern = f"*partner-throttle:{partner_client.api_key.prefix}*"
    try:
        answers = [partner_client.get(URL).status_code for _ in range(3)]
        counted = list(redis.scan_iter(pattern))
    finally:
        for key in redis.scan_iter(pattern):  # only this test's keys: the Redis may be shared
            redis.delete(key)

    assert answers == [200, 200, 429]
    assert counted, "the count should live in Redis"


@pytest.mark.parametrize("rate, parsed", [("600/min", (600, 60)), ("5/s", (5, 1)), ("100/day", (100, 86400))])
def test_rates_read_like_drfs(rate, parsed):
    assert parse_rate(rate) == parsed


def test_a_malformed_rate_is_an_error():
    with pytest.raises(ValueError, match="600/min"):
        parse_rate("lots")
