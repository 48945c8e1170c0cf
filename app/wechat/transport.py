"""How our WeChat clients reach WeChat: real HTTPS in production, or a transport the app mounts.

In development and testing the app mounts its WeChat sandbox here (``app.sandbox``), so
every call is handed to the sandbox in-process as a full HTTP request in WeChat's wire
format, without a socket and without taking one of the app's own request threads. This
module knows no stand-in: it only carries what the app mounts to each client's session.
"""

from __future__ import annotations

from collections.abc import Mapping

import requests
from flask import Flask, current_app


def mount(app: Flask, prefix: str, adapter: requests.adapters.BaseAdapter) -> None:
    """Send every WeChat call whose URL starts with ``prefix`` through ``adapter`` (app setup only)."""
    app.extensions.setdefault("wechat_transports", {})[prefix] = adapter


def mounted_here() -> Mapping[str, requests.adapters.BaseAdapter]:
    """The current app's transports, for a client being built."""
    return current_app.extensions.get("wechat_transports", {})


def mount_on(session: requests.Session, transports: Mapping[str, requests.adapters.BaseAdapter]) -> requests.Session:
    """``session`` with ``transports`` mounted on it."""
    for prefix, adapter in transports.items():
        session.mount(prefix, adapter)
    return session
