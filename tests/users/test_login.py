"""Logging in with WeChat through the sandbox, tokens, logout and the phone number."""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa

from app.auth.models import AuthToken
from app.core import clock
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


def test_profile_update_sets_nickname_and_avatar(client, alice):
    response = client.patch(
        "/api/v1/me", json={"nickname": "Alice", "avatar_url": "https://thirdwx.qlogo.cn/a.png"}, headers=alice["headers"]
    )
    assert response.status_code == 200
    body = client.get("/api/v1/me", headers=alice["headers"]).get_json()
    assert body["nickname"] == "Alice"
    assert body["avatar_url"] == "https://thirdwx.qlogo.cn/a.png"
    assert body["openid"].startswith("o") and len(body["openid"]) == 28


def test_profile_update_refuses_bad_values_and_unknown_fields(client, alice):
    for payload, field in (({"nickname": ""}, "nickname"), ({"avatar_url": "javascript:alert(1)"}, "avatar_url"),
                           ({"openid": "someone-else"}, "openid")):
        response = client.patch("/api/v1/me", json=payload, headers=alice["headers"])
        assert response.status_code == 422
        assert field in response.get_json()["error"]["details"]["fields"]


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


PNG_1x1 = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
           b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def test_an_uploaded_avatar_becomes_the_profile_picture_at_a_public_url(app, client, alice):
    import io

    response = client.post("/api/v1/me/avatar", data={"file": (io.BytesIO(PNG_1x1), "wxfile://tmp_1.png")},
                           headers=alice["headers"], content_type="multipart/form-data")
    assert response.status_code == 200
    url = response.get_json()["avatar_url"]
    assert url.startswith(app.config["PUBLIC_BASE_URL"] + "/media/avatars/") and url.endswith(".png")
    assert client.get("/api/v1/me", headers=alice["headers"]).get_json()["avatar_url"] == url
    served = client.get(url[len(app.config["PUBLIC_BASE_URL"]):])
    assert served.status_code == 200 and served.data == PNG_1x1


def test_an_avatar_that_is_not_an_image_is_refused(client, alice):
    import io

    response = client.post("/api/v1/me/avatar", data={"file": (io.BytesIO(b"<script>x</script>"), "me.png")},
                           headers=alice["headers"], content_type="multipart/form-data")
    assert response.status_code == 422 and response.get_json()["error"]["code"] == "unsupported_file_type"
    assert client.get("/media/avatars/../../secrets.json").status_code == 404
    assert client.get("/media/avatars/" + "0" * 64 + ".png").status_code == 404
