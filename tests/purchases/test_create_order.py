"""Creating an order: validated insured, server-side price, prepay at WeChat Pay, idempotent retries."""

from __future__ import annotations

import concurrent.futures
import threading

import pytest
import requests
import sqlalchemy as sa
from wechatpy.pay.utils import calculate_signature

from app.core import clock
from app.extensions import db
from app.orders.models import Order
from app.purchases.models import Application
from app.wechat import pay
from tests.support import GunicornServer, agreement, app_without_wechat, plan_id, prepay_id_of, resident_id


def order_body(client, insured, plan_code="accident-basic", **extra):
    return {"plan_id": plan_id(client, plan_code), **agreement(client, plan_code), "insured": insured, **extra}


def order_count(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Order))


def test_order_is_priced_on_the_server_and_carries_signed_pay_params(app, client, catalog, alice, insured_adult):
    response = client.post("/api/v1/orders", json=order_body(client, insured_adult, "accident-plus"),
                           headers=alice["headers"])
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["status"] == "created"
    assert (body["amount_fen"], body["discount_fen"]) == (1600, 0)
    assert body["order_no"].startswith("RC") and len(body["order_no"]) == 24

    params = body["pay_params"]
    assert set(params) == {"timeStamp", "nonceStr", "package", "signType", "paySign"}
    assert params["signType"] == "MD5"
    signed = {k: v for k, v in params.items() if k != "paySign"}
    expected = calculate_signature(dict(signed, appId=app.config["WECHAT_APPID"]), app.config["WECHAT_PAY_API_KEY"])
    assert params["paySign"] == expected


def test_the_prepay_reached_wechat_pay_with_our_amount_and_window(app, client, catalog, alice, insured_adult):
    body = client.post("/api/v1/orders", json=order_body(client, insured_adult), headers=alice["headers"]).get_json()
    from app.sandbox.pay_state import load_order

    with app.app_context():
        at_wechat = load_order(body["order_no"])
        assert at_wechat["prepay_id"] == prepay_id_of(body["pay_params"])
        assert at_wechat["total_fee"] == "500"
        assert at_wechat["notify_url"] == app.config["PUBLIC_BASE_URL"] + "/webhooks/wechatpay/notify"
        order = db.session.scalars(sa.select(Order)).one()
        created = order.created_at.astimezone(clock.SHANGHAI).strftime("%Y%m%d%H%M%S")
        expires = order.expires_at.astimezone(clock.SHANGHAI).strftime("%Y%m%d%H%M%S")
        assert (at_wechat["time_start"], at_wechat["time_expire"]) == (created, expires)
        assert (order.expires_at - order.created_at).total_seconds() == 30 * 60
        assert pay.gateway().query(body["order_no"]).state == "NOTPAY"


def test_the_insured_is_stored_encrypted_and_shown_masked(app, client, catalog, alice, insured_adult):
    client.post("/api/v1/orders", json=order_body(client, insured_adult), headers=alice["headers"])
    with app.app_context():
        application = db.session.scalars(sa.select(Application)).one()
        assert insured_adult["id_number"] not in application.insured_id_encrypted
        # The first and last characters alone (docs/domain.md, Users and identity).
        assert application.insured_id_masked == (insured_adult["id_number"][:1] + "*" * 16
                                                 + insured_adult["id_number"][-1:])
        assert application.insured_name_masked == "张*"


def test_a_mistyped_identity_number_is_422_on_that_field(client, catalog, alice, insured_adult):
    typo = insured_adult["id_number"][:-1] + ("0" if insured_adult["id_number"][-1] != "0" else "1")
    response = client.post("/api/v1/orders", json=order_body(client, dict(insured_adult, id_number=typo)),
                           headers=alice["headers"])
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid_id_number"
    assert "输错" in error["details"]["fields"]["insured.id_number"][0]


def test_an_impossible_birth_date_is_refused(client, catalog, alice):
    response = client.post("/api/v1/orders", json=order_body(client, {"name": "李四", "id_number": resident_id("19900231")}),
                           headers=alice["headers"])
    assert response.status_code == 422
    assert "insured.id_number" in response.get_json()["error"]["details"]["fields"]


def test_ages_outside_the_plan_are_refused_with_a_reason(client, catalog, alice):
    too_old = {"name": "王五", "id_number": resident_id("19500101")}
    response = client.post("/api/v1/orders", json=order_body(client, too_old), headers=alice["headers"])
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "age_not_covered"
    assert "投保年龄为18至60周岁" in error["message"]
    child = {"name": "小明", "id_number": resident_id("20200601")}
    assert client.post("/api/v1/orders", json=order_body(client, child), headers=alice["headers"]).status_code == 422
    assert client.post("/api/v1/orders", json=order_body(client, child, "hospital-basic"),
                       headers=alice["headers"]).status_code == 201


def test_gift_and_unknown_plans_cannot_be_ordered(app, client, catalog, alice, insured_adult):
    gift = client.post("/api/v1/orders", json=order_body(client, insured_adult, "gift-accident-30d"),
                       headers=alice["headers"])
    assert gift.status_code == 422
    assert gift.get_json()["error"]["code"] == "plan_not_for_sale"
    assert "plan_id" in gift.get_json()["error"]["details"]["fields"]
    unknown = client.post("/api/v1/orders", json={"plan_id": 999999, "insured": insured_adult}, headers=alice["headers"])
    assert unknown.status_code == 422 and unknown.get_json()["error"]["code"] == "unknown_plan"
    assert order_count(app) == 0


def test_bad_order_bodies_name_the_field(client, catalog, alice, insured_adult):
    cases = [
        ({"insured": insured_adult}, "plan_id"),
        ({"plan_id": plan_id(client, "accident-basic")}, "insured"),
        ({"plan_id": "1", "insured": insured_adult}, "plan_id"),
        ({"plan_id": plan_id(client, "accident-basic"), **agreement(client, "accident-basic"),
          "insured": {"name": "x"}}, "insured.id_number"),
        (order_body(client, insured_adult, amount_fen=1), "amount_fen"),
        (order_body(client, dict(insured_adult, phone="1")), "insured.phone"),
    ]
    for body, field in cases:
        response = client.post("/api/v1/orders", json=body, headers=alice["headers"])
        assert response.status_code == 422, body
        assert field in response.get_json()["error"]["details"]["fields"], (field, response.get_json())


def test_orders_need_a_login(client, catalog, insured_adult):
    assert client.post("/api/v1/orders", json=order_body(client, insured_adult)).status_code == 401


def test_same_idempotency_key_and_body_replays_the_first_answer(app, client, catalog, alice, insured_adult):
    headers = dict(alice["headers"], **{"Idempotency-Key": "checkout-1"})
    body = order_body(client, insured_adult)  # one body: built twice, its agreement time could tick over a second
    first = client.post("/api/v1/orders", json=body, headers=headers)
    second = client.post("/api/v1/orders", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.get_json() == second.get_json()
    assert order_count(app) == 1


@pytest.mark.slow
def test_twenty_concurrent_creations_with_one_key_answer_one_order_and_no_503(app, backend_env, client, catalog,
                                                                             alice, insured_adult):
    """A double tap times ten, on a server with few threads: the request holding the key prepays at
    WeChat while the others wait on it, and nothing it calls needs one of its server's threads."""
    body = order_body(client, insured_adult)
    headers = dict(alice["headers"], **{"Idempotency-Key": "one-tap"})
    with GunicornServer(backend_env, workers=1, threads=4) as server:
        start = threading.Barrier(20)

        def create(_):
            start.wait()
            return requests.post(server.url + "/api/v1/orders", json=body, headers=headers, timeout=60)

        with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
            responses = list(pool.map(create, range(20)))
        server_log = server.log_tail()
    assert [r.status_code for r in responses] == [201] * 20, server_log
    assert len({r.json()["order_no"] for r in responses}) == 1
    assert order_count(app) == 1


def test_same_idempotency_key_with_another_body_is_409(app, client, catalog, alice, insured_adult):
    headers = dict(alice["headers"], **{"Idempotency-Key": "checkout-2"})
    client.post("/api/v1/orders", json=order_body(client, insured_adult), headers=headers)
    other = client.post("/api/v1/orders", json=order_body(client, insured_adult, "accident-plus"), headers=headers)
    assert other.status_code == 409
    assert other.get_json()["error"]["code"] == "idempotency_conflict"
    assert order_count(app) == 1


def test_an_idempotency_key_is_per_user(app, client, catalog, alice, bob, insured_adult):
    body = order_body(client, insured_adult)
    for who in (alice, bob):
        assert client.post("/api/v1/orders", json=body,
                           headers=dict(who["headers"], **{"Idempotency-Key": "k"})).status_code == 201
    assert order_count(app) == 2


def test_a_refused_request_does_not_use_up_its_key(app, client, catalog, alice, insured_adult):
    headers = dict(alice["headers"], **{"Idempotency-Key": "k-refused"})
    bad = dict(insured_adult, id_number="110105199003070000")
    assert client.post("/api/v1/orders", json=order_body(client, bad), headers=headers).status_code == 422
    assert client.post("/api/v1/orders", json=order_body(client, insured_adult), headers=headers).status_code == 201


def test_another_users_order_is_404(client, catalog, alice, bob, insured_adult):
    order_no = client.post("/api/v1/orders", json=order_body(client, insured_adult),
                           headers=alice["headers"]).get_json()["order_no"]
    assert client.get(f"/api/v1/orders/{order_no}", headers=alice["headers"]).status_code == 200
    assert client.get(f"/api/v1/orders/{order_no}", headers=bob["headers"]).status_code == 404
    assert client.get("/api/v1/orders/RC000", headers=bob["headers"]).status_code == 404


def test_wechat_pay_unreachable_is_503_and_leaves_no_order(app, backend_env, client, catalog, alice, insured_adult):
    offline = app_without_wechat(backend_env)
    response = offline.test_client().post("/api/v1/orders", json=order_body(client, insured_adult),
                                          headers=alice["headers"])
    assert response.status_code == 503
    assert response.get_json()["error"]["details"]["dependency"] == "wechat"
    assert order_count(app) == 0
