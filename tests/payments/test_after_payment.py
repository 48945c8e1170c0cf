"""After the payment: closing, cancelling, late and double payments, refunds, cooling-off, reconciliation."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.orders.models import Order
from app.payments.models import Payment, PaymentNotification
from app.policies.models import Policy
from app.payments.models import Refund
from app.sandbox.pay_state import load_order, load_refund
from tests.payments.helpers import post_notification, signed_notification, submit_and_lose_the_refund_notification
from tests.support import agreement, plan_id, prepay_id_of, run_jobs


@pytest.fixture
def order(client, catalog, alice, insured_adult):
    response = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-plus"),
                                                   **agreement(client, "accident-plus"),
                                                   "insured": insured_adult}, headers=alice["headers"])
    assert response.status_code == 201
    return response.get_json()


def pay_in_sandbox(app, client, order) -> None:
    response = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(order["pay_params"])})
    assert response.status_code == 200, response.get_json()
    run_jobs(app)


def order_row(app, order_no) -> Order:
    with app.app_context():
        row = db.session.scalars(sa.select(Order).where(Order.order_no == order_no)).one()
        db.session.expunge(row)
        return row


def rows(app, model, *where):
    with app.app_context():
        found = db.session.scalars(sa.select(model).where(*where).order_by(model.id)).all()
        db.session.expunge_all()
        return found


def run_sweep(app) -> dict:
    from app.payments.tasks import sweep_unpaid_orders

    with app.app_context():
        return sweep_unpaid_orders()


def at_wechat(app, order_no):
    with app.app_context():
        return load_order(order_no)


# -- closing ----------------------------------------------------------------------------------

def test_the_sweep_closes_an_unpaid_order_after_30_minutes_here_and_at_wechat(app, client, order):
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=29)):
        run_sweep(app)
    assert order_row(app, order["order_no"]).status == "created"

    with clock.frozen_at(clock.now() + dt.timedelta(minutes=31)):
        summary = run_sweep(app)
        run_jobs(app)
    assert summary == {"closed": 1}
    closed = order_row(app, order["order_no"])
    assert (closed.status, closed.close_reason) == ("closed", "expired")
    assert at_wechat(app, order["order_no"])["trade_state"] == "CLOSED"
    # ... and the sandbox now refuses the payment, as WeChat would.
    confirm = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(order["pay_params"])})
    assert confirm.status_code == 409


def test_the_user_cancels_an_unpaid_order_and_wechats_close_waits_five_minutes(app, client, alice, order):
    response = client.post(f"/api/v1/orders/{order['order_no']}/cancel", headers=alice["headers"])
    assert response.status_code == 200
    assert response.get_json()["status"] == "closed"
    assert client.post(f"/api/v1/orders/{order['order_no']}/cancel", headers=alice["headers"]).status_code == 200
    run_jobs(app)  # the close at WeChat is delayed five minutes: nothing runs now
    assert at_wechat(app, order["order_no"])["trade_state"] == "NOTPAY"

    from rq import Queue
    from rq.registry import ScheduledJobRegistry

    from app.extensions import redis_store

    with app.app_context():
        registry = ScheduledJobRegistry(queue=Queue("default", connection=redis_store.single))
        [job_id] = registry.get_job_ids()
        scheduled_for = registry.get_scheduled_time(job_id)
    created = order_row(app, order["order_no"]).created_at
    # WeChat counts its five minutes from when it received the prepay, a moment after our created_at:
    # the close waits a margin beyond them, so the first try is not refused (docs/wechat.md).
    assert dt.timedelta(minutes=5, seconds=10) <= scheduled_for - created <= dt.timedelta(minutes=6)

    from app.payments.services import close_at_wechat

    with clock.frozen_at(scheduled_for), app.app_context():
        assert close_at_wechat(order["order_no"]) == "closed"
    assert at_wechat(app, order["order_no"])["trade_state"] == "CLOSED"


def test_a_paid_order_cannot_be_cancelled(app, client, alice, order):
    pay_in_sandbox(app, client, order)
    response = client.post(f"/api/v1/orders/{order['order_no']}/cancel", headers=alice["headers"])
    assert response.status_code == 409
    assert "15天内退保" in response.get_json()["error"]["message"]


def test_another_users_order_cannot_be_cancelled(client, bob, order):
    assert client.post(f"/api/v1/orders/{order['order_no']}/cancel", headers=bob["headers"]).status_code == 404


# -- late and double payments ---------------------------------------------------------------------

def test_a_payment_arriving_for_a_closed_order_is_refunded_automatically(app, client, alice, order):
    client.post(f"/api/v1/orders/{order['order_no']}/cancel", headers=alice["headers"])
    # The user paid in WeChat just as the order closed here (WeChat's close waits five minutes).
    pay_in_sandbox(app, client, order)

    [payment] = rows(app, Payment)
    assert (payment.anomaly, payment.status, payment.amount_fen) == ("late_payment", "refunded", 1600)
    [refund] = rows(app, Refund)
    assert (refund.reason, refund.status, refund.amount_fen, refund.requested_by) == (
        "late_payment", "succeeded", 1600, "system")
    assert load_refund_at_wechat(app, refund.refund_no)["refund_fee"] == "1600"
    assert order_row(app, order["order_no"]).status == "closed"
    assert rows(app, Policy) == []


def test_a_second_payment_for_a_fulfilled_order_is_refunded_and_the_policy_stays(app, client, alice, order):
    pay_in_sandbox(app, client, order)
    second = signed_notification(app, order["order_no"], order["amount_fen"], "4200000000000000000099")
    assert post_notification(client, second).status_code == 200
    run_jobs(app)

    payments = rows(app, Payment)
    assert [p.anomaly for p in payments] == [None, "double_payment"]
    [refund] = rows(app, Refund)
    assert (refund.reason, refund.payment_id, refund.amount_fen) == ("double_payment", payments[1].id, 1600)
    # This test's second transaction exists only in our notification, not at WeChat Pay, which
    # refuses the refund: it is left failed, with the reason, for an operator to follow up.
    assert (refund.status, refund.error) == ("failed", "ORDERNOTEXIST: 订单不存在")
    assert len(rows(app, Policy)) == 1
    assert order_row(app, order["order_no"]).status == "fulfilled"


def load_refund_at_wechat(app, refund_no):
    with app.app_context():
        return load_refund(refund_no)


# -- refunds ----------------------------------------------------------------------------------

def refund(app, order_no, amount_fen, reason="operator"):
    from app.payments.refunds import original_payment, request_refund

    with app.app_context():
        order_id = db.session.scalar(sa.select(Order.id).where(Order.order_no == order_no))
        made = request_refund(original_payment(order_id).id, amount_fen, reason=reason, description="Refund by customer service",
                              requested_by="admin:test")
        db.session.commit()
        return made.refund_no


def test_a_partial_refund_leaves_the_order_fulfilled(app, client, order):
    pay_in_sandbox(app, client, order)
    refund(app, order["order_no"], 600)
    run_jobs(app)

    [payment] = rows(app, Payment)
    assert payment.status == "succeeded"
    [made] = rows(app, Refund)
    assert (made.status, made.amount_fen) == ("succeeded", 600)
    assert order_row(app, order["order_no"]).status == "fulfilled"

    refund(app, order["order_no"], 1000)
    run_jobs(app)
    assert rows(app, Payment)[0].status == "refunded"
    assert order_row(app, order["order_no"]).status == "refunded"


def test_each_refund_has_its_own_number_and_cannot_exceed_the_payment(app, client, order):
    from app.core.errors import AppError

    pay_in_sandbox(app, client, order)
    first, second = refund(app, order["order_no"], 100), refund(app, order["order_no"], 200)
    assert first != second
    with pytest.raises(AppError) as too_much:
        refund(app, order["order_no"], 1301)
    assert too_much.value.status == 422
    run_jobs(app)
    assert sorted(r.amount_fen for r in rows(app, Refund)) == [100, 200]


def test_a_refund_notification_applies_once_however_often_it_comes(app, client, order):
    from app.sandbox.deliveries import deliver_refund

    pay_in_sandbox(app, client, order)
    refund_no = refund(app, order["order_no"], 500)
    run_jobs(app)
    with app.app_context():
        assert deliver_refund(refund_no) is True  # WeChat delivers it again
        assert deliver_refund(refund_no) is True
    outcomes = [n.outcome for n in rows(app, PaymentNotification, PaymentNotification.kind == "refund")]
    assert outcomes == ["applied", "duplicate", "duplicate"]
    assert [r.status for r in rows(app, Refund)] == ["succeeded"]


def test_a_refund_survives_a_lost_job_and_wechat_being_down(app, backend_env, client, order):
    from app.extensions import redis_store
    from app.payments import refunds
    from app.payments.tasks import submit_pending_refunds
    from tests.support import app_without_wechat

    pay_in_sandbox(app, client, order)
    refund_no = refund(app, order["order_no"], 300)
    with app.app_context():
        redis_store.delete("rq:queue:default")  # the queued submission is lost
    offline = app_without_wechat(backend_env)
    with offline.app_context():  # WeChat Pay cannot be reached: the refund stays pending, with the reason
        refund_id = db.session.scalar(sa.select(Refund.id).where(Refund.refund_no == refund_no))
        assert refunds.submit(refund_id) == "pending"
        db.session.commit()
    waiting = rows(app, Refund)[0]
    assert (waiting.status, waiting.attempts) == ("pending", 1)
    assert "微信支付暂时没有响应" in waiting.error

    with app.app_context():
        assert submit_pending_refunds() == 1
    run_jobs(app)
    done = rows(app, Refund)[0]
    assert (done.status, done.attempts, done.error) == ("succeeded", 2, None)


# -- refunds whose notification never came ----------------------------------------------------

def run_refund_sweep(app) -> dict:
    from app.payments.tasks import reconcile_submitted_refunds

    with app.app_context():
        return reconcile_submitted_refunds()


def test_a_refund_whose_notification_never_came_is_settled_by_asking_wechat(app, client, alice, order):
    pay_in_sandbox(app, client, order)
    policy_no = client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()["policy_no"]
    assert client.post(f"/api/v1/policies/{policy_no}/cancel", headers=alice["headers"]).status_code == 200
    [made] = rows(app, Refund)
    submit_and_lose_the_refund_notification(app, made.refund_no)
    assert rows(app, Refund)[0].status == "submitted"
    assert rows(app, PaymentNotification, PaymentNotification.kind == "refund") == []

    with clock.frozen_at(clock.now() + dt.timedelta(minutes=5)):
        assert run_refund_sweep(app) == {}  # its notification may still be on the way
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=11)):
        assert run_refund_sweep(app) == {"succeeded": 1}
        assert run_refund_sweep(app) == {}  # settled: not asked again

    done = rows(app, Refund)[0]
    assert (done.status, done.amount_fen, done.error) == ("succeeded", 1600, None)
    assert done.finished_at is not None
    body = client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()
    assert body["status"] == "cancelled"
    # When its cover ended: the refund's moment (the mini-program shows it in place of the end it was sold with).
    assert dt.datetime.fromisoformat(body["cancelled_at"]) == done.finished_at
    assert order_row(app, order["order_no"]).status == "refunded"
    with app.app_context():  # the late notification, should it come after all, changes nothing
        from app.sandbox.deliveries import deliver_refund

        assert deliver_refund(made.refund_no) is True
    outcomes = [n.outcome for n in rows(app, PaymentNotification, PaymentNotification.kind == "refund")]
    assert outcomes == ["duplicate"]
    assert rows(app, Refund)[0].status == "succeeded"


def test_a_refund_wechat_has_not_finished_is_asked_about_again_later(app, client, order):
    pay_in_sandbox(app, client, order)
    refund_no = refund(app, order["order_no"], 500)
    submit_and_lose_the_refund_notification(app, refund_no)
    submitted_at = rows(app, Refund)[0].submitted_at
    with app.app_context():  # WeChat is still processing it when we ask
        from app.sandbox.pay_state import save_refund

        at_wechat = load_refund(refund_no)
        at_wechat["created_at"] = (submitted_at + dt.timedelta(hours=1)).timestamp()
        save_refund(at_wechat)
    with clock.frozen_at(submitted_at + dt.timedelta(minutes=11)):
        assert run_refund_sweep(app) == {"processing": 1}
    with clock.frozen_at(submitted_at + dt.timedelta(minutes=20)):
        assert run_refund_sweep(app) == {}  # asked 9 minutes ago
    with clock.frozen_at(submitted_at + dt.timedelta(minutes=90)):
        assert run_refund_sweep(app) == {"succeeded": 1}
    assert rows(app, Refund)[0].status == "succeeded"
    assert order_row(app, order["order_no"]).status == "fulfilled"  # a partial refund


def test_a_refund_wechat_has_no_record_of_is_left_for_an_operator(app, client, order):
    from app.extensions import redis_store

    pay_in_sandbox(app, client, order)
    refund_no = refund(app, order["order_no"], 500)
    submit_and_lose_the_refund_notification(app, refund_no)
    with app.app_context():
        redis_store.delete("sandbox:pay:refund:" + refund_no)  # WeChat's side of it is gone
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=11)):
        assert run_refund_sweep(app) == {"not_found": 1}
    waiting = rows(app, Refund)[0]
    assert (waiting.status, waiting.error) == ("submitted", "WeChat Pay has no record of this refund")


# -- cooling-off ------------------------------------------------------------------------------

def test_cooling_off_cancellation_refunds_and_the_notification_cancels(app, client, alice, order):
    pay_in_sandbox(app, client, order)
    policy_no = client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()["policy_no"]

    response = client.post(f"/api/v1/policies/{policy_no}/cancel", headers=alice["headers"])
    assert response.status_code == 200
    assert response.get_json()["status"] == "cancelling"
    run_jobs(app)

    body = client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()
    assert body["status"] == "cancelled"
    [made] = rows(app, Refund)
    assert (made.reason, made.amount_fen, made.status) == ("cooling_off", 1600, "succeeded")
    assert order_row(app, order["order_no"]).status == "refunded"
    again = client.post(f"/api/v1/policies/{policy_no}/cancel", headers=alice["headers"])
    assert again.status_code == 200 and len(rows(app, Refund)) == 1


def test_cooling_off_ends_after_15_days(app, client, alice, order):
    pay_in_sandbox(app, client, order)
    policy_no = client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()["policy_no"]
    with clock.frozen_at(clock.now() + dt.timedelta(days=15, minutes=1)):
        response = client.post(f"/api/v1/policies/{policy_no}/cancel", headers=alice["headers"])
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "cooling_off_over"
    assert rows(app, Refund) == []


def test_another_users_policy_cannot_be_cancelled(app, client, bob, alice, order):
    pay_in_sandbox(app, client, order)
    policy_no = client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()["policy_no"]
    assert client.post(f"/api/v1/policies/{policy_no}/cancel", headers=bob["headers"]).status_code == 404


# -- reconciliation ---------------------------------------------------------------------------

def test_reconciliation_repairs_an_order_whose_notification_never_came(app, client, alice, order):
    with app.app_context():  # pay at WeChat, but lose the notification on the way
        from app.extensions import redis_store

        client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(order["pay_params"])})
        redis_store.delete("rq:queue:default")
    assert order_row(app, order["order_no"]).status == "created"

    with clock.frozen_at(clock.now() + dt.timedelta(minutes=2)):
        assert run_sweep(app) == {}  # too young to ask about
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=4)):
        assert run_sweep(app) == {"applied": 1}
    body = client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()
    assert body["status"] == "fulfilled" and body["policy_no"]
    [payment] = rows(app, Payment)
    assert (payment.source, payment.amount_fen) == ("reconciliation", 1600)


def test_reconciliation_of_an_unpaid_order_changes_nothing_until_it_expires(app, client, order):
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=4)):
        assert run_sweep(app) == {"notpay": 1}
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=6)):
        assert run_sweep(app) == {}  # asked two minutes ago
    assert order_row(app, order["order_no"]).status == "created"
