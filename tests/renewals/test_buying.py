"""Buying a monthly plan with auto-renewal: what may renew, a fresh pre-sign while unpaid, the unsigned path
that pays one month through /pay, and an idempotent replay."""

from __future__ import annotations

from tests.renewals.test_walk import buy_monthly, policy, sign
from tests.support import agreement, plan_id, prepay_id_of, run_jobs


def error_code(response) -> str:
    return response.get_json()["error"]["code"]


def test_only_plans_that_renew_take_auto_renew(client, catalog, alice, insured_adult):
    plans = {plan["code"]: plan["auto_renew"] for product in client.get("/api/v1/products").get_json()
             for plan in product["plans"]}
    assert plans["accident-basic"] and plans["accident-plus"] and not plans["hospital-basic"]
    yearly = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "hospital-basic"), "auto_renew": True,
                                                 "insured": insured_adult}, headers=alice["headers"])
    assert yearly.status_code == 422 and error_code(yearly) == "auto_renew_not_available"
    with_coupon = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                                      "auto_renew": True, "coupon_id": 1, "insured": insured_adult},
                              headers=alice["headers"])
    assert with_coupon.status_code == 422 and error_code(with_coupon) == "auto_renew_with_coupon"


def test_an_unpaid_order_gets_a_fresh_contract_and_a_replay_shows_one_only_while_unpaid(
        app, client, catalog, alice, insured_adult):
    headers = dict(alice["headers"], **{"Idempotency-Key": "monthly-1"})
    body = {"plan_id": plan_id(client, "accident-basic"), "insured": insured_adult, "auto_renew": True,
            **agreement(client, "accident-basic")}
    first = client.post("/api/v1/orders", json=body, headers=headers).get_json()
    fresh = client.post(f"/api/v1/orders/{first['order_no']}/contract", headers=alice["headers"])
    assert fresh.status_code == 200
    assert fresh.get_json()["contract"]["pre_entrustweb_id"] != first["contract"]["pre_entrustweb_id"]
    replay = client.post("/api/v1/orders", json=body, headers=headers).get_json()
    assert replay["order_no"] == first["order_no"] and replay["contract"] and replay["pay_params"] is None

    sign(client, fresh.get_json()["contract"])
    run_jobs(app)
    paid = client.post("/api/v1/orders", json=body, headers=headers).get_json()
    assert paid["status"] == "fulfilled" and paid["contract"] is None and paid["pay_params"] is None
    again = client.post(f"/api/v1/orders/{first['order_no']}/contract", headers=alice["headers"])
    assert again.status_code == 409 and error_code(again) == "order_not_payable"
    twice = client.post(f"/api/v1/orders/{first['order_no']}/pay", headers=alice["headers"])
    assert twice.status_code == 409 and error_code(twice) == "order_not_payable"


def test_coming_back_without_signing_pays_one_month_by_hand(app, client, catalog, alice, insured_adult):
    order = buy_monthly(client, alice, insured_adult)
    paying = client.post(f"/api/v1/orders/{order['order_no']}/pay", headers=alice["headers"])
    assert paying.status_code == 200 and paying.get_json()["contract"] is None
    prepay_id = prepay_id_of(paying.get_json()["pay_params"])
    assert client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id}).status_code == 200
    run_jobs(app)
    shown = policy(client, alice, order["order_no"])
    assert shown["status"] == "active" and shown["renewal"] is None
    # Renewal is off: no contract to ask for any more.
    refused = client.post(f"/api/v1/orders/{order['order_no']}/contract", headers=alice["headers"])
    assert refused.status_code == 409


def test_an_ordinary_order_has_no_contract(client, catalog, alice, insured_adult):
    order = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                                "insured": insured_adult, **agreement(client, "accident-basic")},
                        headers=alice["headers"]).get_json()
    assert order["pay_params"] and order["contract"] is None
    refused = client.post(f"/api/v1/orders/{order['order_no']}/contract", headers=alice["headers"])
    assert refused.status_code == 409 and error_code(refused) == "not_auto_renew"


def test_a_cancelled_order_never_starts_renewing(app, client, catalog, alice, insured_adult):
    order = buy_monthly(client, alice, insured_adult)
    assert client.post(f"/api/v1/orders/{order['order_no']}/cancel", headers=alice["headers"]).status_code == 200
    refused = client.post(f"/api/v1/orders/{order['order_no']}/contract", headers=alice["headers"])
    assert refused.status_code == 409 and error_code(refused) == "order_not_payable"
    # The user signs the pre-sign WeChat still holds: the late payment is refunded (as any payment for a closed
    # order) and the contract nobody wants is ended.
    signed = client.post("/sandbox/wechat/papay/confirm", json={
        "pre_entrustweb_id": order["contract"]["pre_entrustweb_id"]})
    assert signed.status_code == 200
    run_jobs(app)
    ended = client.post("/sandbox/wechat/papay/terminate", json={"contract_id": signed.get_json()["contract_id"]})
    assert ended.status_code == 409 and error_code(ended) == "contract_terminated"
    assert client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()["status"] in (
        "closed", "refunded")
