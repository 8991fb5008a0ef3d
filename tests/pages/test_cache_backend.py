"""CACHE_URL=redis://… selects Django's Redis backend; checked against the real local Redis."""

import socket
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache

from website.env import cache_config

REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_running() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_running(), reason="no Redis server on 127.0.0.1:6379")
def test_redis_cache_url_stores_and_reads():
    config = cache_config(REDIS_URL)
    cache = RedisCache(config["LOCATION"], {"KEY_PREFIX": config["KEY_PREFIX"]})
    key = f"test-{uuid.uuid4().hex}"
    cache.set(key, {"kieli": "suomi"}, timeout=30)
    assert cache.get(key) == {"kieli": "suomi"}
    cache.delete(key)
    assert cache.get(key) is None
