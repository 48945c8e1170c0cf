"""Payment reports that arrive together are applied together (``payments.services.apply_payments``, and on
PostgreSQL ``notifications.receive``'s batches): each still pays its own order once, and what a report
alone would be told (duplicate, double payment, unknown order, wrong amount) it is told in a batch too."""

from __future__ import annotations

import concurrent.futures
import os
import random
import threading
import time

import pytest
import requests
import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.orders import services as orders
from app.orders.models import Order
from app.payments.models import Payment, PaymentNotification
from app.payments.services import Outcome, apply_payments
from app.policies.models import Policy
from app.wechat import pay
from tests.payments.helpers import signed_notification
from tests.support import agreement, plan_id

ON_POSTGRESQL = (os.environ.get("DATABASE_URL") or "").startswith("postgresql")


def unpaid_orders(client, who, insured, count: int) -> list[dict]:
    """``count`` created accident-basic orders of ``who``'s, bought through the API: their JSON bodies."""
    made = []
    for _ in range(count):
        response = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                                       **agreement(client, "accident-basic"), "insured": insured},
                               headers=who["headers"])
        assert response.status_code == 201, response.get_json()
        made.append(response.get_json())
    return made


def notice(app, order: dict, transaction_id: str, **changes) -> pay.PaymentNotice:
    values = {"out_trade_no": order["order_no"], "transaction_id": transaction_id, "total_fee": order["amount_fen"],
              "appid": app.config["WECHAT_APPID"], "mch_id": app.config["WECHAT_MCH_ID"], "succeeded": True,
              "paid_at": clock.now()}
    return pay.PaymentNotice(**{**values, **changes})


def paid_state(app) -> dict:
    """Per order number: its status, its payments' anomalies, and how many policies it issued."""
    with app.app_context():
        orders = dict(db.session.execute(sa.select(Order.order_no, Order.status)).all())
        anomalies = db.session.execute(sa.select(Order.order_no, Payment.anomaly).join(Payment.__table__,
                                                                                       Payment.order_id == Order.id)
                                       .order_by(Payment.id)).all()
        policies = db.session.execute(sa.select(Order.order_no, sa.func.count(Policy.id))
                                      .join(Policy, Policy.order_id == Order.id).group_by(Order.order_no)).all()
        db.session.remove()
    state = {no: {"status": status, "payments": [], "policies": 0} for no, status in orders.items()}
    for no, anomaly in anomalies:
        state[no]["payments"].append(anomaly)
    for no, count in policies:
        state[no]["policies"] = count
    return state


def test_reports_applied_together_are_told_what_each_alone_would_be(app, client, catalog, alice, insured_adult):
    first, second, third = unpaid_orders(client, alice, insured_adult, 3)
    with app.app_context():
        answers = apply_payments([
            notice(app, first, "4200000000000000000000000001"),
            notice(app, first, "4200000000000000000000000001"),  # WeChat's retry, arriving with the first
            notice(app, second, "4200000000000000000000000002"),
            notice(app, second, "4200000000000000000000000003"),  # a second transaction for the same order
            notice(app, {**third, "order_no": "RC-no-such-order"}, "4200000000000000000000000004"),
            notice(app, third, "4200000000000000000000000005", total_fee=third["amount_fen"] - 1),
            notice(app, third, "4200000000000000000000000006", succeeded=False),
        ], source="notification")
        db.session.commit()
        db.session.remove()
    assert answers == [(Outcome.APPLIED, None), (Outcome.DUPLICATE, None), (Outcome.APPLIED, None),
                       (Outcome.APPLIED, "double_payment"), (Outcome.UNKNOWN_ORDER, None),
                       (Outcome.FLAGGED, "amount_mismatch"), (Outcome.FLAGGED, "not_successful")]
    state = paid_state(app)
    assert state[first["order_no"]] == {"status": "fulfilled", "payments": [None], "policies": 1}
    assert state[second["order_no"]] == {"status": "fulfilled", "payments": [None, "double_payment"], "policies": 1}
    assert state[third["order_no"]] == {"status": "created", "payments": [], "policies": 0}


def test_a_crowd_of_reports_for_many_orders_pays_each_once(app, client, catalog, alice, insured_adult):
    made = unpaid_orders(client, alice, insured_adult, 8)
    bodies = []
    for index, order in enumerate(made):
        body = signed_notification(app, order["order_no"], order["amount_fen"], f"42000000000000000000{index:08d}")
        bodies += [body] * 3  # every report delivered three times at once, as WeChat Pay's retries can be
    double = made[0]  # and one order paid a second time, with another transaction
    bodies.append(signed_notification(app, double["order_no"], double["amount_fen"], "4200000000000000000099999999"))
    random.Random(7).shuffle(bodies)
    url = app.config["LIVE_SERVER_URL"] + "/webhooks/wechatpay/notify"

    def deliver(body):
        return requests.post(url, data=body, headers={"Content-Type": "text/xml"}, timeout=30)

    with concurrent.futures.ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        responses = list(pool.map(deliver, bodies))
    assert [(r.status_code, "SUCCESS" in r.text) for r in responses] == [(200, True)] * len(bodies)
    state = paid_state(app)
    for order in made:
        expected = [None, "double_payment"] if order is double else [None]
        assert state[order["order_no"]] == {"status": "fulfilled", "payments": expected, "policies": 1}
    with app.app_context():
        outcomes = sorted(db.session.scalars(sa.select(PaymentNotification.outcome)).all())
        db.session.remove()
    assert outcomes == sorted(["applied"] * 9 + ["duplicate"] * 16)


@pytest.mark.skipif(not ON_POSTGRESQL, reason="row locks between concurrent transactions: SQLite serialises whole "
                                              "units of work")
def test_an_order_locked_elsewhere_holds_up_only_its_own_report(app, client, catalog, alice, insured_adult):
    held, free = unpaid_orders(client, alice, insured_adult, 2)
    url = app.config["LIVE_SERVER_URL"] + "/webhooks/wechatpay/notify"
    answered: dict[str, float] = {}

    def deliver(order, transaction_id):
        body = signed_notification(app, order["order_no"], order["amount_fen"], transaction_id)
        response = requests.post(url, data=body, headers={"Content-Type": "text/xml"}, timeout=30)
        assert response.status_code == 200 and "SUCCESS" in response.text
        answered[order["order_no"]] = time.monotonic()

    with app.app_context():  # a job asking WeChat Pay about the order holds its row
        db.session.execute(sa.select(Order.id).where(Order.order_no == held["order_no"]).with_for_update())
        threads = [threading.Thread(target=deliver, args=(held, "4200000000000000000000000011")),
                   threading.Thread(target=deliver, args=(free, "4200000000000000000000000012"))]
        for thread in threads:
            thread.start()
        threads[1].join(20)
        released = time.monotonic()
        assert free["order_no"] in answered and held["order_no"] not in answered
        db.session.rollback()
        db.session.remove()
    threads[0].join(20)
    assert answered[held["order_no"]] >= released
    state = paid_state(app)
    assert state[held["order_no"]]["policies"] == 1 and state[free["order_no"]]["policies"] == 1


@pytest.mark.skipif(not ON_POSTGRESQL, reason="SQLite holds its write lock from a unit of work's first read: nothing "
                                              "can change the order between the session's read and its lock")
def test_a_report_is_applied_to_the_order_as_committed_not_as_the_session_read_it_before(
        app, client, catalog, alice, insured_adult):
    # A session that read the order before it was closed elsewhere (a page showing it, a job looking first) still
    # decides on the closed order once it locks it: the payment came too late and is refunded, not a policy issued
    # for an order the user cancelled.
    order = unpaid_orders(client, alice, insured_adult, 1)[0]
    with app.app_context():
        seen = db.session.scalars(sa.select(Order).where(Order.order_no == order["order_no"])).one()
        assert seen.status == "created"
        with db.engine.begin() as elsewhere:
            elsewhere.execute(sa.update(Order).where(Order.order_no == order["order_no"])
                              .values(status="closed", closed_at=clock.now(), close_reason="user_cancelled"))
        answers = apply_payments([notice(app, order, "4200000000000000000000000021")], source="notification")
        db.session.commit()
        db.session.remove()
    assert answers == [(Outcome.APPLIED, "late_payment")]
    assert paid_state(app)[order["order_no"]] == {"status": "closed", "payments": ["late_payment"], "policies": 0}


@pytest.mark.skipif(not ON_POSTGRESQL, reason="SQLite holds its write lock from a unit of work's first read: nothing "
                                              "can change the order between the session's read and its lock")
def test_an_order_locked_by_its_number_is_the_order_as_committed(app, client, catalog, alice, insured_adult):
    # The jobs that close an unpaid order or ask WeChat Pay about it lock it by its number, then decide on its status:
    # a copy the session read before another transaction paid it must not pass for an order still waiting.
    order = unpaid_orders(client, alice, insured_adult, 1)[0]
    with app.app_context():
        seen = db.session.scalars(sa.select(Order).where(Order.order_no == order["order_no"])).one()
        assert seen.status == "created"
        with db.engine.begin() as elsewhere:
            elsewhere.execute(sa.update(Order).where(Order.order_no == order["order_no"]).values(status="fulfilled"))
        locked = orders.lock_by_no(order["order_no"])
        assert locked is seen and locked.status == "fulfilled"
        db.session.rollback()
        db.session.remove()
