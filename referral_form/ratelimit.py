"""Per-visitor rate limits that never store an address.

The visitor is known only as a salted hash of the address, with a salt that changes every day,
kept in the cache for at most the limit's window. Nothing is written to the database or a log.
"""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def _daily_salt() -> bytes:
    today = datetime.date.today().isoformat().encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"rate-limit:" + today, hashlib.sha256).digest()


def client_address(request) -> str:
    """The visitor's address, read (never stored) from REMOTE_ADDR or, behind one trusted proxy,
    from the header named by RATE_LIMIT_CLIENT_ADDRESS_HEADER (its last entry is the one that
    proxy added)."""
    header = settings.RATE_LIMIT_CLIENT_ADDRESS_HEADER
    value = request.META.get(header, "") or request.META.get("REMOTE_ADDR", "")
    return value.split(",")[-1].strip()


def visitor_key(request, scope: str) -> str:
    address = client_address(request)
    digest = hmac.new(_daily_salt(), f"{scope}:{address}".encode(), hashlib.sha256).hexdigest()
    return f"ratelimit:{scope}:{digest}"


def allow(request, scope: str, limit: int) -> bool:
    """Count one attempt; False once more than `limit` attempts fell within the window."""
    key = visitor_key(request, scope)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= limit
