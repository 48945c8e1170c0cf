"""Bearer tokens: stored only as a hash, expiring, revoked one at a time at logout, and refused when
forged, missing or malformed."""

from __future__ import annotations

import datetime as dt
import time

import sqlalchemy as sa

from app import create_app
from app.auth.models import AuthToken
from app.core import clock
from app.extensions import db, redis_store
from config import load_config
from tests.support import bearer, login


def test_token_is_stored_only_as_a_hash(client, app_ctx):
    token = login(client, "alice")["token"]
    stored = db.session.scalars(sa.select(AuthToken.token_hash)).all()
    assert len(stored) == 1
    assert token not in stored[0] and stored[0] != token


def test_logout_revokes_only_that_token(client):
    first = login(client, "alice")["token"]
    second = login(client, "alice")["token"]
    assert client.get("/api/v1/me", headers=bearer(first)).status_code == 200  # now cached

    assert client.post("/api/v1/auth/logout", headers=bearer(first)).status_code == 204

    response = client.get("/api/v1/me", headers=bearer(first))
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_token"
    assert client.get("/api/v1/me", headers=bearer(second)).status_code == 200


def test_expired_token_is_refused(client):
    token = login(client, "alice")["token"]
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    later = clock.now() + dt.timedelta(days=31)
    with clock.frozen_at(later):
        response = client.get("/api/v1/me", headers=bearer(token))
    assert response.status_code == 401


def test_forged_missing_and_malformed_tokens_are_refused(client):
    real = login(client, "alice")["token"]
    forged = real[:-4] + ("AAAA" if not real.endswith("AAAA") else "BBBB")
    for headers in ({}, bearer(forged), bearer("rc_" + "x" * 43), {"Authorization": "Basic abc"},
                    {"Authorization": "Bearer"}):
        response = client.get("/api/v1/me", headers=headers)
        assert response.status_code == 401, headers
        assert response.get_json()["error"]["code"] in {"invalid_token", "missing_token"}


def _answers_without_asking_redis(client, token: str, app) -> bool:
    """Whether ``client``'s node answers a request with ``token`` from its own copy: Redis counts no GET for it."""
    with app.app_context():
        def gets() -> int:
            return redis_store.single.info("commandstats").get("cmdstat_get", {}).get("calls", 0)
        before = gets()
        assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200
        return gets() == before


def test_a_logout_on_one_node_ends_the_session_at_once_on_another_that_kept_a_copy_of_the_token(app, client,
                                                                                              backend_env):
    other_node = create_app(load_config(backend_env), REQUEST_LOG=False)
    other = other_node.test_client()
    token = login(client, "alice")["token"]
    if other_node.config["REDIS_NEAR_CACHE"] and not other_node.config.get("REDIS_CLUSTER_URL"):
        deadline = time.monotonic() + 5
        while not _answers_without_asking_redis(other, token, other_node):  # its tracking connection comes up
            assert time.monotonic() < deadline, "the other node never kept its own copy of the token"
            time.sleep(0.02)
    assert other.get("/api/v1/me", headers=bearer(token)).status_code == 200

    assert client.post("/api/v1/auth/logout", headers=bearer(token)).status_code == 204

    assert other.get("/api/v1/me", headers=bearer(token)).status_code == 401  # no wait: the next request
    with other_node.app_context():
        db.engine.dispose()
