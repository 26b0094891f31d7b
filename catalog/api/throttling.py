"""Requests per partner API key, over a fixed window: ``PARTNER_THROTTLE_RATE`` (default "600/min").

The count lives in Django's default cache and is raised with ``cache.incr``, which is atomic in Redis and in the
per-process LocMem cache alike. With LocMem each server process counts on its own (N processes let a key make
up to N times the rate); configure CACHES with Django's RedisCache to count across processes. A refused request
is answered 429 with Retry-After: the seconds until the window ends. Analysts are not throttled here.
"""

import time

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

DEFAULT_RATE = "600/min"
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """'600/min' → (600, 60). The period's first letter counts: s, m, h or d."""
    count, _, period = rate.partition("/")
    try:
        return int(count), PERIODS[period.strip()[0].lower()]
    except (ValueError, KeyError, IndexError):
        raise ValueError(f"PARTNER_THROTTLE_RATE must look like '600/min', not {rate!r}.") from None


class PartnerKeyThrottle(BaseThrottle):
    cache_prefix = "partner-throttle"

    def allow_request(self, request, view):
        from catalog.api.clearance import caller_of

        caller = caller_of(request)
        if not caller.is_partner:
            return True
        limit, period = parse_rate(getattr(settings, "PARTNER_THROTTLE_RATE", DEFAULT_RATE))
        now = time.time()
        window = int(now // period)
        self.window_ends = (window + 1) * period - now
        key = f"{self.cache_prefix}:{caller.key_prefix}:{period}:{window}"
        return self._count(key, period) <= limit

    def _count(self, key, period):
        cache.add(key, 0, timeout=period + 1)
        try:
            return cache.incr(key)
        except ValueError:  # the key expired between add and incr
            cache.add(key, 1, timeout=period + 1)
            return 1

    def wait(self):
        return self.window_ends


PARTNER_THROTTLES = [PartnerKeyThrottle]
