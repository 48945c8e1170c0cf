"""A process's own copies of Redis values (``core.near_cache``): used while Redis has announced no change, and
never once a change could have gone unheard. Each cache here stands for one process, on a redis-server of the
test's own, which it can stop, freeze and kill connections on."""

from __future__ import annotations

import os
import signal
import time

import pytest
import redis

from app.core import near_cache
from app.core.embedded_redis import EmbeddedRedis

PREFIX = "test:near:"


@pytest.fixture
def server(tmp_path):
    server = EmbeddedRedis(tmp_path).start()
    yield server
    if server.process is not None and server.process.poll() is None:
        os.kill(server.process.pid, signal.SIGCONT)
    server.stop()


@pytest.fixture
def store(server):
    client = redis.Redis.from_url(server.url, socket_timeout=5)
    yield client
    client.close()


def a_process(server) -> near_cache.NearCache:
    return near_cache.for_client(redis.Redis.from_url(server.url, socket_timeout=5), PREFIX, max_age=60)


class Reads:
    """``load`` for a cache: reads the key from Redis, and counts how often it had to."""

    def __init__(self, store, key):
        self.store, self.key, self.count = store, key, 0

    def __call__(self):
        self.count += 1
        return self.store.get(self.key)


def kept(cache, reads: Reads, timeout: float = 5.0) -> bytes:
    """Read through ``cache`` until it answers from its copy (its connection is up); that answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = reads.count
        value = cache.get(reads.key, reads)
        if reads.count == before:
            return value
        time.sleep(0.02)
    raise AssertionError("the cache never kept a copy")


def a_process_keeping(server, store, name: str) -> tuple[near_cache.NearCache, Reads]:
    """A process that keeps a copy of ``PREFIX + name`` (whose value is ``alice``), and its reads of the key."""
    key = PREFIX + name
    store.set(key, b"alice")
    cache = a_process(server)
    reads = Reads(store, key)
    kept(cache, reads)
    return cache, reads


def test_a_copy_saves_the_round_trip_until_anyone_writes_the_key_then_every_process_reads_the_new_value(
        server, store):
    key = PREFIX + "token-1"
    store.set(key, b"alice")
    first, second = a_process(server), a_process(server)
    first_reads, second_reads = Reads(store, key), Reads(store, key)
    assert kept(first, first_reads) == b"alice" and kept(second, second_reads) == b"alice"
    asked = first_reads.count
    for _ in range(50):
        assert first.get(key, first_reads) == b"alice"
    assert first_reads.count == asked  # fifty reads, no round trip

    store.set(key, b"revoked")  # as a logout on a third process writes its marker
    assert first.get(key, first_reads) == b"revoked"  # at once: no sleep, no retry
    assert second.get(key, second_reads) == b"revoked"
    store.delete(key)
    assert first.get(key, first_reads) is None and second.get(key, second_reads) is None


def test_a_flush_drops_every_copy(server, store):
    keys = [PREFIX + f"token-{n}" for n in range(3)]
    for key in keys:
        store.set(key, b"alice")
    cache = a_process(server)
    reads = [Reads(store, key) for key in keys]
    for read in reads:
        kept(cache, read)
    store.flushall()
    # Redis queues a flush's announcement before its reply but writes the reply first; a write's announcement
    # (a logout's marker) goes out before the write's reply. One more round trip puts this one behind it.
    store.ping()
    assert [cache.get(key, read) for key, read in zip(keys, reads)] == [None, None, None]


def test_a_value_read_while_its_key_changed_is_not_kept(server, store):
    key = PREFIX + "token-race"
    store.set(key, b"alice")
    store.set(PREFIX + "warm-up", b"bob")
    cache = a_process(server)
    kept(cache, Reads(store, PREFIX + "warm-up"))  # the connection is up

    def read_then_logout():
        value = store.get(key)
        store.set(key, b"revoked")  # the logout lands between our read and our keeping the copy
        return value

    assert cache.get(key, read_then_logout) == b"alice"  # what the read saw, answered once
    reads = Reads(store, key)
    assert cache.get(key, reads) == b"revoked" and reads.count == 1


def test_a_killed_connection_drops_the_copies_a_write_could_have_changed_unheard(server, store):
    cache, reads = a_process_keeping(server, store, "token-killed")
    store.client_kill_filter(_type="pubsub")  # Redis forgets the tracking with its client
    store.set(reads.key, b"revoked")  # announced to no one
    assert cache.get(reads.key, reads) == b"revoked"
    assert kept(cache, reads) == b"revoked"  # and it reconnects, and keeps copies again


def test_a_silent_redis_stops_the_copies_being_used(server, store):
    cache, reads = a_process_keeping(server, store, "token-frozen")
    os.kill(server.process.pid, signal.SIGSTOP)  # the connection stays open, and nothing answers
    try:
        time.sleep(near_cache.SILENT_AFTER + near_cache.PING_EVERY)
        assert cache.get(reads.key, lambda: b"from the database") == b"from the database"
    finally:
        os.kill(server.process.pid, signal.SIGCONT)


def test_a_redis_restarted_empty_leaves_no_copy_behind(server, store):
    cache, reads = a_process_keeping(server, store, "token-restart")
    server.stop()
    server.start()
    assert cache.get(reads.key, reads) is None  # the new Redis holds nothing, and neither does the copy
    store.set(reads.key, b"bob")
    assert kept(cache, reads) == b"bob"


def test_a_forked_process_keeps_none_of_its_parents_copies(server, store):
    cache, reads = a_process_keeping(server, store, "token-fork")
    key = reads.key
    pid = os.fork()
    if pid == 0:  # the child: its first read goes to Redis, not to the copy it inherited
        os._exit(0 if cache.get(key, lambda: b"from redis") == b"from redis" else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0



def test_a_process_keeps_at_most_its_limit_of_copies_dropping_the_oldest(server, store):
    client = redis.Redis.from_url(server.url, socket_timeout=5)
    cache = near_cache.NearCache(lambda: client.connection_pool.make_connection(), PREFIX, max_age=60, max_entries=2)
    reads = {}
    for name in ("oldest", "middle", "newest"):
        store.set(PREFIX + name, name.encode())
        reads[name] = Reads(store, PREFIX + name)
        kept(cache, reads[name])
    asked = {name: read.count for name, read in reads.items()}
    assert cache.get(PREFIX + "newest", reads["newest"]) == b"newest"
    assert cache.get(PREFIX + "middle", reads["middle"]) == b"middle"
    assert cache.get(PREFIX + "oldest", reads["oldest"]) == b"oldest"
    assert {name: read.count - asked[name] for name, read in reads.items()} == {"oldest": 1, "middle": 0, "newest": 0}
