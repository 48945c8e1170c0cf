"""Grabs under a crowd, against a live gunicorn: exact, fair, and safe across a Redis restart."""

from __future__ import annotations

import concurrent.futures
import threading
import time

import pytest
import requests
import sqlalchemy as sa

from app.core.embedded_redis import EmbeddedRedis
from app.envelopes.models import EnvelopeGrab
from app.extensions import db, redis_store
from tests.envelopes.helpers import GATES, create_paid_envelope, grab_gate
from tests.support import GunicornServer, make_users, on_own_redis

pytestmark = pytest.mark.slow


def recorded_grabs(app):
    with app.app_context():
        return db.session.execute(sa.select(EnvelopeGrab.public_id, EnvelopeGrab.user_id, EnvelopeGrab.share_id,
                                            EnvelopeGrab.coverage_fen)).all()


@pytest.mark.parametrize("gate", GATES)
def test_200_threads_on_a_50_share_envelope_get_exactly_50_grabs(app, client, catalog, alice, backend_env, gate):
    total = 50 * 300_000
    with grab_gate(app, backend_env, gate):  # activated as the server under test would (its gate opened, or not)
        envelope = create_paid_envelope(app, client, alice, total=total, shares=50, mode="random")
    tokens = make_users(app, 200)
    url_path = f"/api/v1/envelopes/{envelope['envelope_id']}/grab"
    with GunicornServer(dict(backend_env, ENVELOPE_GRAB_GATE=gate)) as server:
        start = threading.Barrier(200)

        def grab(token):
            start.wait()
            return requests.post(server.url + url_path, headers={"Authorization": f"Bearer {token}"}, timeout=60)

        with concurrent.futures.ThreadPoolExecutor(max_workers=200) as pool:
            responses = list(pool.map(grab, tokens))
        server_log = server.log_tail()

    statuses = [r.status_code for r in responses]
    assert statuses.count(201) == 50, server_log
    assert statuses.count(410) == 150, server_log
    winners = {r.json()["grab_id"]: r.json()["coverage_fen"] for r in responses if r.status_code == 201}
    rows = recorded_grabs(app)
    assert {row.public_id: row.coverage_fen for row in rows} == winners
    assert len({row.user_id for row in rows}) == 50
    assert len({row.share_id for row in rows}) == 50
    assert sum(row.coverage_fen for row in rows) == total
    if gate == "postgres":
        with app.app_context():
            assert not redis_store.keys("{envelope:*"), "the Redis gate was never built"


def test_a_redis_restart_mid_run_neither_gives_a_share_twice_nor_loses_one(app, client, catalog, alice,
                                                                          backend_env, tmp_path):
    total = 50 * 200_000
    envelope = create_paid_envelope(app, client, alice, total=total, shares=50, mode="equal")
    tokens = make_users(app, 100)
    redis_server = EmbeddedRedis(tmp_path).start()
    url_path = f"/api/v1/envelopes/{envelope['envelope_id']}/grab"
    granted = {}
    lock = threading.Lock()
    try:
        with GunicornServer(on_own_redis(backend_env, redis_server.url)) as server:
            def keep_trying(token):
                """A user taps again until the envelope answers for good (201, 409 or 410)."""
                for _ in range(400):
                    try:
                        response = requests.post(server.url + url_path,
                                                 headers={"Authorization": f"Bearer {token}"}, timeout=30)
                    except requests.RequestException:
                        time.sleep(0.05)
                        continue
                    if response.status_code in (201, 409, 410):
                        if response.status_code == 201:
                            with lock:
                                granted[response.json()["grab_id"]] = token
                        return response.status_code
                    time.sleep(0.05)
                return None

            with concurrent.futures.ThreadPoolExecutor(max_workers=25) as pool:
                futures = [pool.submit(keep_trying, token) for token in tokens]
                while len(granted) < 15:
                    time.sleep(0.01)
                redis_server.stop()  # everything in Redis is gone: gates, cached tokens, scripts
                time.sleep(0.3)
                redis_server.start()
                outcomes = [future.result() for future in futures]
    finally:
        redis_server.stop()

    assert None not in outcomes
    rows = recorded_grabs(app)
    assert len(rows) == 50, "a share was lost"
    assert len({row.share_id for row in rows}) == 50, "a share was given twice"
    assert len({row.user_id for row in rows}) == 50
    assert sum(row.coverage_fen for row in rows) == total
    assert set(granted) == {row.public_id for row in rows}, "every 201 answered was recorded, and only those"
    assert outcomes.count(201) == 50 and outcomes.count(410) == 50
