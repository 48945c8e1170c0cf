"""The sandbox's contract deduction: WeChat's endpoints judge their windows at the caller's X-Sandbox-Now,
whatever the sandbox's own clock says; the user's side (confirm, terminate, decline) refuses what WeChat's
user could not do, in the API's error shape."""

from __future__ import annotations

import json

import requests

from app.wechat.pay.papay_types import FirstPayment
from tests.sandbox.test_pay_v3 import assert_signed_by_the_platform, authorization
from tests.support import agreement, plan_id, prepay_id_of
from tests.wechat.test_papay import MONTHLY_FEN, confirm, openid_of, presign, signed_contract


def schedule_over_http(app, contract_id: str, period: int, now: str | None):
    """A merchant's schedule call sent by hand to the live server (no clock of ours involved)."""
    url = f"/v3/papay/insurance-pay/policy-periods/contract-id/{contract_id}/policy-period-id/{period}/schedule"
    body = json.dumps({"appid": app.config["WECHAT_APPID"],
                       "scheduled_amount": {"total": MONTHLY_FEN, "currency": "CNY"}}).encode()
    headers = {"Content-Type": "application/json", "Authorization": authorization(app, "POST", url, body)}
    if now is not None:
        headers["X-Sandbox-Now"] = now
    return requests.post(app.config["LIVE_SERVER_URL"] + "/sandbox/wechat" + url, data=body, headers=headers,
                         timeout=10)


def test_the_sandbox_judges_windows_at_the_callers_time(app, client, alice):
    _, contract_id = signed_contract(app, client, openid_of(client, alice))
    # Period 2 is estimated for 1 January 2027; the real clock is nowhere near it.
    early = schedule_over_http(app, contract_id, 2, "2026-12-20T10:00:00+08:00")
    assert early.status_code == 403 and early.json()["code"] == "RULE_LIMIT"
    assert_signed_by_the_platform(app, early)
    evening = schedule_over_http(app, contract_id, 2, "2026-12-31T12:00:00Z")  # 20:00 in Beijing
    assert evening.status_code == 403 and "19:30" in evening.json()["message"]
    booked = schedule_over_http(app, contract_id, 2, "2026-12-31T09:00:00+08:00")
    assert booked.status_code == 200
    assert booked.json()["policy_period_state"] == "SCHEDULED" and booked.json()["deduct_start_date"] == "2027-01-01"


def test_an_unreadable_sandbox_time_is_a_param_error(app, client, alice):
    _, contract_id = signed_contract(app, client, openid_of(client, alice))
    for value in ("tomorrow", "2026-12-31T09:00:00", "0001-01-01T00:00:00+14:00"):  # not a time; no offset; too far
        refused = schedule_over_http(app, contract_id, 2, value)
        assert refused.status_code == 400 and refused.json()["code"] == "PARAM_ERROR"


def test_a_merchant_without_our_key_is_refused(app):
    url = "/v3/papay/insurance-pay/transactions/apply"
    response = requests.post(app.config["LIVE_SERVER_URL"] + "/sandbox/wechat" + url, json={}, timeout=10)
    assert response.status_code == 401 and response.json()["code"] == "SIGN_ERROR"


# -- the user's side ------------------------------------------------------------------------------

def error_code(response) -> str:
    return response.get_json()["error"]["code"]


def test_confirm_refuses_what_cannot_be_signed(app, client, alice):
    unknown = client.post("/sandbox/wechat/papay/confirm", json={"pre_entrustweb_id": "nosuch"})
    assert unknown.status_code == 404 and error_code(unknown) == "unknown_pre_entrustweb_id"
    bad = client.post("/sandbox/wechat/papay/confirm", json={"pre_entrustweb_id": ""})
    assert bad.status_code == 400 and error_code(bad) == "validation_error"
    _, session = presign(app, openid_of(client, alice))
    no_time = client.post("/sandbox/wechat/papay/confirm", json={"pre_entrustweb_id": session.pre_entrustweb_id},
                          headers={"X-Sandbox-Now": "soon"})
    assert no_time.status_code == 400 and error_code(no_time) == "validation_error"

    # Two pre-signs of one code: once one is signed, WeChat will not sign the other.
    request, first = presign(app, openid_of(client, alice), code="RCCTWICE")
    _, second = presign(app, openid_of(client, alice), code="RCCTWICE")
    assert confirm(client, first.pre_entrustweb_id).status_code == 200
    refused = confirm(client, second.pre_entrustweb_id)
    assert refused.status_code == 409 and error_code(refused) == "sign_refused"


def test_confirm_does_not_take_a_second_payment_for_a_paid_order(app, client, catalog, alice, insured_adult):
    order = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-plus"),
                                                "insured": insured_adult, **agreement(client, "accident-plus")}, headers=alice["headers"]).get_json()
    total = order["amount_fen"]
    _, session = presign(app, openid_of(client, alice), amount=total,
                         first=FirstPayment(order["order_no"], total, "意外险首月"))
    # The user paid by hand meanwhile (the unsigned path).
    paid = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(order["pay_params"])})
    assert paid.status_code == 200
    refused = confirm(client, session.pre_entrustweb_id)
    assert refused.status_code == 409 and error_code(refused) == "not_payable"


def test_terminate_and_decline_name_what_they_do_not_know(client, alice):
    unknown = client.post("/sandbox/wechat/papay/terminate", json={"contract_id": "200000000000000009"})
    assert unknown.status_code == 404 and error_code(unknown) == "unknown_contract"
    stranger = client.post("/sandbox/wechat/papay/decline", json={"openid": "oNobodyAtAll"})
    assert stranger.status_code == 404 and error_code(stranger) == "unknown_openid"
    zero = client.post("/sandbox/wechat/papay/decline", json={"openid": openid_of(client, alice), "times": 0})
    assert zero.status_code == 400 and error_code(zero) == "validation_error"
    twice = client.post("/sandbox/wechat/papay/decline", json={"openid": openid_of(client, alice), "times": 2})
    assert twice.get_json()["declines_left"] == 2

