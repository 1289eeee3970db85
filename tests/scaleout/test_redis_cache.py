"""The project's Redis cache backend (newsroom/cache.py) against a real redis-server."""

import time

import pytest
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import RedisError

from newsroom import cache as cache_module
from newsroom.cache import RedisCache

from .servers import eventually, redis_server, wait_for_subscriber


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


def _gets(cache) -> int:
    stats = cache._cache.get_client().info("commandstats")
    return stats.get("cmdstat_get", {}).get("calls", 0)


@pytest.fixture
def two_processes(monkeypatch):
    """Two caches on one redis-server, each with its own watches, as two app servers have."""
    monkeypatch.setattr(cache_module, "WATCH_MAX_AGE", 60.0)  # only a message may bring a change
    with redis_server() as url:
        yield RedisCache(url, {}), RedisCache(url, {})


def test_a_watched_value_is_read_once_then_costs_no_round_trip(two_processes):
    here, elsewhere = two_processes
    elsewhere.set("generation", "first", timeout=None)
    assert here.get_watched("generation") == "first"
    wait_for_subscriber(elsewhere._cache.get_client(), here._channel("generation"))
    here.get_watched("generation")  # reads the subscription's confirmation, and the value once more
    before = _gets(elsewhere)
    assert [here.get_watched("generation") for _ in range(20)] == ["first"] * 20
    assert _gets(elsewhere) == before


def test_an_announced_change_reaches_every_watcher_and_a_silent_one_waits_for_the_max_age(
    two_processes, monkeypatch
):
    here, elsewhere = two_processes
    elsewhere.set_and_announce("generation", "first")
    assert eventually(lambda: here.get_watched("generation") == "first", 0.5)
    elsewhere.set_and_announce("generation", "second")
    assert eventually(lambda: here.get_watched("generation") == "second", 0.5)
    # The process that announces reads its own write at once, whenever its message arrives.
    here.set_and_announce("generation", "mine")
    assert here.get_watched("generation") == "mine"
    time.sleep(0.05)  # its own message arrives and is read
    assert here.get_watched("generation") == "mine"
    # A write that is not announced is seen once the value is older than WATCH_MAX_AGE.
    elsewhere.set("generation", "third", timeout=None)
    time.sleep(0.05)
    assert here.get_watched("generation") == "mine"
    monkeypatch.setattr(cache_module, "WATCH_MAX_AGE", 0.0)
    assert here.get_watched("generation") == "third"


def test_a_cut_subscription_reads_the_value_and_subscribes_again(two_processes):
    here, elsewhere = two_processes
    elsewhere.set_and_announce("generation", "first")
    assert eventually(lambda: here.get_watched("generation") == "first", 0.5)
    # Redis drops the subscriber; the change announced meanwhile reaches no one.
    wait_for_subscriber(elsewhere._cache.get_client(), here._channel("generation"))
    assert elsewhere._cache.get_client().client_kill_filter(_type="pubsub") == 1
    elsewhere.set_and_announce("generation", "second")
    assert here.get_watched("generation") == "second"
    elsewhere.set_and_announce("generation", "third")
    assert eventually(lambda: here.get_watched("generation") == "third", 0.5)


def test_a_server_that_is_down_raises_and_keeps_no_watch():
    cache = RedisCache("redis://127.0.0.1:1/0", {})  # nothing listens there
    with pytest.raises(RedisError):
        cache.get_watched("generation")
    assert cache._watches == {}
