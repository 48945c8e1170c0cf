"""Request logs: one JSON line each with a request id, and never a token or phone."""

from __future__ import annotations

import json
import logging

from app.core.observability import JsonFormatter
from tests.support import config_set


def test_request_log_is_json_with_request_id_and_no_secrets(app, client, caplog):
    with config_set(app, REQUEST_LOG=True), caplog.at_level(logging.INFO, logger="redcover.request"):
        token = client.post("/api/v1/auth/login", json={"code": "sandbox:alice"}).get_json()["token"]
        client.post("/api/v1/auth/phone", json={"code": "sandbox-phone:13800138000"},
                    headers={"Authorization": f"Bearer {token}", "X-Request-Id": "req-42"})
    formatter = JsonFormatter()
    lines = [formatter.format(r) for r in caplog.records if r.name == "redcover.request"]
    entries = [json.loads(line) for line in lines]
    assert {e["path"] for e in entries} >= {"/api/v1/auth/login", "/api/v1/auth/phone"}
    phone_entry = next(e for e in entries if e["path"] == "/api/v1/auth/phone")
    assert phone_entry["request_id"] == "req-42" and phone_entry["status"] == 200 and phone_entry["user_id"]
    everything = "\n".join(lines)
    for secret in (token, "13800138000", "sandbox-phone", app.config["WECHAT_SECRET"]):
        assert secret not in everything
