"""The whole purchase flow again with WECHAT_PAY_VERSION=v3: prepay, pay, notify, close, refund, reconcile."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from app.core import clock
from app.extensions import db, redis_store
from app.orders.models import Order
from app.payments.models import Payment, PaymentNotification
from app.policies.models import Policy
from app.payments.models import Refund
from app.sandbox.pay_state import load_order, load_refund
from app.wechat.signing import load_certificate_file
from tests.support import config_set, prepay_id_of, run_jobs


def rows(app, model, *where):
    with app.app_context():
        found = db.session.scalars(sa.select(model).where(*where).order_by(model.id)).all()
        db.session.expunge_all()
        return found


def order_row(app, order_no) -> Order:
    [row] = rows(app, Order, Order.order_no == order_no)
    return row


def at_wechat(app, order_no):
    with app.app_context():
        return load_order(order_no)


def pay_in_sandbox(app, client, order) -> None:
    response = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(order["pay_params"])})
    assert response.status_code == 200, response.get_json()
    run_jobs(app)


def run_sweep(app) -> dict:
    from app.payments.tasks import sweep_unpaid_orders

    with app.app_context():
        return sweep_unpaid_orders()


# -- prepay --------------------------------------------------------------------------------------

def test_the_order_is_prepaid_through_v3_with_rsa_signed_payment_parameters(v3_app, v3_order):
    params = v3_order["pay_params"]
    assert params["signType"] == "RSA" and params["package"].startswith("prepay_id=wx")
    assert order_row(v3_app, v3_order["order_no"]).pay_version == "v3"
    # What wx.requestPayment checks: the merchant key's signature over appId, timeStamp, nonceStr, package.
    message = "\n".join([v3_app.config["WECHAT_APPID"], params["timeStamp"], params["nonceStr"],
                         params["package"]]) + "\n"
    merchant = load_certificate_file(v3_app.config["WECHAT_PAY_CERT_PATH"]).public_key()
    merchant.verify(base64.b64decode(params["paySign"]), message.encode(), padding.PKCS1v15(), hashes.SHA256())


def test_wechats_payment_window_closes_with_ours_thirty_minutes_after_creation(v3_app, v3_order):
    order = order_row(v3_app, v3_order["order_no"])
    sandbox = at_wechat(v3_app, v3_order["order_no"])
    assert (sandbox["version"], sandbox["trade_state"], sandbox["total_fee"]) == ("v3", "NOTPAY", "1600")
    expected = clock.to_shanghai(order.created_at + dt.timedelta(minutes=30)).strftime("%Y%m%d%H%M%S")
    assert sandbox["time_expire"] == expected
    assert sandbox["notify_url"] == v3_app.config["PUBLIC_BASE_URL"] + "/webhooks/wechatpay/v3/notify"


# -- paying --------------------------------------------------------------------------------------

def test_paying_through_the_sandbox_issues_the_policy_from_a_v3_notification(v3_app, v3_client, carol, v3_order):
    pay_in_sandbox(v3_app, v3_client, v3_order)

    body = v3_client.get(f"/api/v1/orders/{v3_order['order_no']}", headers=carol["headers"]).get_json()
    assert body["status"] == "fulfilled" and body["policy_no"].startswith("P")
    [policy] = v3_client.get("/api/v1/policies", headers=carol["headers"]).get_json()
    assert (policy["policy_no"], policy["status"], policy["coverage_fen"]) == (body["policy_no"], "active", 100_000_000)
    [record] = rows(v3_app, PaymentNotification)
    assert (record.provider, record.kind, record.outcome) == ("wechatpay_v3", "TRANSACTION.SUCCESS", "applied")
    assert record.out_trade_no == v3_order["order_no"]
    assert record.headers["Wechatpay-Serial"] == v3_app.config["SANDBOX_PLATFORM_KEY_ID"]
    assert '"resource_type":"encrypt-resource"' in record.body and v3_order["order_no"] not in record.body
    [payment] = rows(v3_app, Payment)
    assert (payment.amount_fen, payment.source, payment.transaction_id) == (
        1600, "notification", at_wechat(v3_app, v3_order["order_no"])["transaction_id"])


def test_duplicate_v3_deliveries_still_issue_one_policy(v3_app, v3_client, v3_order):
    with config_set(v3_app, SANDBOX_DUPLICATE_RATE=1.0):
        pay_in_sandbox(v3_app, v3_client, v3_order)
    assert [n.outcome for n in rows(v3_app, PaymentNotification)] == ["applied", "duplicate"]
    assert len(rows(v3_app, Payment)) == 1 and len(rows(v3_app, Policy)) == 1
    assert order_row(v3_app, v3_order["order_no"]).status == "fulfilled"


def test_an_unacknowledged_v3_notification_is_retried_until_it_lands(v3_app, v3_client, v3_order):
    from rq import Queue, SimpleWorker

    with v3_app.app_context():  # hide the order: the first delivery is answered 404
        db.session.execute(sa.update(Order).values(order_no="RC-HIDDEN"))
        db.session.commit()
    v3_client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(v3_order["pay_params"])})
    with v3_app.app_context():
        queue = Queue("default", connection=redis_store.single)
        SimpleWorker([queue], connection=redis_store.single).work(burst=True, logging_level="WARNING")
        db.session.execute(sa.update(Order).values(order_no=v3_order["order_no"]))
        db.session.commit()
    run_jobs(v3_app)
    assert [n.outcome for n in rows(v3_app, PaymentNotification)] == ["unknown_order", "applied"]
    assert len(rows(v3_app, Policy)) == 1


# -- closing -------------------------------------------------------------------------------------

def test_the_sweep_closes_an_unpaid_v3_order_after_30_minutes_here_and_at_wechat(v3_app, v3_client, v3_order):
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=29)):
        run_sweep(v3_app)
    assert order_row(v3_app, v3_order["order_no"]).status == "created"

    with clock.frozen_at(clock.now() + dt.timedelta(minutes=31)):
        assert run_sweep(v3_app) == {"closed": 1}
        run_jobs(v3_app)
    closed = order_row(v3_app, v3_order["order_no"])
    assert (closed.status, closed.close_reason) == ("closed", "expired")
    assert at_wechat(v3_app, v3_order["order_no"])["trade_state"] == "CLOSED"
    confirm = v3_client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(v3_order["pay_params"])})
    assert confirm.status_code == 409


def test_wechat_refuses_a_v3_close_within_five_minutes_of_creation(v3_app, v3_order):
    from app.wechat import pay

    created = order_row(v3_app, v3_order["order_no"]).created_at
    with v3_app.app_context():
        with pytest.raises(pay.PayRequestFailed):
            pay.gateway().close(v3_order["order_no"])
        assert load_order(v3_order["order_no"])["trade_state"] == "NOTPAY"
        with clock.frozen_at(created + dt.timedelta(minutes=5, seconds=1)):
            pay.gateway().close(v3_order["order_no"])
            pay.gateway().close(v3_order["order_no"])  # closing twice is not an error
        assert load_order(v3_order["order_no"])["trade_state"] == "CLOSED"


def test_closing_a_v3_order_paid_meanwhile_applies_it_as_a_late_payment(v3_app, v3_client, carol, v3_order):
    from app.payments.services import close_at_wechat

    assert v3_client.post(f"/api/v1/orders/{v3_order['order_no']}/cancel", headers=carol["headers"]).status_code == 200
    with v3_app.app_context():  # the user pays at WeChat just as we close; its notification is lost
        v3_client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(v3_order["pay_params"])})
        redis_store.delete("rq:queue:default")
    created = order_row(v3_app, v3_order["order_no"]).created_at
    with clock.frozen_at(created + dt.timedelta(minutes=5, seconds=1)), v3_app.app_context():
        assert close_at_wechat(v3_order["order_no"]) == "applied"
    run_jobs(v3_app)
    [payment] = rows(v3_app, Payment)
    assert (payment.anomaly, payment.source, payment.status) == ("late_payment", "reconciliation", "refunded")
    assert [r.status for r in rows(v3_app, Refund)] == ["succeeded"]
    assert rows(v3_app, Policy) == []


# -- refunds ---------------------------------------------------------------------------------------

def test_cooling_off_cancellation_is_refunded_through_v3_and_the_notification_cancels(v3_app, v3_client, carol,
                                                                                     v3_order):
    pay_in_sandbox(v3_app, v3_client, v3_order)
    order = v3_client.get(f"/api/v1/orders/{v3_order['order_no']}", headers=carol["headers"]).get_json()
    policy_no = order["policy_no"]

    response = v3_client.post(f"/api/v1/policies/{policy_no}/cancel", headers=carol["headers"])
    assert response.status_code == 200 and response.get_json()["status"] == "cancelling"
    run_jobs(v3_app)

    body = v3_client.get(f"/api/v1/policies/{policy_no}", headers=carol["headers"]).get_json()
    assert body["status"] == "cancelled"
    [refund] = rows(v3_app, Refund)
    assert (refund.reason, refund.amount_fen, refund.status) == ("cooling_off", 1600, "succeeded")
    assert refund.wechat_refund_id and refund.wechat_refund_id.startswith("5030")
    with v3_app.app_context():
        at_wechat_refund = load_refund(refund.refund_no)
    assert (at_wechat_refund["version"], at_wechat_refund["refund_fee"], at_wechat_refund["refund_status"]) == (
        "v3", "1600", "SUCCESS")
    assert order_row(v3_app, v3_order["order_no"]).status == "refunded"
    kinds = [(n.kind, n.outcome) for n in rows(v3_app, PaymentNotification)]
    assert kinds == [("TRANSACTION.SUCCESS", "applied"), ("REFUND.SUCCESS", "applied")]


def test_a_v3_refund_notification_applies_once_however_often_it_comes(v3_app, v3_client, v3_order):
    from app.payments.refunds import original_payment
    from app.payments.refunds import request_refund
    from app.sandbox.deliveries import deliver_refund

    pay_in_sandbox(v3_app, v3_client, v3_order)
    with v3_app.app_context():
        order_id = db.session.scalar(sa.select(Order.id).where(Order.order_no == v3_order["order_no"]))
        refund_no = request_refund(original_payment(order_id).id, 600, reason="operator",
                                   description="Refund by customer service", requested_by="admin:test").refund_no
        db.session.commit()
    run_jobs(v3_app)
    with v3_app.app_context():
        assert deliver_refund(refund_no) is True  # WeChat delivers it again
    outcomes = [n.outcome for n in rows(v3_app, PaymentNotification, PaymentNotification.kind == "REFUND.SUCCESS")]
    assert outcomes == ["applied", "duplicate"]
    [refund] = rows(v3_app, Refund)
    assert (refund.status, refund.amount_fen) == ("succeeded", 600)
    assert order_row(v3_app, v3_order["order_no"]).status == "fulfilled"  # a partial refund


def test_a_v3_refund_whose_notification_never_came_is_settled_by_asking_wechat(v3_app, v3_client, carol,
                                                                             v3_order):
    from app.payments.tasks import reconcile_submitted_refunds
    from tests.payments.helpers import submit_and_lose_the_refund_notification

    pay_in_sandbox(v3_app, v3_client, v3_order)
    order = v3_client.get(f"/api/v1/orders/{v3_order['order_no']}", headers=carol["headers"]).get_json()
    policy_no = order["policy_no"]
    assert v3_client.post(f"/api/v1/policies/{policy_no}/cancel", headers=carol["headers"]).status_code == 200
    [made] = rows(v3_app, Refund)
    submit_and_lose_the_refund_notification(v3_app, made.refund_no)  # the REFUND.SUCCESS notification
    assert rows(v3_app, Refund)[0].status == "submitted"

    with clock.frozen_at(clock.now() + dt.timedelta(minutes=11)), v3_app.app_context():
        assert reconcile_submitted_refunds() == {"succeeded": 1}
    done = rows(v3_app, Refund)[0]
    assert (done.status, done.amount_fen) == ("succeeded", 1600)
    assert done.wechat_refund_id and done.wechat_refund_id.startswith("5030")
    body = v3_client.get(f"/api/v1/policies/{policy_no}", headers=carol["headers"]).get_json()
    assert body["status"] == "cancelled"
    assert [n.kind for n in rows(v3_app, PaymentNotification)] == ["TRANSACTION.SUCCESS"]


# -- reconciliation ------------------------------------------------------------------------------

def test_reconciliation_through_v3_repairs_an_order_whose_notification_never_came(v3_app, v3_client, carol,
                                                                                 v3_order):
    with v3_app.app_context():  # pay at WeChat, but lose the notification on the way
        v3_client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(v3_order["pay_params"])})
        redis_store.delete("rq:queue:default")
    assert order_row(v3_app, v3_order["order_no"]).status == "created"

    with clock.frozen_at(clock.now() + dt.timedelta(minutes=2)):
        assert run_sweep(v3_app) == {}  # too young to ask about
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=4)):
        assert run_sweep(v3_app) == {"applied": 1}
    body = v3_client.get(f"/api/v1/orders/{v3_order['order_no']}", headers=carol["headers"]).get_json()
    assert body["status"] == "fulfilled" and body["policy_no"]
    [payment] = rows(v3_app, Payment)
    assert (payment.source, payment.amount_fen) == ("reconciliation", 1600)
    assert payment.transaction_id == at_wechat(v3_app, v3_order["order_no"])["transaction_id"]


def test_reconciliation_of_an_unpaid_v3_order_changes_nothing(v3_app, v3_order):
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=4)):
        assert run_sweep(v3_app) == {"notpay": 1}
    assert order_row(v3_app, v3_order["order_no"]).status == "created"
