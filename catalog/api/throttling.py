"""Request rates of the API, each counted over a fixed window in Django's default cache.

* ``PARTNER_THROTTLE_RATE`` (default "600/min"): requests per partner API key (``PartnerKeyThrottle``).
  Analysts are not throttled here.
* ``API_KEY_FAILURE_RATE`` (default "20/min"): failed API-key authentications per client address
  (``KeyFailureThrottle``, applied by catalog.api.authentication before any key is looked up). Past the rate,
  every request from that address that carries an API key, a valid one included, is refused until the window
  ends: guessing keys costs the guesser time, not us hashing work.

The client address is REMOTE_ADDR (an IPv6 address counts with its /64, which one client usually holds whole).
Behind a reverse proxy REMOTE_ADDR is the proxy's own address, which would put every client in one count:
list the proxy in ``TRUSTED_PROXIES`` (addresses or networks) and the address the proxy wrote last into
X-Forwarded-For is used instead (docs/proxy.md has the nginx side). X-Forwarded-For from anyone else is ignored.

A count lives in the cache and is raised with ``cache.incr``, which is atomic in Redis and in the per-process
LocMem cache alike. With LocMem each server process counts on its own (N processes let a key make up to N times
the rate); configure CACHES with Django's RedisCache to count across processes. A refused request is answered
429 with Retry-After: the seconds until the window ends.
"""

import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

DEFAULT_RATE = "600/min"
DEFAULT_KEY_FAILURE_RATE = "20/min"
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate, setting="PARTNER_THROTTLE_RATE"):
    """'600/min' → (600, 60). The period's first letter counts: s, m, h or d."""
    count, _, period = rate.partition("/")
    try:
        return int(count), PERIODS[period.strip()[0].lower()]
    except (ValueError, KeyError, IndexError):
        raise ValueError(f"{setting} must look like '600/min', not {rate!r}.") from None


class FixedWindow:
    """A count per identity over fixed windows of a rate's period, in the default cache."""

    def __init__(self, cache_prefix, rate, setting):
        self.cache_prefix = cache_prefix
        self.limit, self.period = parse_rate(rate, setting)

    def _window(self, identity):
        now = time.time()
        window = int(now // self.period)
        key = f"{self.cache_prefix}:{identity}:{self.period}:{window}"
        return key, (window + 1) * self.period - now

    def hit(self, identity):
        """Count one more: (the count now, seconds until the window ends)."""
        key, remaining = self._window(identity)
        cache.add(key, 0, timeout=self.period + 1)
        try:
            return cache.incr(key), remaining
        except ValueError:  # the key expired between add and incr
            cache.add(key, 1, timeout=self.period + 1)
            return 1, remaining

    def spent(self, identity):
        """Seconds until the window ends when the identity has used up its rate, else None (counts nothing)."""
        key, remaining = self._window(identity)
        return remaining if cache.get(key, 0) >= self.limit else None


class PartnerKeyThrottle(BaseThrottle):
    cache_prefix = "partner-throttle"

    def allow_request(self, request, view):
        from catalog.policies.access import caller_of

        caller = caller_of(request)
        if not caller.is_partner:
            return True
        counter = FixedWindow(self.cache_prefix, getattr(settings, "PARTNER_THROTTLE_RATE", DEFAULT_RATE),
                              "PARTNER_THROTTLE_RATE")
        count, self.window_ends = counter.hit(caller.key_prefix)
        return count <= counter.limit

    def wait(self):
        return self.window_ends


PARTNER_THROTTLES = [PartnerKeyThrottle]


class KeyFailureThrottle:
    """Failed API-key authentications per client address (API_KEY_FAILURE_RATE)."""

    cache_prefix = "api-key-failures"

    def __init__(self, request):
        self.address = client_address(request)
        rate = getattr(settings, "API_KEY_FAILURE_RATE", DEFAULT_KEY_FAILURE_RATE)
        self.counter = FixedWindow(self.cache_prefix, rate, "API_KEY_FAILURE_RATE")

    def wait(self):
        """Seconds to wait when this address has failed too often in the current window; None when it may try."""
        return self.counter.spent(self.address)

    def failed(self):
        self.counter.hit(self.address)


def client_address(request):
    """Who is on the other end, as a count's identity: REMOTE_ADDR, or behind a trusted proxy the address it
    forwarded; an IPv6 address as its /64 network."""
    address = _parsed(request.META.get("REMOTE_ADDR", ""))
    if address is not None and _is_trusted_proxy(address):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        address = _parsed(forwarded) or address
    if address is None:
        return "unknown"
    if address.version == 6:
        if address.ipv4_mapped is not None:  # ::ffff:a.b.c.d is the IPv4 client a.b.c.d
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _parsed(text):
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_trusted_proxy(address):
    return any(address in ipaddress.ip_network(network, strict=False)
               for network in getattr(settings, "TRUSTED_PROXIES", ()))
