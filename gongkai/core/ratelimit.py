"""Fixed-window rate limits whose counts every web process shares, and the client address they key on.

The counts live in Redis when ``REDIS_URL`` is set, in the database otherwise (``RateLimitCounter``), never
in a per-process memory cache: with several gunicorn workers each would count on its own. Keys are
hashed, so no address or user name is stored in clear. The clock is read through ``now()`` so that tests
can pin it and never straddle a window boundary.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest


def now() -> float:
    """The current time in seconds; tests replace it to pin the window."""
    return time.time()


def client_address(request: HttpRequest) -> str:
    """The client's address, trusting ``settings.TRUSTED_PROXY_HOPS`` reverse proxies in front of us.

    With 0 hops (the default) it is ``REMOTE_ADDR``. Behind N proxies that each append the address they
    saw to ``X-Forwarded-For`` (nginx's ``$proxy_add_x_forwarded_for``), it is the N-th entry from the
    right: entries further left were written by the client and can be forged.
    """
    hops = settings.TRUSTED_PROXY_HOPS
    remote = request.META.get("REMOTE_ADDR", "")
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return remote
    # Fewer entries than proxies: the request skipped an outer proxy; the leftmost is the best we know.
    return forwarded[-hops] if len(forwarded) >= hops else forwarded[0]


def hashed(*parts: str) -> str:
    """A short keyed hash of ``parts``: counters and cookies never hold a name or an address in clear."""
    raw = "\x1f".join([settings.SECRET_KEY, *parts]).encode()
    return hashlib.sha256(raw).hexdigest()[:32]


def address_key(request: HttpRequest) -> str:
    """The key of a per-address limit: the client's address, hashed (``client_address``, ``hashed``)."""
    return hashed("address", client_address(request))


def address_allows(request: HttpRequest, scope: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt from the request's address in ``scope``; False once over ``limit`` in the window."""
    return hit(scope, address_key(request), limit=limit, window_seconds=window_seconds)


def _window(window_seconds: int, at: float | None) -> int:
    return int((now() if at is None else at) // window_seconds)


def _cache_key(scope: str, key: str, window: int) -> str:
    return f"ratelimit:{scope}:{key}:{window}"


def hit(scope: str, key: str, *, limit: int, window_seconds: int, at: float | None = None) -> bool:
    """Count one attempt; False when ``limit`` attempts in the current window were already made."""
    return _increment(scope, key, window_seconds=window_seconds, at=at) <= limit


def hit_many(counts: Sequence[tuple[str, str, int, int]], *, at: float | None = None) -> bool:
    """Count one attempt in each ``(scope, key, limit, window_seconds)``, all of them (as :func:`hit` each would);
    False when any was over its limit. With Redis, one round trip for all (issue 14: an Open311 submission counts
    its address and its API key)."""
    if not settings.REDIS_URL:
        return all(
            [
                hit(scope, key, limit=limit, window_seconds=window, at=at)
                for scope, key, limit, window in counts
            ]
        )
    keys = [_cache_key(scope, key, _window(window, at)) for scope, key, _, window in counts]
    totals = _increment_many_in_redis(keys, [window for _, _, _, window in counts])
    return all(total <= limit for total, (_, _, limit, _) in zip(totals, counts, strict=True))


def reset(scope: str, key: str, *, window_seconds: int, at: float | None = None) -> None:
    """Forget the attempts of the current window (e.g. after the account's password was set)."""
    cache_key = _cache_key(scope, key, _window(window_seconds, at))
    if settings.REDIS_URL:
        cache.delete(cache_key)
        return
    from gongkai.core.models import RateLimitCounter

    RateLimitCounter.objects.filter(key=hashed(cache_key)).delete()


def _increment(scope: str, key: str, *, window_seconds: int, at: float | None) -> int:
    cache_key = _cache_key(scope, key, _window(window_seconds, at))
    if settings.REDIS_URL:
        return _increment_in_redis(cache_key, window_seconds=window_seconds)
    return _increment_in_database(hashed(cache_key), window_seconds=window_seconds, at=at)


def redis_client():
    """The default cache's Redis client, one per process and cache connection (its pool is fork-safe): Django's
    cache API builds a new client object, with its table of ~170 callbacks, for every call. Keys are the cache's
    (``cache.make_and_validate_key``)."""
    backend = cache._cache  # django.core.cache.backends.redis.RedisCacheClient
    client = getattr(backend, "_gongkai_client", None)
    if client is None:
        client = backend.get_client(None, write=True)
        backend._gongkai_client = client
    return client


# Per key (its window's seconds in ARGV): create it with its expiry if it is new, increment it; the counts.
_INCREMENT_SCRIPT = """
local counts = {}
for i, key in ipairs(KEYS) do
  redis.call('SET', key, 0, 'EX', ARGV[i], 'NX')
  counts[i] = redis.call('INCR', key)
end
return counts
"""


def _increment_in_redis(cache_key: str, *, window_seconds: int) -> int:
    return _increment_many_in_redis([cache_key], [window_seconds])[0]


def _increment_many_in_redis(cache_keys: Sequence[str], windows: Sequence[int]) -> list[int]:
    """Create each window's key with its expiry if it is new, and increment it: one round trip, atomic (a Lua
    script, run by its digest), where the cache API's ``add`` + ``incr`` take three per key and build a client
    object for each, and a MULTI/EXEC pipeline sends four commands per key (issue 14: the limits were a third of an
    Open311 submission's CPU). The keys and the stored integers are the cache's own, so ``cache.get``/``reset``
    see the same counters."""
    client = redis_client()
    script = getattr(client, "_gongkai_increment", None)
    if script is None:
        script = client._gongkai_increment = client.register_script(_INCREMENT_SCRIPT)
    keys = [cache.make_and_validate_key(key) for key in cache_keys]
    return [int(n) for n in script(keys=keys, args=[window + 1 for window in windows])]


def _increment_in_database(row_key: str, *, window_seconds: int, at: float | None) -> int:
    """One atomic ``UPDATE … SET count = count + 1``, or the first row of the window."""
    from gongkai.core.models import RateLimitCounter

    moment = dt.datetime.fromtimestamp(now() if at is None else at, tz=dt.UTC)
    counters = RateLimitCounter.objects.filter(key=row_key)
    with transaction.atomic():
        if counters.update(count=F("count") + 1):
            return counters.values_list("count", flat=True).get()
        try:
            with transaction.atomic():
                RateLimitCounter.objects.create(
                    key=row_key, count=1, expires_at=moment + dt.timedelta(seconds=window_seconds + 1)
                )
        except IntegrityError:  # another process created it meanwhile
            counters.update(count=F("count") + 1)
            return counters.values_list("count", flat=True).get()
        # A new window began: drop the rows of windows that have ended.
        RateLimitCounter.objects.filter(expires_at__lt=moment).delete()
        return 1
