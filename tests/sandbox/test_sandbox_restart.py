"""The development sandbox's WeChat remembers across a restart: what the database refers to
(a prepaid order, a user's session key, the user's "allow"s) is still there afterwards."""

from __future__ import annotations

import time

import pytest
import requests

from app import create_app
from app.core.embedded_redis import EmbeddedRedis
from app.extensions import db
from config import load_config
from tests.support import RunCommand, agreement, bearer, free_port, login, on_own_redis, plan_id, prepay_id_of

pytestmark = pytest.mark.once  # no second backend to prove anything on: CI runs it once

TEMPLATE = "sandbox-claim-progress"


@pytest.fixture
def app_on_a_persistent_redis(app, backend_env, tmp_path):
    """The app on the test database and a persistent embedded redis-server (as ``scripts/run``
    starts it) that the test stops and starts."""
    server = EmbeddedRedis(tmp_path, persistent=True).start()
    port = free_port()
    own = create_app(load_config(on_own_redis(backend_env, server.url, PORT=str(port),
                                      PUBLIC_BASE_URL=f"http://127.0.0.1:{port}")), REQUEST_LOG=False)
    yield own, server
    server.stop()
    with own.app_context():
        db.engine.dispose()


def test_an_order_made_before_the_embedded_redis_restarted_can_still_be_paid(app_on_a_persistent_redis, catalog,
                                                                            insured_adult):
    own, server = app_on_a_persistent_redis
    client = own.test_client()
    headers = bearer(login(client, "alice")["token"])
    openid = client.get("/api/v1/me", headers=headers).get_json()["openid"]
    order = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                                **agreement(client, "accident-basic"),
                                                "insured": insured_adult},
                        headers=headers).get_json()
    allowed = client.post("/sandbox/wechat/subscribe/accept", json={"openid": openid, "template_ids": [TEMPLATE]})
    assert allowed.get_json()["opt_ins"] == {TEMPLATE: 1}

    server.stop()
    server.start()

    paid = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(order["pay_params"])})
    assert paid.status_code == 200, paid.get_json()
    assert paid.get_json()["trade_state"] == "SUCCESS"
    werun = client.post("/sandbox/wechat/werun", json={"openid": openid, "steps": 12000})
    assert werun.status_code == 200, werun.get_json()
    # The data is encrypted with the session key of the login before the restart, which the app holds too.
    reported = client.post("/api/v1/rewards/werun", json=werun.get_json(), headers=headers)
    assert reported.status_code == 200, reported.get_json()
    assert reported.get_json()["steps_today"] == 12000
    allowed_again = client.post("/sandbox/wechat/subscribe/accept", json={"openid": openid, "template_ids": [TEMPLATE]})
    assert allowed_again.get_json()["opt_ins"] == {TEMPLATE: 2}


@pytest.mark.slow
def test_after_the_run_command_restarts_an_order_made_before_is_paid_and_fulfilled(tmp_path, insured_adult):
    port = free_port()  # the same both times, as ./scripts/run's 8000: the order's notify URL names it
    with RunCommand(tmp_path, port) as run:
        token = requests.post(run.url + "/api/v1/auth/login", json={"code": "sandbox:alice"}, timeout=10).json()["token"]
        products = requests.get(run.url + "/api/v1/products", timeout=10).json()
        plan = next(p["id"] for product in products for p in product["plans"] if p["code"] == "accident-basic")
        order = requests.post(run.url + "/api/v1/orders", json={"plan_id": plan,
                                                                **agreement(products, "accident-basic"),
                                                                "insured": insured_adult},
                              headers=bearer(token), timeout=10).json()

    with RunCommand(tmp_path, port) as run:
        paid = requests.post(run.url + "/sandbox/wechat/pay/confirm",
                             json={"prepay_id": prepay_id_of(order["pay_params"])}, timeout=10)
        assert paid.status_code == 200, paid.text
        deadline = time.monotonic() + 30
        status = None
        while time.monotonic() < deadline and status != "fulfilled":
            time.sleep(0.3)
            status = requests.get(f"{run.url}/api/v1/orders/{order['order_no']}", headers=bearer(token),
                                  timeout=10).json()["status"]
        assert status == "fulfilled"  # WeChat Pay's notification came from the worker, and the policy was issued
