"""v3 notifications at the endpoint: answered exactly per docs/wechat.md's table, stored raw, applied once."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from app import create_app
from app.core import clock
from app.extensions import db
from app.orders.models import Order
from app.payments.models import Payment, PaymentNotification
from app.policies.models import Policy
from app.payments.models import Refund
from config import load_config
from tests.payments.v3_helpers import another_rsa_key, notification, post, sign, transaction
from tests.support import run_jobs


def notifications(app) -> list[PaymentNotification]:
    with app.app_context():
        found = db.session.scalars(sa.select(PaymentNotification).order_by(PaymentNotification.id)).all()
        db.session.expunge_all()
        return found


def counts(app) -> dict:
    with app.app_context():
        return {model.__tablename__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
                for model in (Payment, Policy)}


def order_status(app, order_no) -> str:
    with app.app_context():
        return db.session.scalar(sa.select(Order.status).where(Order.order_no == order_no))


def assert_fail(response, status: int):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    assert response.get_json()["code"] == "FAIL"


def paid(v3_app, v3_order, **changes):
    return notification(v3_app, "TRANSACTION.SUCCESS",
                        transaction(v3_app, v3_order["order_no"], v3_order["amount_fen"], **changes))


# -- applied once ----------------------------------------------------------------------------------

def test_a_signed_payment_notification_issues_the_policy_and_is_answered_204(v3_app, v3_client, v3_order):
    headers, body = paid(v3_app, v3_order, transaction_id="4200000000202611260000000777")
    response = post(v3_client, headers, body)
    assert response.status_code == 204 and response.get_data() == b""
    assert order_status(v3_app, v3_order["order_no"]) == "fulfilled"
    [record] = notifications(v3_app)
    assert (record.kind, record.outcome, record.transaction_id) == (
        "TRANSACTION.SUCCESS", "applied", "4200000000202611260000000777")
    assert record.body.encode() == body
    with v3_app.app_context():
        payment = db.session.scalars(sa.select(Payment)).one()
        # success_time is Beijing time in RFC 3339.
        assert payment.paid_at == dt.datetime(2026, 11, 26, 2, 15, tzinfo=clock.UTC)


def test_the_same_payment_delivered_again_is_a_duplicate_and_one_policy(v3_app, v3_client, v3_order):
    headers, body = paid(v3_app, v3_order, transaction_id="4200000000202611260000000778")
    assert post(v3_client, headers, body).status_code == 204
    assert post(v3_client, headers, body).status_code == 204
    assert [n.outcome for n in notifications(v3_app)] == ["applied", "duplicate"]
    assert counts(v3_app) == {"payments": 1, "policies": 1}


def skewed(v3_app, v3_client, v3_order, seconds: int):
    """Deliver a payment signed ``seconds`` away from our clock (frozen, so the skew is exact)."""
    now = clock.now().replace(microsecond=0)
    headers, body = notification(v3_app, "TRANSACTION.SUCCESS",
                                 transaction(v3_app, v3_order["order_no"], v3_order["amount_fen"]),
                                 timestamp=int(now.timestamp()) + seconds)
    with clock.frozen_at(now):
        return post(v3_client, headers, body)


@pytest.mark.parametrize("seconds", [300, -300])
def test_up_to_five_minutes_of_clock_difference_are_tolerated(v3_app, v3_client, v3_order, seconds):
    assert skewed(v3_app, v3_client, v3_order, seconds).status_code == 204
    assert order_status(v3_app, v3_order["order_no"]) == "fulfilled"


# -- refused: 401, kept, nothing applied --------------------------------------------------------------

def assert_rejected(app, response, order_no, detail):
    assert_fail(response, 401)
    [record] = notifications(app)
    assert (record.provider, record.kind, record.outcome, record.detail) == (
        "wechatpay_v3", "unverified", "rejected", detail)
    assert record.out_trade_no is None  # nothing unverified is read out of it
    assert order_status(app, order_no) == "created"
    assert counts(app) == {"payments": 0, "policies": 0}


@pytest.mark.parametrize("seconds", [301, -301, 86_400])
def test_a_stale_or_future_timestamp_is_refused(v3_app, v3_client, v3_order, seconds):
    response = skewed(v3_app, v3_client, v3_order, seconds)
    assert_rejected(v3_app, response, v3_order["order_no"], "stale_timestamp")


def test_a_replay_of_a_genuine_notification_ten_minutes_later_is_refused(v3_app, v3_client, v3_order):
    headers, body = paid(v3_app, v3_order)
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=10)):
        response = post(v3_client, headers, body)
    assert_rejected(v3_app, response, v3_order["order_no"], "stale_timestamp")


def test_an_unknown_serial_is_refused(v3_app, v3_client, v3_order):
    headers, body = notification(v3_app, "TRANSACTION.SUCCESS",
                                 transaction(v3_app, v3_order["order_no"], v3_order["amount_fen"]),
                                 serial="PUB_KEY_ID_0000000000000000000000000000DEAD")
    assert_rejected(v3_app, post(v3_client, headers, body), v3_order["order_no"], "unknown_serial")


def test_a_signature_by_another_key_under_our_serial_is_refused(v3_app, v3_client, v3_order):
    headers, body = notification(v3_app, "TRANSACTION.SUCCESS",
                                 transaction(v3_app, v3_order["order_no"], v3_order["amount_fen"]),
                                 signing_key=another_rsa_key())
    assert_rejected(v3_app, post(v3_client, headers, body), v3_order["order_no"], "bad_signature")


def test_a_body_changed_after_signing_is_refused(v3_app, v3_client, v3_order):
    headers, body = paid(v3_app, v3_order)
    tampered = body.replace(b'"summary": "', b'"summary": " ')
    assert tampered != body
    assert_rejected(v3_app, post(v3_client, headers, tampered), v3_order["order_no"], "bad_signature")


def test_a_signed_notification_not_encrypted_with_our_apiv3_key_is_refused(v3_app, v3_client, v3_order):
    headers, body = notification(v3_app, "TRANSACTION.SUCCESS",
                                 transaction(v3_app, v3_order["order_no"], v3_order["amount_fen"]),
                                 apiv3_key="0" * 32)
    assert_rejected(v3_app, post(v3_client, headers, body), v3_order["order_no"], "undecryptable")


def test_an_unsigned_notification_is_refused(v3_app, v3_client, v3_order):
    headers, body = paid(v3_app, v3_order)
    unsigned = {k: v for k, v in headers.items() if not k.startswith("Wechatpay-")}
    assert_rejected(v3_app, post(v3_client, unsigned, body), v3_order["order_no"], "missing_signature")


def test_a_signed_body_that_is_not_json_is_refused(v3_app, v3_client, v3_order):
    body = b"<xml><return_code>SUCCESS</return_code></xml>"
    assert_rejected(v3_app, post(v3_client, sign(v3_app, body), body), v3_order["order_no"], "malformed_json")


@pytest.mark.parametrize("field, text", [("out_trade_no", "\x00"), ("out_trade_no", "\ud800"),
                                         ("transaction_id", "4200\x00"), ("transaction_id", "\udfff")],
                         ids=["order-nul", "order-surrogate", "transaction-nul", "transaction-surrogate"])
def test_a_signed_resource_with_text_no_column_holds_is_refused(v3_app, v3_client, v3_order, field, text):
    # A lone surrogate was a 500 on both backends, a NUL a 503 on PostgreSQL: WeChat would retry it forever.
    response = post(v3_client, *paid(v3_app, v3_order, **{field: text}))
    assert_rejected(v3_app, response, v3_order["order_no"], "malformed_resource")


def test_a_signed_envelope_with_a_nul_is_refused(v3_app, v3_client, v3_order):
    headers, body = paid(v3_app, v3_order)
    envelope = json.loads(body)
    envelope["summary"] = "支付成功\x00"
    body = json.dumps(envelope).encode()
    assert_rejected(v3_app, post(v3_client, sign(v3_app, body), body), v3_order["order_no"], "malformed_json")


@pytest.mark.parametrize("transaction_id", [2**63, 10**30, 4200, ["4200"], "4200" + "9" * 96],
                         ids=["int64-plus-one", "huge", "number", "list", "too-long"])
def test_a_signed_transaction_id_that_is_not_wechats_kind_of_id_is_flagged(v3_app, v3_client, v3_order,
                                                                           transaction_id):
    # A number past 64 bits was a 500 on SQLite; a long one a 503 on PostgreSQL (VARCHAR(64)).
    response = post(v3_client, *paid(v3_app, v3_order, transaction_id=transaction_id))
    assert response.status_code == 204  # a retry cannot help: an operator looks at it
    [record] = notifications(v3_app)
    assert (record.outcome, record.detail) == ("flagged", "no_transaction_id")
    assert counts(v3_app) == {"payments": 0, "policies": 0}


@pytest.mark.parametrize("success_time", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00"])
def test_a_signed_time_of_payment_utc_cannot_hold_is_not_a_500(v3_app, v3_client, v3_order, success_time):
    response = post(v3_client, *paid(v3_app, v3_order, success_time=success_time))
    assert response.status_code == 204, response.get_data(as_text=True)
    assert order_status(v3_app, v3_order["order_no"]) == "fulfilled"  # paid now, as for a time that cannot be read


def test_an_oversized_body_is_refused_and_not_stored(v3_app, v3_client, catalog):
    body = json.dumps({"padding": "a" * (70 * 1024)}).encode()
    assert_fail(post(v3_client, sign(v3_app, body), body), 401)
    assert notifications(v3_app) == []


# -- not ours or not known: flagged (204) or retried (404) --------------------------------------------

def test_a_notification_for_an_unknown_order_is_kept_and_answered_404(v3_app, v3_client, catalog):
    headers, body = notification(v3_app, "TRANSACTION.SUCCESS",
                                 transaction(v3_app, "RC20261126000000NOSUCH", 1600))
    assert_fail(post(v3_client, headers, body), 404)
    [record] = notifications(v3_app)
    assert (record.outcome, record.out_trade_no, record.kind) == (
        "unknown_order", "RC20261126000000NOSUCH", "TRANSACTION.SUCCESS")


@pytest.mark.parametrize("changes, detail", [
    ({"amount": {"total": 1, "payer_total": 1, "currency": "CNY"}}, "amount_mismatch"),
    ({"amount": {"total": 1600, "payer_total": 1600, "currency": "USD"}}, "amount_mismatch"),
    ({"appid": "wx00000000000000ff"}, "appid_mismatch"),
    ({"mchid": "1900000000"}, "mch_id_mismatch"),
    ({"trade_state": "PAYERROR"}, "not_successful"),
])
def test_a_signed_payment_that_is_not_ours_is_flagged_and_acknowledged(v3_app, v3_client, v3_order, changes,
                                                                        detail):
    headers, body = paid(v3_app, v3_order, **changes)
    response = post(v3_client, headers, body)
    assert response.status_code == 204  # a retry cannot help: an operator looks at it
    [record] = notifications(v3_app)
    assert (record.outcome, record.detail) == ("flagged", detail)
    assert order_status(v3_app, v3_order["order_no"]) == "created"
    assert counts(v3_app) == {"payments": 0, "policies": 0}


def test_an_event_type_we_do_not_handle_is_stored_and_acknowledged(v3_app, v3_client, catalog):
    headers, body = notification(v3_app, "PAYSCORE.USER_OPEN_SERVICE", {"mchid": v3_app.config["WECHAT_MCH_ID"]},
                                 original_type="payscore")
    assert post(v3_client, headers, body).status_code == 204
    [record] = notifications(v3_app)
    assert (record.kind, record.outcome, record.detail) == ("PAYSCORE.USER_OPEN_SERVICE", "flagged", "unhandled_event")


# -- refunds ---------------------------------------------------------------------------------------

def submitted_refund(v3_app, v3_client, v3_order) -> Refund:
    """A paid order and a refund submitted to the sandbox, whose own notification is held back."""
    from app.extensions import redis_store
    from app.payments.refunds import original_payment
    from app.payments import refunds

    v3_client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": v3_order["pay_params"]["package"][10:]})
    run_jobs(v3_app)
    with v3_app.app_context():
        order_id = db.session.scalar(sa.select(Order.id).where(Order.order_no == v3_order["order_no"]))
        refund = refunds.request_refund(original_payment(order_id).id, None, reason="operator",
                                        description="Refund by customer service", requested_by="admin:test")
        db.session.commit()
        assert refunds.submit(refund.id) == "submitted"
        db.session.commit()
        redis_store.delete("rq:queue:default")
        refund = db.session.get(Refund, refund.id)
        db.session.expunge(refund)
        return refund


def refund_resource(app, refund: Refund, status: str, **changes) -> dict:
    resource = {"mchid": app.config["WECHAT_MCH_ID"], "out_refund_no": refund.refund_no,
                "refund_id": refund.wechat_refund_id, "refund_status": status,
                "amount": {"total": 1600, "refund": refund.amount_fen, "payer_total": 1600,
                           "payer_refund": refund.amount_fen}}
    resource.update(changes)
    return resource


def test_an_abnormal_refund_is_marked_failed_for_an_operator(v3_app, v3_client, v3_order):
    refund = submitted_refund(v3_app, v3_client, v3_order)
    headers, body = notification(v3_app, "REFUND.ABNORMAL", refund_resource(v3_app, refund, "ABNORMAL"),
                                 original_type="refund")
    assert post(v3_client, headers, body).status_code == 204
    with v3_app.app_context():
        settled = db.session.get(Refund, refund.id)
        assert (settled.status, settled.error) == ("failed", "WeChat Pay reported ABNORMAL")
    assert order_status(v3_app, v3_order["order_no"]) == "fulfilled"
    assert [(n.kind, n.outcome) for n in notifications(v3_app)][-1] == ("REFUND.ABNORMAL", "applied")


def test_a_refund_reported_abnormal_then_success_is_succeeded_and_leaves_the_follow_up(v3_app, v3_client, v3_order):
    """ABNORMAL (the payer's card was closed), then SUCCESS once the merchant had WeChat Pay pay it out another way:
    the refund succeeded, and the order is refunded. The success was dropped as a duplicate, so our books said
    failed while the money was back, and the refund waited on the follow-up list for an operator to pay it again."""
    refund = submitted_refund(v3_app, v3_client, v3_order)
    for status in ("ABNORMAL", "SUCCESS"):
        headers, body = notification(v3_app, f"REFUND.{status}", refund_resource(v3_app, refund, status),
                                     original_type="refund")
        assert post(v3_client, headers, body).status_code == 204
    with v3_app.app_context():
        assert db.session.get(Refund, refund.id).status == "succeeded"
    assert order_status(v3_app, v3_order["order_no"]) == "refunded"
    assert [(n.kind, n.outcome) for n in notifications(v3_app)][-2:] == [
        ("REFUND.ABNORMAL", "applied"), ("REFUND.SUCCESS", "applied")]


def test_a_success_after_an_operator_settled_the_failed_refund_by_hand_is_flagged_as_paid_back_twice(
        v3_app, v3_client, v3_order):
    from app.payments.refunds import record_follow_up

    refund = submitted_refund(v3_app, v3_client, v3_order)
    headers, body = notification(v3_app, "REFUND.ABNORMAL", refund_resource(v3_app, refund, "ABNORMAL"),
                                 original_type="refund")
    assert post(v3_client, headers, body).status_code == 204
    with v3_app.app_context():
        record_follow_up(refund.refund_no, by="admin:olga", note="已通过银行转账退回16元")
        db.session.commit()
    headers, body = notification(v3_app, "REFUND.SUCCESS", refund_resource(v3_app, refund, "SUCCESS"),
                                 original_type="refund")
    assert post(v3_client, headers, body).status_code == 204
    with v3_app.app_context():
        assert db.session.get(Refund, refund.id).status == "succeeded"
    last = notifications(v3_app)[-1]
    assert (last.outcome, last.detail) == ("flagged", "paid_back_twice")


def test_a_refund_notification_for_another_merchant_is_flagged(v3_app, v3_client, v3_order):
    refund = submitted_refund(v3_app, v3_client, v3_order)
    headers, body = notification(v3_app, "REFUND.SUCCESS",
                                 refund_resource(v3_app, refund, "SUCCESS", mchid="1900000000"),
                                 original_type="refund")
    assert post(v3_client, headers, body).status_code == 204
    assert notifications(v3_app)[-1].detail == "mch_id_mismatch"
    with v3_app.app_context():
        assert db.session.get(Refund, refund.id).status == "submitted"


# -- our side down -----------------------------------------------------------------------------------

def test_database_down_answers_v3_fail_with_503(backend_env, tmp_path, v3_app, v3_order):
    broken = dict(backend_env, WECHAT_PAY_VERSION="v3", DATABASE_URL=(
        "postgresql://nobody@127.0.0.1:1/none" if backend_env["DATABASE_URL"].startswith("postgres")
        else f"sqlite:///{tmp_path}/missing/none.db"))
    offline = create_app(load_config(broken), REQUEST_LOG=False)
    headers, body = paid(v3_app, v3_order)
    response = post(offline.test_client(), headers, body)
    assert_fail(response, 503)
    assert notifications(v3_app) == []


def test_a_signed_refund_status_longer_than_its_column_is_recorded_not_a_503_for_ever(v3_app, v3_client, v3_order):
    """A signed refund result whose status is longer than the refund's error column holds: it settled the refund
    failed with the status as its error, unshortened, so the update failed, the notification was answered 503 and
    WeChat delivered it again for 24 hours, each time the same; the refund stayed submitted."""
    refund = submitted_refund(v3_app, v3_client, v3_order)
    status = "ABNORMAL_" + "X" * 250
    headers, body = notification(v3_app, "REFUND.ABNORMAL", refund_resource(v3_app, refund, status),
                                 original_type="refund")
    assert post(v3_client, headers, body).status_code == 204
    with v3_app.app_context():
        settled = db.session.get(Refund, refund.id)
        assert settled.status == "failed" and settled.error.startswith("WeChat Pay reported ABNORMAL_XXX")
    assert [(n.kind, n.outcome) for n in notifications(v3_app)][-1] == ("REFUND.ABNORMAL", "applied")


def test_a_signed_refund_number_longer_than_the_detail_column_is_kept_as_unknown_not_a_503(v3_app, v3_client,
                                                                                           v3_order):
    """A signed refund notification naming a refund number no refund of ours has (longer than the record's detail
    holds): its record is marked unknown_order for an operator and WeChat is told 404, as for any unknown refund.
    The record's detail took the number unshortened, the update failed, and it was a 503 with the record left
    'received', as if never processed."""
    refund = submitted_refund(v3_app, v3_client, v3_order)
    headers, body = notification(v3_app, "REFUND.SUCCESS",
                                 refund_resource(v3_app, refund, "SUCCESS", out_refund_no="RF" + "9" * 250),
                                 original_type="refund")
    assert_fail(post(v3_client, headers, body), 404)
    [*_, record] = notifications(v3_app)
    assert (record.kind, record.outcome) == ("REFUND.SUCCESS", "unknown_order")
    assert record.detail.startswith("RF999")
    with v3_app.app_context():
        assert db.session.get(Refund, refund.id).status == "submitted"
