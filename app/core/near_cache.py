"""A process's own copies of Redis values under one prefix, dropped the moment Redis says a key changed.

Every request checks its bearer token, and a Redis round trip costs a lookup about a seventh of its Python
(bench/README.md). Keeping the answer in the process is safe only if a logout reaches every process of every
node at once. Redis's client-side caching in broadcast mode does that: one connection per process asks
``CLIENT TRACKING ON REDIRECT <itself> BCAST PREFIX <prefix>`` and subscribes to ``__redis__:invalidate``, and
Redis then names every key under the prefix that anyone writes, deletes or lets expire, and says "everything"
on a flush (https://redis.io/docs/latest/develop/reference/client-side-caching/). Redis 6 and later; the
library's own client cache needs Redis 7.4 and RESP3, this machine has 7.0.

"At once", precisely: Redis writes the invalidation into this process's socket in the same pass of its event
loop as the reply to the write, so by the time a logout has been answered the message is here. A copy is read
only after reading what has arrived (a non-blocking read, a few microseconds), never on the strength of a
thread that may not yet have run. A copy is also used only while the connection is known alive: a background
thread pings every ``PING_EVERY`` seconds, and copies are skipped once nothing was heard for ``SILENT_AFTER``
(a Redis cut off without the connection closing). A connection that fails clears every copy: what changed while
it was down is unknown. A value read from Redis is kept only if no invalidation of its key arrived while it
was being read, so a copy is never older than the write that invalidated it.

A Redis Cluster tracks per node, and a process would need a subscription to every primary that owns a slot,
kept right through resharding and failover; ``for_client`` gives none there, and every read goes to Redis.
"""

from __future__ import annotations

import logging
import os
import select
import selectors
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

import redis
from flask import current_app
from redis._parsers.hiredis import NOT_ENOUGH_DATA, _HiredisParser

from app.extensions import redis_cache

log = logging.getLogger(__name__)

#: The connection's heartbeat, and how long silence makes its copies unusable.
PING_EVERY = 0.5
SILENT_AFTER = 1.5
#: A connection that could not be made is tried again after this.
RECONNECT_AFTER = 1.0
#: How long one command on the tracking connection may take before the connection counts as failed.
COMMAND_TIMEOUT = 1.0
#: Keys invalidated recently, remembered to refuse a copy read before its invalidation arrived; past this many
#: the memory is cleared and every read begun before it is refused (a burst of logins costs a few misses).
REMEMBERED_INVALIDATIONS = 10_000

_CHANNEL = b"__redis__:invalidate"
_CREATING = threading.Lock()


class NearCache:
    """Copies of values read from Redis under ``prefix``, each at most ``max_age`` seconds old and never
    older than the last change Redis announced. ``get(key, load)`` answers a copy or calls ``load``."""

    def __init__(self, connection: Callable[[], redis.Connection], prefix: str, *, max_age: float,
                 max_entries: int = 100_000):
        self._new_connection = connection
        self.prefix = prefix
        self.max_age = max_age
        self.max_entries = max_entries
        self._reset_process()

    def _reset_process(self) -> None:
        """State for this process: after a fork, the parent's socket, lock and thread are not ours."""
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._connection: redis.Connection | None = None
        self._arrivals: select.poll | None = None  # the connection's socket, to ask whether anything has come
        self._copies: dict[str, tuple[float, Any]] = {}
        self._generation = 0
        self._invalidated: dict[str, int] = {}
        self._refuse_before = 0
        self._heard_at = 0.0
        self._pinged_at = 0.0
        self._thread: threading.Thread | None = None

    # -- reading ------------------------------------------------------------------------------------

    def get(self, key: str, load: Callable[[], Any]) -> Any:
        """The copy of ``key`` if one may be used, otherwise ``load()`` (which reads Redis, or whatever holds
        the truth), kept as a copy unless it is None or ``key`` changed meanwhile."""
        if self._pid != os.getpid():
            self._reset_process()
        if self._thread is None or not self._thread.is_alive():
            self._start()
        with self._lock:
            if not self._alive():
                since = None
            else:
                copy = self._copies.get(key)
                if copy is not None and copy[0] > time.monotonic():
                    return copy[1]
                since = self._generation
        value = load()
        if value is not None and since is not None:
            with self._lock:
                if self._alive() and since >= self._refuse_before and self._invalidated.get(key, -1) <= since:
                    if len(self._copies) >= self.max_entries:
                        del self._copies[next(iter(self._copies))]
                    self._copies[key] = (time.monotonic() + self.max_age, value)
        return value

    def _alive(self) -> bool:
        """Under the lock: read what Redis has sent; whether the copies may be used."""
        if self._connection is None:
            return False
        try:
            self._drain()
        except (redis.RedisError, OSError) as error:
            self._lost(error)
            return False
        return time.monotonic() - self._heard_at < SILENT_AFTER

    def _drain(self) -> None:
        connection = self._connection
        # Nothing has come, the usual answer: one poll(2) of the socket tells it, where redis-py's can_read sets
        # the socket non-blocking, reads, catches the "would block" and sets it back (a copy found cost 3.7 µs
        # of CPU that way, 1.5 µs this way: bench/redis_calls.py). A reply the parser has read but not handed out yet is not on
        # the socket any more, so that is asked first.
        if not _buffered(connection._parser) and not self._arrivals.poll(0):
            return
        while connection.can_read(timeout=0):
            self._heard(connection.read_response())

    def _heard(self, message) -> None:
        self._heard_at = time.monotonic()
        if not isinstance(message, list) or len(message) < 3 or message[0] != b"message" or message[1] != _CHANNEL:
            return  # a pong, or the subscription's confirmation
        self._generation += 1
        keys = message[2]
        if keys is None:  # a flush: everything may have changed
            self._copies.clear()
            self._invalidated.clear()
            self._refuse_before = self._generation
            return
        if len(self._invalidated) + len(keys) > REMEMBERED_INVALIDATIONS:
            self._invalidated.clear()
            self._refuse_before = self._generation
        for key in keys:
            key = key.decode()
            self._copies.pop(key, None)
            self._invalidated[key] = self._generation

    def _lost(self, error: Exception | None) -> None:
        """Under the lock: the connection failed or fell silent; nothing it did not tell us can be trusted."""
        if error is not None:
            log.warning("near cache %s: tracking connection lost (%s); copies dropped", self.prefix,
                        type(error).__name__)
        connection, self._connection, self._arrivals = self._connection, None, None
        self._copies.clear()
        self._invalidated.clear()
        self._generation += 1
        self._refuse_before = self._generation
        if connection is not None:
            connection.disconnect()

    # -- the tracking connection, kept by a thread ---------------------------------------------------

    def _start(self) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._thread = threading.Thread(target=_keep, args=(weakref.ref(self),), daemon=True,
                                            name=f"near-cache {self.prefix}")
            self._thread.start()  # under the lock: a thread not yet started is not alive, and would be made twice

    def _connect(self) -> None:
        connection = self._new_connection()
        try:
            connection.connect()
            connection.send_command("CLIENT", "ID")
            own_id = connection.read_response()
            connection.send_command("CLIENT", "TRACKING", "ON", "REDIRECT", own_id, "BCAST", "PREFIX", self.prefix)
            connection.read_response()
            connection.send_command("SUBSCRIBE", _CHANNEL)
            connection.read_response()
        except Exception:
            connection.disconnect()
            raise
        with self._lock:
            self._lost(None)  # anything kept before this subscription is unknown to it
            self._connection = connection
            self._arrivals = select.poll()
            self._arrivals.register(connection._sock, select.POLLIN)
            self._heard_at = self._pinged_at = time.monotonic()

    def _tend(self) -> tuple[float, Any]:
        """One turn of the thread: connect, or read and ping. How long to wait next, and the socket to wait on."""
        if self._connection is None:
            try:
                self._connect()
            except (redis.RedisError, OSError) as error:
                log.info("near cache %s: no tracking connection (%s); reading Redis meanwhile", self.prefix,
                         type(error).__name__)
                return RECONNECT_AFTER, None
            return 0, None
        with self._lock:
            if self._connection is None:
                return 0, None
            now = time.monotonic()
            if now - self._heard_at >= SILENT_AFTER:
                self._lost(TimeoutError("no answer to pings"))
                return 0, None
            try:
                self._drain()
                if now - self._pinged_at >= PING_EVERY:
                    self._connection.send_command("PING")
                    self._pinged_at = now
            except (redis.RedisError, OSError) as error:
                self._lost(error)
                return 0, None
            return PING_EVERY, self._connection._sock

    def close(self) -> None:
        with self._lock:
            self._lost(None)


def _buffered(parser) -> bool:
    """Whether redis-py's parser holds a reply, or part of one, that it has read from the socket and not handed
    out (``can_read`` leaves one in ``_next_response``; the hiredis reader keeps what it was fed). Another
    parser than hiredis's (a build without hiredis) may hold anything: True, and the socket is read."""
    if not isinstance(parser, _HiredisParser) or parser._reader is None:
        return True
    return parser._next_response is not NOT_ENOUGH_DATA or parser._reader.has_data()


def _keep(ref: weakref.ref) -> None:
    """The thread: keeps its cache's connection subscribed and alive, until the cache is gone."""
    selector = selectors.DefaultSelector()
    while True:
        cache = ref()
        if cache is None or cache._pid != os.getpid():
            return
        try:
            wait, socket = cache._tend()
        except Exception:  # a bug here must not leave copies in use unwatched: drop them, and start again
            log.exception("near cache %s: the tracking thread failed", cache.prefix)
            with cache._lock:
                cache._lost(None)
            wait, socket = RECONNECT_AFTER, None
        del cache  # the thread must not keep a cache alive that nothing else uses
        if socket is None:
            time.sleep(wait)
            continue
        try:
            selector.register(socket, selectors.EVENT_READ)
            selector.select(wait)  # a message, or time to ping
        except (OSError, ValueError):
            time.sleep(wait)
        finally:
            try:
                selector.unregister(socket)
            except (KeyError, ValueError, OSError):
                pass


def for_client(client, prefix: str, *, max_age: float) -> NearCache | None:
    """A near cache beside ``client``'s Redis (its address, database and credentials), or None for a cluster."""
    pool = getattr(client, "connection_pool", None)
    if pool is None:
        return None
    # RESP2 and no health check of the library's own: a subscribed connection answers a PING in its own shape.
    options = dict(pool.connection_kwargs, socket_timeout=COMMAND_TIMEOUT, socket_connect_timeout=COMMAND_TIMEOUT,
                   health_check_interval=0, protocol=2)
    return NearCache(lambda: pool.connection_class(**options), prefix, max_age=max_age)


def for_app(prefix: str, *, max_age: float) -> NearCache | None:
    """The app's near cache for ``prefix``, beside the token cache's Redis (one per app and prefix), or None when
    they are turned off (``REDIS_NEAR_CACHE``) or Redis is a cluster."""
    config = current_app.config
    if not config["REDIS_NEAR_CACHE"] or config.get("REDIS_CLUSTER_URL"):
        return None
    caches = current_app.extensions.setdefault("near_caches", {})
    cache = caches.get(prefix)
    if cache is None:
        with _CREATING:
            cache = caches.get(prefix)
            if cache is None:
                cache = caches[prefix] = for_client(redis_cache.client, prefix, max_age=max_age)
    return cache
