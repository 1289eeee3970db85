"""The project's Redis cache backend (newsroom/cache.py) against a real redis-server."""

from django.core.cache.backends.redis import RedisCacheClient

from reader.cache import RedisCache

from .servers import redis_server


def test_redis_cache_reuses_one_client_and_works_as_djangos():
    with redis_server() as url:
        cache = RedisCache(url, {})
        cache.set("page", {"content": b"x" * 60_000}, timeout=30)
        assert cache.get_many(["page", "missing"]) == {"page": {"content": b"x" * 60_000}}
        assert cache._cache.get_client() is cache._cache.get_client(write=True)
        # Django's own client builds a new redis.Redis per operation: the cost this backend removes.
        djangos = RedisCacheClient([url])
        assert djangos.get_client() is not djangos.get_client()
        assert cache.delete("page") and cache.get("page") is None
