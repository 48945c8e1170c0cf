"""An order paid by signing its contract, near the end of its payment window: a contract offered in the window can
still be signed and pay, and none is offered after it. Driven as the user, WeChat and the periodic jobs drive it;
each test failed on the code before its fix."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.core import clock
from tests.renewals.test_walk import buy_monthly, policy
from tests.support import bearer, login, run_jobs


def sweep_at(app, moment: dt.datetime) -> dict:
    """The money core's periodic sweep of unpaid orders, as the job worker runs it, at ``moment``."""
    from app.payments.tasks import sweep_unpaid_orders

    with app.app_context(), clock.frozen_at(moment):
        return sweep_unpaid_orders()


def test_a_contract_offered_near_the_end_of_the_orders_window_and_signed_in_its_life_buys_the_cover(
        app, client, catalog, alice, insured_adult):
    """The user came back to the order page 28 minutes after ordering with auto-renewal: the page asked for a fresh
    pre-sign (POST /orders/{no}/contract), which WeChat keeps 10 minutes. They signed it at minute 33, and WeChat
    took the first month. The unpaid-order sweep now closes orders paid by signing 30 minutes after they were made
    (it skipped them before), and WeChat was never told (such an order has no prepay to close): the payment was
    refunded as late, the contract ended, and the user was left with no cover for a contract we offered them."""
    start = clock.now()
    order = buy_monthly(client, alice, insured_adult)
    with clock.frozen_at(start + dt.timedelta(minutes=28)):
        headers = bearer(login(client, "alice")["token"])
        fresh = client.post(f"/api/v1/orders/{order['order_no']}/contract", headers=headers)
        assert fresh.status_code == 200, fresh.get_json()
        contract = fresh.get_json()["contract"]
    sweep_at(app, start + dt.timedelta(minutes=31))
    signed_at = start + dt.timedelta(minutes=33)
    signed = client.post("/sandbox/wechat/papay/confirm", json={"pre_entrustweb_id": contract["pre_entrustweb_id"]},
                         headers={"X-Sandbox-Now": signed_at.isoformat()})
    assert signed.status_code == 200, signed.get_json()  # WeChat signed it and took the first month
    with clock.frozen_at(signed_at):
        run_jobs(app)
    sweep_at(app, start + dt.timedelta(minutes=45))
    body = client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()
    assert body["status"] == "fulfilled", body
    shown = policy(client, alice, order["order_no"])
    assert shown["status"] == "active" and shown["renewal"]["status"] == "active", shown


def test_no_contract_is_offered_for_an_order_past_its_window(app, client, catalog, alice, insured_adult):
    """Past the order's 30 minutes no fresh pre-sign is offered, even before the sweep has closed the order: one
    offered then would outlive the order."""
    start = clock.now()
    order = buy_monthly(client, alice, insured_adult)
    with clock.frozen_at(start + dt.timedelta(minutes=31)):
        headers = bearer(login(client, "alice")["token"])
        late = client.post(f"/api/v1/orders/{order['order_no']}/contract", headers=headers)
    assert late.status_code == 409 and late.get_json()["error"]["code"] == "order_not_payable", late.get_json()


def test_an_order_the_user_cancelled_then_paid_by_signing_with_its_notification_lost_is_refunded(
        app, client, catalog, alice, insured_adult):
    """The user cancelled an order with auto-renewal, then signed its pre-sign anyway (WeChat keeps it 10 minutes
    and knows nothing of our cancel): WeChat took the first month, and its notifications were lost. The order had no
    prepay, so nothing was closed at WeChat and the sweep never asks about a closed order: the money was kept with no
    cover, for ever. Asked about once no pre-sign could pay it any more, it is a late payment, refunded in full."""
    from rq import Queue
    from rq.registry import ScheduledJobRegistry

    from app.extensions import db, redis_store
    from app.orders.models import Order
    from app.payments.models import Payment, Refund
    from app.payments.services import SIGNING_GRACE, close_at_wechat

    start = clock.now()
    order = buy_monthly(client, alice, insured_adult)
    cancelled = client.post(f"/api/v1/orders/{order['order_no']}/cancel", headers=alice["headers"])
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "closed"
    signed = client.post("/sandbox/wechat/papay/confirm",
                         json={"pre_entrustweb_id": order["contract"]["pre_entrustweb_id"]})
    assert signed.status_code == 200, signed.get_json()  # WeChat signed it and took the first month
    with app.app_context():
        redis_store.single.delete("rq:queue:default")  # its notifications never arrive
        registry = ScheduledJobRegistry(queue=Queue("default", connection=redis_store.single))
        [asked_at] = [registry.get_scheduled_time(job_id) for job_id in registry.get_job_ids()
                      if registry.job_class.fetch(job_id, connection=redis_store.single).func_name.endswith(
                          "close_at_wechat")]
    assert asked_at - start >= SIGNING_GRACE - dt.timedelta(seconds=5)

    with clock.frozen_at(asked_at), app.app_context():
        assert close_at_wechat(order["order_no"]) == "applied"
    with clock.frozen_at(asked_at):
        run_jobs(app)  # the refund is submitted, and WeChat's refund notification settles it
    with app.app_context():
        order_id = db.session.scalar(sa.select(Order.id).where(Order.order_no == order["order_no"]))
        [payment] = db.session.scalars(sa.select(Payment).where(Payment.order_id == order_id)).all()
        refunds = db.session.scalars(sa.select(Refund).where(Refund.order_id == order_id)).all()
        db.session.remove()
    assert payment.anomaly == "late_payment"
    assert [(r.amount_fen, r.status) for r in refunds] == [(payment.amount_fen, "succeeded")]
    body = client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()
    assert body["status"] == "closed" and body["policy_no"] is None
