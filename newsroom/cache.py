"""Django's Redis cache, with one Redis client per connection pool and values watched over pub/sub.

Django's `RedisCacheClient.get_client` makes a new `redis.Redis` for every cache operation, and its
constructor fills a large table of response callbacks: a noticeable part of a cache read. A
`redis.Redis` is safe to share between threads: it takes a connection from its pool for each command.

A value read on every request and changed rarely (the page cache's generation) is kept in this process
by `get_watched` while a subscription to the key's channel is quiet: a read is then a poll of a socket,
not a round trip. `set_and_announce` publishes on the channel after writing.
"""

import os
import threading
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.client import PubSub
from redis.exceptions import RedisError

# What a cache read or write raises when the cache is down: callers then compute or render without it,
# so a cache that is down makes pages slower, never broken.
CACHE_ERRORS = (OSError, RedisError)
# Seconds a watched value is trusted without a message, in case the subscription is cut silently.
WATCH_MAX_AGE = 1.0
_UNKNOWN = object()


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


class _Watch(PubSub):
    """One process's subscription to a channel and the value last read for it."""

    def __init__(self, client, channel):
        super().__init__(client.connection_pool)
        self.pid, self.value, self.read_at = os.getpid(), _UNKNOWN, 0.0
        self.lock = threading.Lock()
        self.subscribe(channel)

    def on_connect(self, connection):
        # Connected again after a cut: messages sent meanwhile are lost.
        self.value = _UNKNOWN
        super().on_connect(connection)

    def current(self, read):
        # Any message, the subscription's confirmation included, means the value may have changed.
        while self.get_message(timeout=0) is not None:
            self.value = _UNKNOWN
        if self.value is _UNKNOWN or time.monotonic() - self.read_at > WATCH_MAX_AGE:
            self.read_at = time.monotonic()  # before the read: a change after it arrives as a message
            self.value = read()
        return self.value


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients
        self._watches = {}

    def _channel(self, key):
        return self.make_and_validate_key(key, version=None)

    def set_and_announce(self, key, value, timeout=None):
        self.set(key, value, timeout=timeout)
        # This process reads its own write at once; the message may reach its subscription later.
        if (watch := self._watches.get(key)) is not None:
            watch.value = _UNKNOWN
        self._cache.get_client(write=True).publish(self._channel(key), b"")

    def get_watched(self, key):
        """`key`'s value as last read by this process, read again once its channel has a message."""
        try:
            watch = self._watches.get(key)
            if watch is None or watch.pid != os.getpid():  # a forked worker subscribes on its own
                watch = self._watches[key] = _Watch(self._cache.get_client(), self._channel(key))
            with watch.lock:
                return watch.current(lambda: self.get(key))
        except RedisError:
            self._watches.pop(key, None)  # cut or never made: subscribe again on the next read
            return self.get(key)
