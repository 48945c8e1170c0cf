"""A contract WeChat signed whose SIGN notification never reached us, on a renewal that no longer waits for it.
Each test failed on the code before its fix."""

from __future__ import annotations

import datetime as dt


from app.core import clock
from tests.renewals.test_review_weaknesses import lose_notifications
from tests.renewals.test_walk import buy_monthly, policy, renewals_run
from tests.support import prepay_id_of, run_jobs
from tests.renewals.helpers import signed_without_its_payment


def test_a_contract_signed_without_its_payment_and_never_notified_is_ended_after_paying_by_hand(
        app, client, catalog, alice, insured_adult):
    """The user signed in WeChat's signing page, but the first month's payment failed there (WeChat signed the
    order's contract code without the payment), and WeChat's SIGN notification never reached us. Back in the
    mini-program the user paid by hand (/pay): a one-month policy, renewal off. The contract stayed in force at
    WeChat for ever, with nothing behind it: shown in the user's 自动续费 settings and holding one of their 10
    places under the template (the pass asks WeChat only about renewals still waiting to be signed)."""
    order = buy_monthly(client, alice, insured_adult)
    contract_id = signed_without_its_payment(app, client, alice, order["order_no"])
    lose_notifications(app)  # the SIGN never comes
    paid_by_hand = client.post(f"/api/v1/orders/{order['order_no']}/pay", headers=alice["headers"])
    assert paid_by_hand.status_code == 200, paid_by_hand.get_json()
    prepay_id = prepay_id_of(paid_by_hand.get_json()["pay_params"])
    assert client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id}).status_code == 200
    run_jobs(app)
    shown = policy(client, alice, order["order_no"])
    assert shown["status"] == "active" and shown["renewal"] is None
    later = clock.to_shanghai(clock.now()) + dt.timedelta(hours=1)
    renewals_run(app, later)
    renewals_run(app, later + dt.timedelta(minutes=10))
    # The contract was ended at WeChat: the user finds nothing left to end in WeChat's settings.
    ended = client.post("/sandbox/wechat/papay/terminate", json={"contract_id": contract_id})
    assert ended.status_code == 409, ended.get_json()
    assert policy(client, alice, order["order_no"])["renewal"] is None
