"""An operator's refund of a policy's whole premium cancels it (退保), as the holder's cooling-off cancellation does;
a partial refund, or the refund of a late or double payment, leaves it in force (docs/domain.md, Refunds)."""

from __future__ import annotations

import contextlib

import pytest

from app.payments.models import Refund
from tests.admin.support import log_in, paid_order, refund_form, rows
from tests.admin.test_refunds import a_failed_double_payment_refund, payment_of
from tests.support import agreement, bearer, login, plan_id, run_jobs


@pytest.fixture
def order(app, client, catalog, alice, insured_adult):
    return paid_order(app, client, alice, insured_adult)  # accident-plus: 16.00 yuan


def holders_policy(client, who, policy_no) -> dict:
    return client.get(f"/api/v1/policies/{policy_no}", headers=who["headers"]).get_json()


def test_an_operators_full_refund_cancels_the_policy_and_its_holder_sees_it_ended(app, client, alice, as_operator,
                                                                                   order):
    # The whole premium went back and the policy stayed 保障中: cover running that nobody paid for.
    page = as_operator.get(f"/admin/orders/{order['order_no']}").get_data(as_text=True)
    form = page[page.index('class="refund"'):page.index("</form>", page.index('class="refund"'))]
    assert f"即为退保：保单 {order['policy_no']} 的保障在退款到账时终止" in form
    assert "保单仍然有效" not in form

    payment = payment_of(app, order["order_no"])
    assert refund_form(as_operator, order["order_no"], payment.id, amount="").status_code == 303
    assert holders_policy(client, alice, order["policy_no"])["status"] == "cancelling"
    run_jobs(app)  # the sandbox's WeChat Pay refunds it and notifies us
    [refund] = rows(app, Refund)
    assert (refund.reason, refund.status) == ("operator", "succeeded")
    shown = holders_policy(client, alice, order["policy_no"])
    assert shown["status"] == "cancelled" and shown["cancelled_at"] is not None
    [listed] = client.get("/api/v1/policies", headers=alice["headers"]).get_json()
    assert (listed["status"], listed["cancelled_at"]) == ("cancelled", shown["cancelled_at"])
    # Ended: the form no longer says a refund would end it.
    page = as_operator.get(f"/admin/orders/{order['order_no']}").get_data(as_text=True)
    assert "即为退保" not in page


def test_a_partial_refund_leaves_the_policy_in_force_and_refunding_the_rest_cancels_it(app, client, alice,
                                                                                        as_operator, order):
    payment = payment_of(app, order["order_no"])
    assert refund_form(as_operator, order["order_no"], payment.id, amount="6.00").status_code == 303
    run_jobs(app)
    assert holders_policy(client, alice, order["policy_no"])["status"] == "active"
    # The rest: together the refunds give back the whole premium, so nobody pays for the cover any more.
    assert refund_form(as_operator, order["order_no"], payment.id, amount="10.00").status_code == 303
    assert holders_policy(client, alice, order["policy_no"])["status"] == "cancelling"
    run_jobs(app)
    assert holders_policy(client, alice, order["policy_no"])["status"] == "cancelled"


def test_the_refund_of_a_double_payment_leaves_the_policy_in_force(app, client, alice, as_operator, order):
    refund = a_failed_double_payment_refund(app, client, order)
    assert refund.reason == "double_payment"
    assert holders_policy(client, alice, order["policy_no"])["status"] == "active"


def test_a_full_refund_that_failed_cancels_once_an_operator_settles_it(app, client, catalog, alice, insured_adult,
                                                                      as_operator):
    """WeChat Pay refused the operator's full refund (the payment reached us by a notification the sandbox never
    made, so it has no such order to refund): the policy waits in 退保中, as after a failed cooling-off refund, and
    is cancelled once an operator has paid the premium back by hand and says so."""
    from tests.admin.test_refunds import follow_up_form
    from tests.payments.helpers import post_notification, signed_notification

    created = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-plus"),
                                                  **agreement(client, "accident-plus"), "insured": insured_adult},
                          headers=alice["headers"]).get_json()
    assert post_notification(client, signed_notification(app, created["order_no"], 1600)).status_code == 200
    policy_no = client.get(f"/api/v1/orders/{created['order_no']}", headers=alice["headers"]).get_json()["policy_no"]
    payment = payment_of(app, created["order_no"])
    assert refund_form(as_operator, created["order_no"], payment.id, amount="").status_code == 303
    run_jobs(app)
    [refund] = rows(app, Refund)
    assert (refund.reason, refund.status) == ("operator", "failed")
    assert holders_policy(client, alice, policy_no)["status"] == "cancelling"

    assert follow_up_form(as_operator, refund.refund_no).status_code == 303
    shown = holders_policy(client, alice, policy_no)
    assert shown["status"] == "cancelled" and shown["cancelled_at"] is not None


@contextlib.contextmanager
def wechat_refusing_refunds_of(app, order_no: str, amount_fen: int):
    """While the block runs, the sandbox's WeChat Pay counts the payment as refunded already (by a refund of its own
    merchant platform), so it refuses ours as more than was paid ("退款金额大于支付金额"), for good."""
    from app.extensions import redis_store
    from app.sandbox import pay_state

    elsewhere = "RFPLATFORM" + order_no[-12:]
    with app.app_context():
        pay_state.save_refund({"out_refund_no": elsewhere, "out_trade_no": order_no, "refund_fee": str(amount_fen)})
    try:
        yield
    finally:
        with app.app_context():
            redis_store.single.delete(pay_state.REFUND_KEY + elsewhere)
            redis_store.single.srem(pay_state.REFUNDS_OF_ORDER_KEY + order_no, elsewhere)


def test_a_part_refunded_after_the_cancelling_refund_failed_does_not_cancel_the_policy(app, client, alice,
                                                                                       as_operator, order):
    """The full refund failed (nothing went back) and the policy waits in 退保中; an operator then refunds 1 yuan of
    the 16. It was counted as the end of the cancellation: the policy was 已退保, cover gone, with 15 yuan of its
    premium still with the insurer. It is cancelled once the whole premium is back, whichever refund brings the last."""
    payment = payment_of(app, order["order_no"])
    with wechat_refusing_refunds_of(app, order["order_no"], 1600):
        assert refund_form(as_operator, order["order_no"], payment.id, amount="").status_code == 303
        run_jobs(app)
    [failed] = rows(app, Refund)
    assert (failed.amount_fen, failed.status) == (1600, "failed")
    shown = holders_policy(client, alice, order["policy_no"])
    # The holder is told the money did not come back (customer service pays it another way), not "on its way".
    assert (shown["status"], shown["refund"]) == ("cancelling", {"amount_fen": 1600, "status": "failed"})

    assert refund_form(as_operator, order["order_no"], payment.id, amount="1.00").status_code == 303
    run_jobs(app)
    assert [r.status for r in rows(app, Refund, order_by=Refund.id)] == ["failed", "succeeded"]
    shown = holders_policy(client, alice, order["policy_no"])
    assert (shown["status"], shown["cancelled_at"]) == ("cancelling", None)
    assert shown["refund"] == {"amount_fen": 1600, "status": "failed"}

    assert refund_form(as_operator, order["order_no"], payment.id, amount="15.00").status_code == 303
    assert holders_policy(client, alice, order["policy_no"])["refund"] == {"amount_fen": 1600, "status": "on_its_way"}
    run_jobs(app)
    shown = holders_policy(client, alice, order["policy_no"])
    assert shown["status"] == "cancelled" and shown["cancelled_at"] is not None
    assert shown["refund"] == {"amount_fen": 1600, "status": "returned"}


def test_a_full_refund_of_a_policy_with_a_claim_is_refused_and_a_partial_one_still_goes(app, client, alice,
                                                                                       as_operator, order):
    """The holder has a claim open. Refunding the whole premium cancelled the policy all the same: the premium back
    and the claim still going on cover that had ended, which the holder's own cooling-off refund refuses (409
    claim_exists). The operator's form says so before, and refuses it; a partial refund leaves the policy in force."""
    from tests.admin.support import file_claim

    file_claim(client, alice, order["policy_no"])
    page = as_operator.get(f"/admin/orders/{order['order_no']}").get_data(as_text=True)
    form = page[page.index('class="refund"'):page.index("</form>", page.index('class="refund"'))]
    assert f"保单 {order['policy_no']} 有处理中、已同意或已赔付的理赔" in form
    assert "即为退保：" not in form

    payment = payment_of(app, order["order_no"])
    refused = refund_form(as_operator, order["order_no"], payment.id, amount="")
    assert refused.status_code == 409
    assert "请先处理理赔" in refused.get_data(as_text=True)
    refused = refund_form(as_operator, order["order_no"], payment.id, amount="16.00")
    assert refused.status_code == 409
    run_jobs(app)
    assert rows(app, Refund) == []
    assert holders_policy(client, alice, order["policy_no"])["status"] == "active"

    assert refund_form(as_operator, order["order_no"], payment.id, amount="6.00").status_code == 303
    run_jobs(app)
    assert [(r.amount_fen, r.status) for r in rows(app, Refund)] == [(600, "succeeded")]
    assert holders_policy(client, alice, order["policy_no"])["status"] == "active"


def test_a_referred_friends_first_purchase_refunded_in_full_takes_back_the_sharers_coupon(app, client, campaigns,
                                                                                          alice, as_operator):
    # As for a cooling-off cancellation: a purchase whose premium all went back earned its sharer nothing.
    from app.orders.models import Order
    from tests.coupons.helpers import coupons_of
    from tests.referrals.test_review_defects import _buys, _referred_friend

    friend = _referred_friend(client, alice)
    _buys(app, client, friend)
    assert [c["status"] for c in coupons_of(client, alice)] == ["available"]
    [bought] = rows(app, Order)
    assert refund_form(as_operator, bought.order_no, payment_of(app, bought.order_no).id).status_code == 303
    assert [c["status"] for c in coupons_of(client, alice)] == ["revoked"]


def test_a_full_refund_of_a_monthly_policys_first_month_stops_its_renewal(app, client, catalog, alice,
                                                                          insured_adult, as_operator):
    from tests.renewals.test_stopping import signed_policy
    from tests.renewals.test_walk import policy

    order, contract_id = signed_policy(app, client, alice, insured_adult)
    assert refund_form(as_operator, order["order_no"], payment_of(app, order["order_no"]).id).status_code == 303
    shown = policy(client, alice, order["order_no"])
    assert shown["status"] == "cancelling"
    assert (shown["renewal"]["status"], shown["renewal"]["end_reason"]) == ("cancelled", "full_refund")
    run_jobs(app)  # the refund settles, and the contract is ended at WeChat after commit
    assert policy(client, alice, order["order_no"])["status"] == "cancelled"
    assert client.post("/sandbox/wechat/papay/terminate", json={"contract_id": contract_id}).status_code == 409


def test_a_coupon_taken_back_for_an_operators_full_refund_never_says_cooling_off(app, client, campaigns, alice,
                                                                                 as_operator):
    # Refunded in full by an operator, outside any cooling-off: the sharer who tries the coupon was told the friend
    # had cancelled 犹豫期内, which is not what happened.
    from app.orders.models import Order
    from tests.coupons.helpers import coupons_of, order as order_with_coupon
    from tests.referrals.test_review_defects import _buys, _referred_friend

    friend = _referred_friend(client, alice)
    _buys(app, client, friend)
    [bought] = rows(app, Order)
    assert refund_form(as_operator, bought.order_no, payment_of(app, bought.order_no).id).status_code == 303
    [revoked] = coupons_of(client, alice)
    tried = order_with_coupon(client, alice, coupon_id=revoked["id"])
    assert tried.status_code == 409, tried.get_json()
    message = tried.get_json()["error"]["message"]
    assert "收回" in message and "全额退还" in message and "犹豫期" not in message


def test_a_full_refund_of_a_monthly_policys_first_payment_in_a_later_month_leaves_the_paid_month_in_force(
        app, client, catalog, alice, insured_adult, as_operator):
    # The order's payment bought the first month only; the second was paid by its own deduction. Refunding the first
    # payment in full in month two gives back what month one cost, and takes nothing from the month being covered:
    # the policy stays in force and renewal goes on (docs/domain.md, Refunds).
    import datetime as dt

    from app.core import clock
    from tests.renewals.test_stopping import next_charge_day, signed_policy
    from tests.renewals.test_walk import beijing, policy, renewals_run

    order, _ = signed_policy(app, client, alice, insured_adult)
    day = next_charge_day(policy(client, alice, order["order_no"]))
    renewals_run(app, beijing(day - dt.timedelta(days=1), 9))  # month two scheduled ...
    renewals_run(app, beijing(day, 9))  # ... and charged
    with clock.frozen_at(beijing(day + dt.timedelta(days=3), 10)):
        # A month on, her token and the operator's session have expired: both log in again.
        alice = {**alice, "headers": bearer(login(client, "alice")["token"])}
        as_operator = app.test_client()
        assert log_in(as_operator, "olga").status_code == 302
        shown = policy(client, alice, order["order_no"])
        assert [p["status"] for p in shown["renewal"]["periods"]] == ["paid", "paid"]
        page = as_operator.get(f"/admin/orders/{order['order_no']}").get_data(as_text=True)
        assert 'class="refund"' in page
        assert "即为退保" not in page  # the form promises no cancellation it would not make
        assert refund_form(as_operator, order["order_no"], payment_of(app, order["order_no"]).id).status_code == 303
        run_jobs(app)
        after = policy(client, alice, order["order_no"])
    assert after["status"] == "active" and after["cancelled_at"] is None
    assert after["renewal"]["status"] == shown["renewal"]["status"] and after["ends_at"] == shown["ends_at"]
