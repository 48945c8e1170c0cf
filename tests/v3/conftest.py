"""A second app on the session's database and Redis, configured for WeChat Pay v3.

It depends on the session ``app`` fixture, so the migrations have run and the
per-test cleanup (``clean_state`` empties the tables and Redis after any test that
uses ``app``) covers everything a v3 test leaves behind. It has its own live server:
its sandbox and its notify URL are its own.
"""

from __future__ import annotations

import pytest

from app import create_app
from app.extensions import db
from config import load_config
from tests.support import LiveServer, free_port, login, plan_id


@pytest.fixture(scope="session")
def v3_app(app, backend_env):
    port = free_port()
    env = dict(backend_env, WECHAT_PAY_VERSION="v3", PORT=str(port), PUBLIC_BASE_URL=f"http://127.0.0.1:{port}")
    v3 = create_app(load_config(env), REQUEST_LOG=False)
    server = LiveServer(v3, port).start()
    v3.config["LIVE_SERVER_URL"] = server.url
    yield v3
    server.stop()
    with v3.app_context():
        db.engine.dispose()


@pytest.fixture
def v3_client(v3_app):
    return v3_app.test_client()


@pytest.fixture
def carol(v3_client):
    """A sandbox user logged in through the v3 app."""
    body = login(v3_client, "carol")
    return {"token": body["token"], "user": body["user"], "headers": {"Authorization": f"Bearer {body['token']}"}}


@pytest.fixture
def v3_order(v3_client, catalog, carol, insured_adult):
    """A created (unpaid) accident-plus order of carol's, prepaid through Pay v3: its JSON body."""
    response = v3_client.post("/api/v1/orders", json={"plan_id": plan_id(v3_client, "accident-plus"),
                                                      "insured": insured_adult}, headers=carol["headers"])
    assert response.status_code == 201, response.get_json()
    return response.get_json()
