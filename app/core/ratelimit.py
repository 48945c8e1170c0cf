"""Rate limits, counted in Redis by the `limits` library: only the views that are limited pay for them.

A view marked ``@rate_limited(CONFIG_KEY)`` counts one hit per client address in a fixed window and answers
429 ``rate_limited`` (with ``Retry-After``) past the limit, which is read from the config at request time.
Flask-Limiter did this before, but its ``before_request`` hook looked for app-wide limits on every request,
/healthz and every grab included, though only login is limited: 13% of /healthz's CPU (bench/README.md).
Each app gets its own counter storage, so the several apps a test run builds, each on its own Redis, never
move each other's counts.
"""

from __future__ import annotations

import functools
import time

import limits
from flask import Flask, current_app, request
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter, RateLimiter

from app.core.errors import RateLimited
from app.extensions import cluster_client_options


def init_app(app: Flask) -> None:
    # On a cluster, `limits` builds its client from its URI's startup nodes; the options make it one like the app's own.
    cluster_url = app.config.get("REDIS_CLUSTER_URL")
    storage = storage_from_string(app.config["RATELIMIT_STORAGE_URI"],
                                  **(cluster_client_options(cluster_url) if cluster_url else {}))
    app.extensions["rate_limiter"] = FixedWindowRateLimiter(storage)


def client_address() -> str:
    """Who is counted: the client's address, as the trusted proxies (``TRUSTED_PROXY_COUNT``) report it."""
    return request.remote_addr or "127.0.0.1"


def strategy() -> RateLimiter | None:
    """The app's counter, or None while limits are switched off (``RATELIMIT_ENABLED``)."""
    return current_app.extensions["rate_limiter"] if current_app.config.get("RATELIMIT_ENABLED", True) else None


def rate_limited(config_key: str, message: str | None = None):
    """Limit the view to ``current_app.config[config_key]`` (a `limits` string) per client address."""

    def decorate(view):
        @functools.wraps(view)
        def limited(*args, **kwargs):
            counter = strategy()
            if counter is not None:
                item = limits.parse(current_app.config[config_key])
                key = (request.endpoint or view.__name__, client_address())
                if not counter.hit(item, *key):
                    reset = counter.get_window_stats(item, *key).reset_time
                    raise RateLimited(message, details={"limit": str(item)},
                                      headers={"Retry-After": str(max(1, int(reset - time.time())))})
            return view(*args, **kwargs)

        return limited

    return decorate
