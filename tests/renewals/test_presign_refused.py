"""WeChat refusing a pre-sign. The tests failed on the code before their fix."""

from __future__ import annotations


import sqlalchemy as sa

from app.extensions import db
from app.renewals.models import Renewal
from tests.renewals.test_walk import buy_monthly, policy, sign
from tests.support import agreement, plan_id, prepay_id_of, run_jobs
from tests.renewals.helpers import signed_without_its_payment


def test_a_fresh_contract_for_an_order_whose_contract_is_signed_is_not_a_500(app, client, catalog, alice,
                                                                            insured_adult):
    """The user signed, but the first month was not paid with it (WeChat signed the order's contract code without
    the payment); back in the mini-program they ask to sign again (/contract). WeChat refuses a pre-sign of a code
    signed already: the request was a 500. The order can still be paid by hand (/pay)."""
    order = buy_monthly(client, alice, insured_adult)
    signed_without_its_payment(app, client, alice, order["order_no"])
    for notified in (False, True):  # the SIGN not come yet, then come
        if notified:
            run_jobs(app)
        again = client.post(f"/api/v1/orders/{order['order_no']}/contract", headers=alice["headers"])
        assert again.status_code == 409, (notified, again.status_code, again.get_data()[:300])
        assert again.get_json()["error"]["code"] == "contract_signed_unpaid"
    paid_by_hand = client.post(f"/api/v1/orders/{order['order_no']}/pay", headers=alice["headers"])
    assert paid_by_hand.status_code == 200, paid_by_hand.get_json()


def test_ordering_with_auto_renewal_when_the_user_holds_the_most_contracts_is_a_409(app, client, catalog, alice,
                                                                                   insured_adult):
    """WeChat lets a user hold 10 contracts in force under a template and refuses an 11th pre-sign (RULE_LIMIT): the
    order with auto-renewal was a 500. It is a 409 saying what to do, and no order is left awaiting payment."""
    for _ in range(10):
        sign(client, buy_monthly(client, alice, insured_adult)["contract"])
    run_jobs(app)
    response = client.post("/api/v1/orders", json={
        "plan_id": plan_id(client, "accident-basic"), "insured": insured_adult, "auto_renew": True,
        **agreement(client, "accident-basic")}, headers={**alice["headers"], "Accept-Language": "en"})
    assert response.status_code == 409, (response.status_code, response.get_data()[:300])
    error = response.get_json()["error"]
    assert error["code"] == "contract_limit" and "end one in WeChat Pay" in error["message"], error
    chinese = client.post("/api/v1/orders", json={
        "plan_id": plan_id(client, "accident-basic"), "insured": insured_adult, "auto_renew": True,
        **agreement(client, "accident-basic")}, headers=alice["headers"])
    assert chinese.status_code == 409 and "自动续保" in chinese.get_json()["error"]["message"], chinese.get_json()
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Renewal)) == 10


def test_an_order_whose_contract_the_user_ended_before_paying_can_be_paid_by_hand(app, client, catalog, alice,
                                                                                  insured_adult):
    """The user signed, the first month was not paid with it, and they ended the contract in WeChat's settings
    before paying. Paying by hand (/pay) was refused 409 not_auto_renew, "This order was not made with
    auto-renewal, or it is already paid without it": neither was true, and the order could not be paid at all."""
    order = buy_monthly(client, alice, insured_adult)
    contract_id = signed_without_its_payment(app, client, alice, order["order_no"])
    run_jobs(app)  # the SIGN
    assert client.post("/sandbox/wechat/papay/terminate", json={"contract_id": contract_id}).status_code == 200
    run_jobs(app)  # the TERMINATE
    again = client.post(f"/api/v1/orders/{order['order_no']}/contract", headers=alice["headers"])
    assert again.status_code == 409 and "已终止" in again.get_json()["error"]["message"], again.get_json()
    paid_by_hand = client.post(f"/api/v1/orders/{order['order_no']}/pay", headers=alice["headers"])
    assert paid_by_hand.status_code == 200, paid_by_hand.get_json()
    prepay_id = prepay_id_of(paid_by_hand.get_json()["pay_params"])
    assert client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id}).status_code == 200
    run_jobs(app)
    shown = policy(client, alice, order["order_no"])
    assert shown["status"] == "active"
    assert shown["renewal"] is None or shown["renewal"]["status"] == "cancelled"
