"""Logging in with WeChat through the sandbox, the phone number, and the login rate limit."""

from __future__ import annotations

import json

import sqlalchemy as sa

from app.extensions import db
from app.users.models import User
from tests.support import bearer, config_set, login


def test_logging_in_twice_is_one_user_with_two_working_tokens(client, app_ctx):
    first = login(client, "alice")
    second = login(client, "alice")

    assert first["user"]["id"] == second["user"]["id"]
    assert first["token"] != second["token"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1
    for token in (first["token"], second["token"]):
        response = client.get("/api/v1/me", headers=bearer(token))
        assert response.status_code == 200
        assert response.get_json()["id"] == first["user"]["id"]


def test_two_sandbox_names_are_two_users(client):
    assert login(client, "alice")["user"]["id"] != login(client, "bob")["user"]["id"]


def test_login_answers_token_expiry_and_user(client):
    body = login(client, "carol")
    assert set(body) == {"token", "expires_in", "user"}
    assert body["expires_in"] > 0
    assert body["user"] == {"id": body["user"]["id"], "nickname": None, "phone_masked": None}


def test_a_code_wechat_rejects_is_401_invalid_code(client, app_ctx):
    response = client.post("/api/v1/auth/login", json={"code": "not-a-sandbox-code"})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_code"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_login_without_code_is_422_naming_the_field(client):
    response = client.post("/api/v1/auth/login", json={})
    assert response.status_code == 422
    assert "code" in response.get_json()["error"]["details"]["fields"]


def test_session_key_appears_in_no_response(client, app_ctx):
    responses = []
    login_response = client.post("/api/v1/auth/login", json={"code": "sandbox:alice"})
    responses.append(login_response)
    headers = bearer(login_response.get_json()["token"])
    responses.append(client.post("/api/v1/auth/phone", json={"code": "sandbox-phone:13800138000"}, headers=headers))
    responses.append(client.patch("/api/v1/me", json={"nickname": "Alice"}, headers=headers))
    responses.append(client.get("/api/v1/me", headers=headers))
    responses.append(client.get("/api/v1/config"))

    from app.users.services import session_key_of

    user = db.session.scalars(sa.select(User)).one()
    session_key = session_key_of(user)
    assert session_key and len(session_key) >= 16
    for response in responses:
        body = response.get_data(as_text=True)
        assert session_key not in body
        assert "session_key" not in body
        assert session_key not in json.dumps(dict(response.headers))


def test_phone_is_stored_encrypted_with_a_lookup_hash_and_shown_masked(client, alice, app_ctx):
    response = client.post("/api/v1/auth/phone", json={"code": "sandbox-phone:13800138000"}, headers=alice["headers"])
    assert response.status_code == 200
    assert response.get_json() == {"phone_masked": "138****8000"}

    user = db.session.scalars(sa.select(User)).one()
    assert "13800138000" not in (user.phone_encrypted or "")
    assert user.phone_hash and "13800138000" not in user.phone_hash
    assert client.get("/api/v1/me", headers=alice["headers"]).get_json()["phone_masked"] == "138****8000"

    from app.users.services import find_by_phone

    assert [u.id for u in find_by_phone("13800138000")] == [user.id]
    assert find_by_phone("13800138001") == []


def test_the_same_phone_encrypts_differently_each_time(client, alice, bob, app_ctx):
    for who in (alice, bob):
        client.post("/api/v1/auth/phone", json={"code": "sandbox-phone:13900000000"}, headers=who["headers"])
    rows = db.session.execute(sa.select(User.phone_encrypted, User.phone_hash)).all()
    assert rows[0].phone_encrypted != rows[1].phone_encrypted
    assert rows[0].phone_hash == rows[1].phone_hash


def test_a_phone_code_wechat_rejects_is_422_not_401(client, alice):
    response = client.post("/api/v1/auth/phone", json={"code": "sandbox-phone:123"}, headers=alice["headers"])
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "invalid_code"
    # The user stays logged in: the client must not be sent back to wx.login.
    assert client.get("/api/v1/me", headers=alice["headers"]).status_code == 200


def test_login_is_rate_limited_per_client_ip(app, client):
    with config_set(app, LOGIN_RATE_LIMIT="3/minute"):
        statuses = [client.post("/api/v1/auth/login", json={"code": "sandbox:alice"}).status_code for _ in range(4)]
        other_ip = client.post("/api/v1/auth/login", json={"code": "sandbox:alice"},
                               environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert statuses == [200, 200, 200, 429]
    assert other_ip.status_code == 200
    response = client.post("/api/v1/auth/login", json={"code": "sandbox:alice"}, environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert response.status_code == 200


def test_rate_limited_answer_uses_the_error_shape(app, client):
    with config_set(app, LOGIN_RATE_LIMIT="1/minute"):
        client.post("/api/v1/auth/login", json={"code": "sandbox:alice"})
        response = client.post("/api/v1/auth/login", json={"code": "sandbox:alice"})
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "rate_limited"
    assert int(response.headers["Retry-After"]) > 0
