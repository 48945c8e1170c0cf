"""Applying payments exactly once, whether a notification or a reconciliation query reports them.

The webhook has two units of work: ``record_notification`` commits the raw body and
headers first, so it survives whatever happens next; ``process_v2_payment_notification``
then verifies it and applies it in a second transaction, under the order's row lock
and the unique WeChat transaction id.

This is the hottest write path (bench/README.md): the record is written and marked
with one Core statement each (no ORM refresh after the first commit), and the payment
is inserted with ``ON CONFLICT DO NOTHING`` on its transaction id (no SELECT first, no
SAVEPOINT around it).
"""

from __future__ import annotations

import enum
import logging

import sqlalchemy as sa
from flask import current_app

from app.core import clock
from app.core.db import insert_unless_exists, single_statement_units
from app.extensions import db
from app.orders import services as orders
from app.payments.models import Payment, PaymentNotification
from app.wechat import pay

log = logging.getLogger(__name__)

#: Request headers never stored with a notification.
UNSTORED_HEADERS = {"authorization", "cookie"}


class Outcome(str, enum.Enum):
    REJECTED = "rejected"
    UNKNOWN_ORDER = "unknown_order"
    FLAGGED = "flagged"
    DUPLICATE = "duplicate"
    APPLIED = "applied"


_RECORD = sa.insert(PaymentNotification.__table__).returning(PaymentNotification.__table__.c.id)
_MARK = sa.update(PaymentNotification.__table__).where(
    PaymentNotification.__table__.c.id == sa.bindparam("notification_id"))


def record_notification(provider: str, kind: str, headers, body: bytes) -> int:
    """Store a notification exactly as it arrived; its id. The caller commits before processing
    it (on PostgreSQL the insert is its own unit of work, committed as it runs: one round trip)."""
    with single_statement_units() as connection:
        return connection.execute(_RECORD, {
            "provider": provider, "kind": kind, "received_at": clock.now(), "outcome": "received",
            "headers": {k: v for k, v in headers.items() if k.lower() not in UNSTORED_HEADERS},
            "body": body.decode("utf-8", errors="replace"),
        }).scalar_one()


def process_v2_payment_notification(notification_id: int, body: bytes) -> Outcome:
    """Verify a stored v2 payment notification and apply it; marks the record with the outcome."""
    try:
        notice = pay.gateway().parse_payment_notification(body)
    except pay.NotificationRejected as rejected:
        log.info("payment notification %s rejected: %s", notification_id, rejected.reason)
        return _mark(notification_id, Outcome.REJECTED, rejected.reason)
    outcome, detail = apply_payment(notice, source="notification", notification_id=notification_id)
    return _mark(notification_id, outcome, detail, out_trade_no=notice.out_trade_no,
                 transaction_id=notice.transaction_id)


def process_v2_refund_notification(notification_id: int, body: bytes) -> Outcome:
    """Decrypt a stored v2 refund notification and settle its refund; marks the record."""
    from app.refunds import services as refunds

    try:
        result = pay.gateway().parse_refund_notification(body)
    except pay.NotificationRejected as rejected:
        log.info("refund notification %s refused: %s", notification_id, rejected.reason)
        if rejected.reason in ("appid_mismatch", "mch_id_mismatch"):
            return _mark(notification_id, Outcome.FLAGGED, rejected.reason)  # not ours: a retry cannot help
        return _mark(notification_id, Outcome.REJECTED, rejected.reason)
    outcome, detail = refunds.apply_refund_result(result)
    return _mark(notification_id, Outcome(outcome), detail or result.refund_no,
                 out_trade_no=result.raw.get("out_trade_no"), transaction_id=result.raw.get("transaction_id"))


def apply_payment(notice: pay.PaymentNotice, *, source: str,
                  notification_id: int | None = None) -> tuple[Outcome, str | None]:
    """Apply a verified payment report once. Returns (outcome, detail).

    Order of checks: is it for us (appid, mch_id), is it a success, is the order ours,
    does the amount match. Then, under the order's row lock: already recorded (same
    transaction id) → duplicate; otherwise the payment is recorded and a created order
    is fulfilled (its policy issued) in this same transaction. A payment for an order
    that is closed or already paid is recorded and flagged (late or double payment).
    """
    config = current_app.config
    if notice.appid != config["WECHAT_APPID"]:
        return Outcome.FLAGGED, "appid_mismatch"
    if notice.mch_id != config["WECHAT_MCH_ID"]:
        return Outcome.FLAGGED, "mch_id_mismatch"
    if not notice.succeeded:
        return Outcome.FLAGGED, "not_successful"
    if not notice.transaction_id:
        return Outcome.FLAGGED, "no_transaction_id"
    order = orders.lock_by_no(notice.out_trade_no)
    if order is None:
        return Outcome.UNKNOWN_ORDER, None
    if notice.total_fee != order.amount_fen:
        log.warning("payment for %s: amount %s, expected %s", order.order_no, notice.total_fee, order.amount_fen)
        return Outcome.FLAGGED, "amount_mismatch"

    # Never lost, never a second policy: a payment for an order that is not waiting for one
    # is recorded on it, refunded, and listed for operators.
    anomaly = None
    if order.status != "created":
        anomaly = "late_payment" if order.status == "closed" else "double_payment"
    paid_at = notice.paid_at or clock.now()
    payment_id = insert_unless_exists(Payment, {
        "order_id": order.id, "transaction_id": notice.transaction_id, "amount_fen": notice.total_fee,
        "status": "succeeded", "paid_at": paid_at, "source": source, "notification_id": notification_id,
        "anomaly": anomaly,
    }, unique=["transaction_id"])
    if payment_id is None:
        return Outcome.DUPLICATE, None  # this transaction id is recorded already
    if anomaly is None:
        orders.fulfil(order, paid_at)
        return Outcome.APPLIED, None
    log.warning("payment %s for %s order %s: %s, refunding", notice.transaction_id, order.status, order.order_no,
                anomaly)
    from app.refunds import services as refunds

    refunds.request_refund(payment_id, None, reason=anomaly, requested_by="system")
    return Outcome.APPLIED, anomaly


def _mark(notification_id: int, outcome: Outcome, detail: str | None, *, out_trade_no=None, transaction_id=None,
          kind: str | None = None) -> Outcome:
    """Record what became of a stored notification and, once it could be read, whose it was."""
    values = {
        "notification_id": notification_id, "outcome": outcome.value, "detail": detail, "processed_at": clock.now(),
        "out_trade_no": str(out_trade_no or "")[:32] or None, "transaction_id": str(transaction_id or "")[:64] or None,
    }
    if kind is not None:
        values["kind"] = kind[:48]
    db.session.execute(_MARK, values)
    return outcome


def original_payment(order_id: int) -> Payment:
    """The payment that fulfilled an order (not a late or double one)."""
    return db.session.scalars(
        sa.select(Payment).where(Payment.order_id == order_id, Payment.anomaly.is_(None)).order_by(Payment.id)
    ).first()


#: A v3 notification's ``kind`` until its signature is checked; then its event type (TRANSACTION.SUCCESS, ...).
V3_UNVERIFIED_KIND = "unverified"


def process_v3_notification(notification_id: int, headers, body: bytes) -> Outcome:
    """Verify, decrypt and apply a stored v3 notification (payment or refund); marks the record.

    Needs only the v3 credentials, whatever ``WECHAT_PAY_VERSION`` says, so orders
    created under v3 keep settling after a switch. An event type we do not handle is
    kept, flagged for an operator, and acknowledged: a retry would not change it.
    """
    from app.refunds import services as refunds
    from app.wechat import pay_v3

    try:
        event = pay_v3.open_notification_with_config(headers, body, current_app.config)
    except pay.NotificationRejected as rejected:
        log.info("v3 notification %s rejected: %s", notification_id, rejected.reason)
        return _mark(notification_id, Outcome.REJECTED, rejected.reason)
    resource = event.resource
    found = {"kind": event.event_type, "out_trade_no": resource.get("out_trade_no"),
             "transaction_id": resource.get("transaction_id")}

    if event.event_type == pay_v3.PAYMENT_EVENT:
        notice = pay_v3.payment_notice(resource)
        if not notice.out_trade_no:  # signed, but a retry cannot fix it
            return _mark(notification_id, Outcome.FLAGGED, "malformed_fields", **found)
        outcome, detail = apply_payment(notice, source="notification", notification_id=notification_id)
        return _mark(notification_id, outcome, detail, **found)
    if event.event_type in pay_v3.REFUND_EVENTS:
        # v2's refund parser checks the merchant inside req_info; v3 carries mchid in the resource.
        if resource.get("mchid") != current_app.config["WECHAT_MCH_ID"]:
            return _mark(notification_id, Outcome.FLAGGED, "mch_id_mismatch", **found)
        result = pay_v3.refund_result(resource)
        if not result.refund_no:
            return _mark(notification_id, Outcome.FLAGGED, "malformed_fields", **found)
        outcome, detail = refunds.apply_refund_result(result)
        return _mark(notification_id, Outcome(outcome), detail or result.refund_no, **found)
    log.info("v3 notification %s: event %s is not one we handle", notification_id, event.event_type)
    return _mark(notification_id, Outcome.FLAGGED, "unhandled_event", **found)
