"""How our WeChat clients reach WeChat: real HTTPS in production, or a transport the app mounts.

In development and testing the app mounts its WeChat sandbox here (``app.sandbox``), so
every call is handed to the sandbox in-process as a full HTTP request in WeChat's wire
format, without a socket and without taking one of the app's own request threads. This
module knows no stand-in: it only carries what the app mounts to each client's session.

Every call, to WeChat or to what stands in for it, takes one of the process's
``WECHAT_CONCURRENT_CALLS`` turns (a bulkhead). A request thread waiting on WeChat can do
nothing else, so when WeChat is slow the calls would otherwise take every thread of the
process, and the grabs and pages that never call WeChat would queue behind them. With
the turns, a call that finds none free within ``WECHAT_CALL_WAIT`` fails as if WeChat were
unreachable (each client answers that with 503, WeChat busy) and the other threads go on
serving (docs/capacity.md, "Logins wait on WeChat").
"""

from __future__ import annotations

import threading
from collections.abc import Mapping

import requests
from flask import Flask, current_app


class NoTurnFree(requests.exceptions.ConnectionError):
    """Every turn to call WeChat is taken: WeChat is slow, and this process will not wait on it with more threads."""


class Bulkhead(requests.adapters.BaseAdapter):
    """Sends through ``adapter`` once one of ``turns`` is free, waiting at most ``wait`` seconds for it."""

    def __init__(self, adapter: requests.adapters.BaseAdapter, turns: threading.BoundedSemaphore, wait: float):
        super().__init__()
        self.adapter, self.turns, self.wait = adapter, turns, wait

    def send(self, request: requests.PreparedRequest, *args, **kwargs) -> requests.Response:
        if not self.turns.acquire(timeout=self.wait):
            raise NoTurnFree(f"no free turn to call WeChat within {self.wait} s", request=request)
        try:
            return self.adapter.send(request, *args, **kwargs)
        finally:
            self.turns.release()

    def close(self) -> None:
        self.adapter.close()


def mount(app: Flask, prefix: str, adapter: requests.adapters.BaseAdapter) -> None:
    """Send every WeChat call whose URL starts with ``prefix`` through ``adapter`` (app setup only)."""
    app.extensions.setdefault("wechat_transports", {})[prefix] = adapter


def mounted_here() -> Mapping[str, requests.adapters.BaseAdapter]:
    """The current app's transports for a client being built: what the app mounted, and real HTTP(S) for every
    other URL, each taking its turn from the process's ``WECHAT_CONCURRENT_CALLS``."""
    app = current_app._get_current_object()
    turns = app.extensions.get("wechat_call_turns")
    if turns is None:
        turns = app.extensions.setdefault("wechat_call_turns",
                                          threading.BoundedSemaphore(app.config["WECHAT_CONCURRENT_CALLS"]))
    wait = app.config["WECHAT_CALL_WAIT"]
    adapters = {"https://": requests.adapters.HTTPAdapter(), "http://": requests.adapters.HTTPAdapter(),
                **app.extensions.get("wechat_transports", {})}
    return {prefix: Bulkhead(adapter, turns, wait) for prefix, adapter in adapters.items()}


def mount_on(session: requests.Session, transports: Mapping[str, requests.adapters.BaseAdapter]) -> requests.Session:
    """``session`` with ``transports`` mounted on it."""
    for prefix, adapter in transports.items():
        session.mount(prefix, adapter)
    return session
