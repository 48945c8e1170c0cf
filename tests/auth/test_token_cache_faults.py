"""The token cache under faults: a logout racing the token's own requests, and a Redis that hangs."""

from __future__ import annotations

import concurrent.futures
import threading
import time

import pytest
import requests

from app import create_app
from app.extensions import db
from config import load_config
from tests.support import GunicornServer, HangingRedis, LiveServer, bearer, free_port, make_users, on_own_redis

#: Logouts tried while the token is in use; the race it checks was lost about one time in two.
LOGOUT_ROUNDS = 30
#: Threads using the token at the moment of logout (the mini-program's pages load in parallel).
READERS = 6


def _logout_while_in_use(base_url: str, token: str) -> list[str]:
    """Log ``token`` out while READERS threads keep asking for the profile with it; the answers
    that came back 200 to a request sent after logout had answered 204."""
    stop = threading.Event()
    logged_out_at = [float("inf")]
    leaks: list[str] = []

    def keep_reading():
        with requests.Session() as session:
            while not stop.is_set():
                sent = time.monotonic()
                status = session.get(base_url + "/api/v1/me", headers=bearer(token), timeout=10).status_code
                if status == 200 and sent > logged_out_at[0]:
                    leaks.append(f"200 {sent - logged_out_at[0]:.3f}s after logout")

    with concurrent.futures.ThreadPoolExecutor(READERS) as pool:
        readers = [pool.submit(keep_reading) for _ in range(READERS)]
        time.sleep(0.05)
        response = requests.post(base_url + "/api/v1/auth/logout", headers=bearer(token), timeout=10)
        logged_out_at[0] = time.monotonic()
        assert response.status_code == 204
        time.sleep(0.2)
        stop.set()
        for reader in readers:
            reader.result()
    # Whatever the readers left in the cache, the token is refused from now on.
    if requests.get(base_url + "/api/v1/me", headers=bearer(token), timeout=10).status_code != 401:
        leaks.append("still 200 once the readers had stopped")
    return leaks


@pytest.mark.slow
@pytest.mark.once
def test_logout_ends_the_session_at_once_while_other_requests_use_the_token(app, backend_env):
    tokens = make_users(app, LOGOUT_ROUNDS, prefix="logout")
    with GunicornServer(backend_env) as server:
        failed_rounds = {}
        for round_no, token in enumerate(tokens):
            leaks = _logout_while_in_use(server.url, token)
            if leaks:
                failed_rounds[round_no] = leaks
    assert failed_rounds == {}, f"{len(failed_rounds)} of {LOGOUT_ROUNDS} logouts left the token working"


#: Requests at once, as a busy minute's peak on one server.
CONCURRENT_REQUESTS = 40


@pytest.fixture
def app_on_a_hanging_redis(app, backend_env):
    """The app on the test database, with a Redis that accepts connections and never answers,
    served over HTTP from a thread."""
    with HangingRedis() as hanging:
        port = free_port()
        hung = create_app(load_config(on_own_redis(backend_env, hanging.url, PORT=str(port))), REQUEST_LOG=False)
        server = LiveServer(hung, port).start()
        yield server.url
        server.stop()
        with hung.app_context():
            db.engine.dispose()


def test_a_hanging_redis_does_not_slow_authenticated_requests(app, app_on_a_hanging_redis):
    tokens = make_users(app, CONCURRENT_REQUESTS, prefix="hang")

    def profile(token):
        started = time.monotonic()
        status = requests.get(app_on_a_hanging_redis + "/api/v1/me", headers=bearer(token), timeout=60).status_code
        return status, time.monotonic() - started

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(CONCURRENT_REQUESTS) as pool:
        answers = list(pool.map(profile, tokens))
    elapsed = time.monotonic() - started

    assert [status for status, _ in answers] == [200] * CONCURRENT_REQUESTS  # authenticated from the database
    assert elapsed < 1.5, f"{CONCURRENT_REQUESTS} requests took {elapsed:.2f}s (slowest {max(s for _, s in answers):.2f}s)"
