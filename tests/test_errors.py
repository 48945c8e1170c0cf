"""One JSON error shape for everything under /api, whatever went wrong."""

from __future__ import annotations

import logging

import pytest

from app import create_app
from config import load_config


def assert_error_shape(response, status, code=None):
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def test_unknown_path_is_404_json(client):
    assert_error_shape(client.get("/api/v1/no-such-thing"), 404, "not_found")


def test_unknown_webhook_paths_are_404_json(client):
    assert_error_shape(client.post("/webhooks/insurer/nothing"), 404, "not_found")


def test_wrong_method_is_405_json(client):
    assert_error_shape(client.delete("/api/v1/auth/login"), 405, "method_not_allowed")


def test_malformed_json_is_400(client):
    response = client.post("/api/v1/auth/login", data="{not json", content_type="application/json")
    assert_error_shape(response, 400, "malformed_json")


def test_unknown_fields_are_422_and_named(client):
    response = client.post("/api/v1/auth/login", json={"code": "sandbox:alice", "admin": True})
    error = assert_error_shape(response, 422, "validation_error")
    assert error["details"]["fields"] == {"admin": ["不接受此字段。"]}
    assert error["message"] == "部分信息填写有误。"


def test_validation_messages_follow_the_requests_language_and_codes_never_do(client):
    body = {"code": "sandbox:alice", "admin": True}
    english = client.post("/api/v1/auth/login", json=body, headers={"Accept-Language": "en-US,zh;q=0.5"})
    error = assert_error_shape(english, 422, "validation_error")
    assert error["message"] == "Some of the information is not valid."
    assert error["details"]["fields"] == {"admin": ["This field is not accepted here."]}
    assert english.headers["Content-Language"] == "en"
    chinese = client.post("/api/v1/auth/login", json=body, headers={"Accept-Language": "fr-FR, en;q=0.8"})
    assert assert_error_shape(chinese, 422, "validation_error")["message"] == "部分信息填写有误。"
    assert chinese.headers["Content-Language"] == "zh-CN"


@pytest.mark.parametrize("path", ["/api/v1/policies/P000000000000", "/api/v1/envelopes/env_nope", "/api/v1/products/999"])
def test_an_unknown_id_is_answered_in_chinese_unless_english_is_asked_for(client, alice, path):
    response = client.get(path, headers=alice["headers"])
    error = assert_error_shape(response, 404, response.get_json()["error"]["code"])
    assert error["message"].startswith("没有")
    assert response.headers["Content-Language"] == "zh-CN" and "Accept-Language" in response.headers["Vary"]
    english = client.get(path, headers={**alice["headers"], "Accept-Language": "en"}).get_json()["error"]
    assert english["message"].startswith("We ") and english["code"] == error["code"]


def test_wrong_types_are_422_and_named(client):
    error = assert_error_shape(client.post("/api/v1/auth/login", json={"code": 12}), 422)
    assert "code" in error["details"]["fields"]


def test_a_json_array_body_is_422(client):
    assert_error_shape(client.post("/api/v1/auth/login", json=["sandbox:alice"]), 422)


def test_an_oversized_body_is_413(client):
    response = client.post("/api/v1/auth/login", json={"code": "x" * 100_000})
    assert_error_shape(response, 413, "payload_too_large")


@pytest.fixture
def app_with_a_broken_view(backend_env):
    app = create_app(load_config(backend_env), REQUEST_LOG=False)

    @app.get("/api/v1/test-broken")
    def broken():
        raise RuntimeError("secret internals: /srv/redcover/app.py line 42")

    return app


def test_an_unexpected_error_is_500_json_without_a_stack_trace(app_with_a_broken_view, caplog):
    with caplog.at_level(logging.ERROR):
        response = app_with_a_broken_view.test_client().get("/api/v1/test-broken")
    error = assert_error_shape(response, 500, "internal_error")
    assert "secret internals" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
    assert error["details"] == {}
    assert any("secret internals" in (r.exc_text or "") or r.exc_info for r in caplog.records)
