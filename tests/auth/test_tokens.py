"""Bearer tokens: stored only as a hash, expiring, revoked one at a time at logout, and refused when
forged, missing or malformed."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.auth.models import AuthToken
from app.core import clock
from app.extensions import db
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
