"""Django's Redis cache, keeping one Redis client per connection pool instead of building one per call.

Django's `RedisCacheClient.get_client` makes a new `redis.Redis` for every cache operation, and its
constructor fills a large table of response callbacks: a noticeable part of a page-cache hit. A
`redis.Redis` is safe to share between threads: it takes a connection from its pool for each command.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClients(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients
