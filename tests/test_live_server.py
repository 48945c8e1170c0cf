"""The live server the browser tests talk to tells when it has finished what they sent, so each test's cleanup
(conftest.clean_state) empties the tables after a closed page's last request, not under it."""

from __future__ import annotations

import threading
import time

import requests

from tests.support import LiveServer, free_port


def test_wait_idle_waits_for_a_request_still_being_served():
    started, release = threading.Event(), threading.Event()

    def slow(environ, start_response):
        started.set()
        release.wait(10)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"done"]

    port = free_port()
    server = LiveServer(slow, port).start()
    try:
        answers = []
        caller = threading.Thread(target=lambda: answers.append(requests.get(server.url, timeout=10).text))
        caller.start()
        assert started.wait(10)
        assert server.wait_idle(timeout=0.2) is False  # the request is still being served
        threading.Timer(0.3, release.set).start()
        began = time.monotonic()
        assert server.wait_idle(timeout=10) is True
        assert time.monotonic() - began >= 0.25
        caller.join(10)
        assert answers == ["done"]
    finally:
        release.set()
        server.stop()
