"""Two refunds of one payment settled at the same moment (PostgreSQL, real transactions): each WeChat Pay
notification locks its own refund, and the payment's status must still come out of both."""

from __future__ import annotations

import os
import threading
import time

import pytest
import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.orders.models import Order
from app.payments import refunds
from app.payments.models import Payment, Refund
from app.wechat import pay
from tests.support import agreement, plan_id, prepay_id_of, run_jobs

pytestmark = pytest.mark.skipif(
    not (os.environ.get("DATABASE_URL") or "").startswith("postgresql"),
    reason="row locks between concurrent transactions: SQLite serialises whole units of work")


def paid_order(app, client, who, insured) -> str:
    created = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-plus"),
                                                  **agreement(client, "accident-plus"), "insured": insured},
                          headers=who["headers"]).get_json()
    client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(created["pay_params"])})
    run_jobs(app)
    with app.app_context():
        assert db.session.scalar(sa.select(Order.status).where(Order.order_no == created["order_no"])) == "fulfilled"
    return created["order_no"]


def blocked_on_a_lock(app) -> bool:
    with app.app_context():
        waiting = db.session.scalar(sa.text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"))
        db.session.remove()
        return bool(waiting)


def test_two_refunds_succeeding_at_once_leave_the_payment_refunded(app, client, catalog, alice, insured_adult):
    order_no = paid_order(app, client, alice, insured_adult)
    with app.app_context():  # an operator refunds the premium in two parts, and both go to WeChat Pay
        order = db.session.scalars(sa.select(Order).where(Order.order_no == order_no)).one()
        payment_id = refunds.original_payment(order.id).id
        half = order.amount_fen // 2
        refund_nos = [refunds.request_refund(payment_id, amount, reason="operator", description="客服办理退款",
                                             requested_by="admin:olga").refund_no
                      for amount in (half, order.amount_fen - half)]
        db.session.commit()
        amounts = dict(db.session.execute(sa.select(Refund.refund_no, Refund.amount_fen)).all())
        db.session.remove()

    first_applied, first_may_commit, second_done = threading.Event(), threading.Event(), threading.Event()
    outcomes, errors = {}, []

    def notify(refund_no: str, before_commit: threading.Event | None, after_apply: threading.Event):
        try:
            with app.app_context():
                outcomes[refund_no] = refunds.apply_refund_result(pay.RefundResult(
                    refund_no=refund_no, status="SUCCESS", refund_fee=amounts[refund_no],
                    wechat_refund_id=f"50{refund_no[2:]}", succeeded_at=clock.now()))
                after_apply.set()
                if before_commit is not None:
                    assert before_commit.wait(30)
                db.session.commit()
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
            after_apply.set()

    # WeChat Pay's two notifications arrive together: the first is applied and not yet committed when the second
    # is applied.
    first = threading.Thread(target=notify, args=(refund_nos[0], first_may_commit, first_applied))
    first.start()
    assert first_applied.wait(30)
    second = threading.Thread(target=notify, args=(refund_nos[1], None, second_done))
    second.start()
    deadline = time.monotonic() + 20
    while not second_done.is_set() and not blocked_on_a_lock(app) and time.monotonic() < deadline:
        time.sleep(0.02)
    first_may_commit.set()
    first.join(30)
    second.join(30)
    assert not errors, errors
    assert outcomes == {refund_nos[0]: ("applied", None), refund_nos[1]: ("applied", None)}

    with app.app_context():
        assert set(db.session.scalars(sa.select(Refund.status))) == {"succeeded"}
        # All of it is back with the payer: the payment is refunded and so is its order, not left "refund pending".
        assert db.session.get(Payment, payment_id).status == "refunded"
        assert db.session.scalar(sa.select(Order.status).where(Order.order_no == order_no)) == "refunded"
