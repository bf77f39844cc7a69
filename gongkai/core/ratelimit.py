"""Fixed-window rate limits kept in the cache (Redis at scale, so all web processes share the counts).

Keys are hashed: no address or user name is stored in clear.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.http import HttpRequest


def client_key(request: HttpRequest, *parts: str) -> str:
    """A hashed key for the client's address plus ``parts`` (e.g. a form name and a user name)."""
    address = request.META.get("REMOTE_ADDR", "")
    raw = "|".join([address, *parts]).encode()
    return hashlib.sha256(raw).hexdigest()[:32]


def hit(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt; False when ``limit`` attempts in the current window were already made."""
    window = int(time.time() // window_seconds)
    cache_key = f"ratelimit:{scope}:{key}:{window}"
    cache.add(cache_key, 0, timeout=window_seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds + 1)
        count = 1
    return count <= limit
