"""A slow WeChat holds at most WECHAT_CONCURRENT_CALLS of a process's threads (app.wechat.transport).

A server of its own, on the test database, whose sandbox answers every call slowly (SANDBOX_WECHAT_LATENCY)
and which calls WeChat once at a time: a second login while one is waiting is told at once that WeChat is
busy, and a user already logged in is served meanwhile.
"""

from __future__ import annotations

import threading
import time

import pytest

from app import create_app
from app.extensions import db
from config import load_config
from tests.support import free_port

LATENCY = 1.5
WAIT = 0.2


def _app_with(backend_env, **settings):
    port = free_port()
    env = dict(backend_env, PORT=str(port), PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
               SANDBOX_WECHAT_LATENCY=str(LATENCY), **settings)
    return create_app(load_config(env), REQUEST_LOG=False)


@pytest.fixture
def slow_app(app, backend_env):
    slow = _app_with(backend_env, WECHAT_CONCURRENT_CALLS="1", WECHAT_CALL_WAIT=str(WAIT))
    yield slow
    with slow.app_context():
        db.engine.dispose()


@pytest.fixture
def slower_than_its_timeout(app, backend_env):
    slow = _app_with(backend_env, WECHAT_HTTP_TIMEOUT=str(LATENCY / 3))
    yield slow
    with slow.app_context():
        db.engine.dispose()


def _login(client, name: str):
    return client.post("/api/v1/auth/login", json={"code": f"sandbox:{name}"})


def test_while_a_login_waits_on_a_slow_wechat_the_next_is_told_it_is_busy_and_pages_are_served(slow_app):
    client = slow_app.test_client()
    bob = _login(client, "bob")
    assert bob.status_code == 200, bob.get_json()  # slow, but one at a time WeChat answers
    bob_headers = {"Authorization": f"Bearer {bob.get_json()['token']}"}

    answers = {}
    waiting = threading.Thread(target=lambda: answers.setdefault("alice", _login(slow_app.test_client(), "alice")))
    waiting.start()
    time.sleep(0.3)  # alice's login is now waiting on WeChat

    started = time.monotonic()
    carol = _login(client, "carol")
    told_after = time.monotonic() - started
    me = client.get("/api/v1/me", headers=bob_headers)
    assert waiting.is_alive(), "alice's login should still be waiting on WeChat"
    waiting.join()

    assert carol.status_code == 503
    error = carol.get_json()["error"]
    assert error["code"] == "service_unavailable" and error["details"]["dependency"] == "wechat"
    assert "微信" in error["message"]  # in Chinese, the default language
    assert told_after < LATENCY - 0.3, f"carol waited {told_after:.2f} s, as long as WeChat's answer"
    assert me.status_code == 200 and me.get_json()["id"] == bob.get_json()["user"]["id"]
    assert answers["alice"].status_code == 200, answers["alice"].get_json()
    assert _login(client, "carol").status_code == 200  # once WeChat's turn is free again


def test_a_wechat_slower_than_the_timeout_is_answered_as_unavailable(slower_than_its_timeout):
    started = time.monotonic()
    answer = _login(slower_than_its_timeout.test_client(), "dave")
    took = time.monotonic() - started
    assert answer.status_code == 503
    assert answer.get_json()["error"]["details"]["dependency"] == "wechat"
    assert took < LATENCY - 0.3, f"the login waited {took:.2f} s, past its timeout"
