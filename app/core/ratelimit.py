"""Rate limits (Flask-Limiter on Redis), one limiter per app.

Flask-Limiter keeps its storage on the Limiter object, so a module-level limiter
bound to a second app (tests build several, each with its own Redis) would move the
first app's counters too. Views are marked with ``@rate_limited(CONFIG_KEY)`` and
``init_app`` wraps them with this app's limiter; the limit string is read from the
config at request time.
"""

from __future__ import annotations

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


def rate_limited(config_key: str, message: str | None = None):
    def mark(view):
        view._rate_limit = (config_key, message)
        return view

    return mark


def init_app(app: Flask) -> Limiter:
    limiter = Limiter(key_func=get_remote_address, app=app, default_limits=[])
    app.extensions["rate_limiter"] = limiter
    for endpoint, view in list(app.view_functions.items()):
        marked = getattr(view, "_rate_limit", None)
        if marked:
            config_key, message = marked
            app.view_functions[endpoint] = limiter.limit(
                lambda key=config_key: current_app.config[key], error_message=message)(view)
    return limiter
