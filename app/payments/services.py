"""Applying payments exactly once, whether a notification or a reconciliation query reports them.

The webhook has two units of work: ``record_notification`` commits the raw body and
headers first, so it survives whatever happens next; ``process_v2_payment_notification``
then verifies it and applies it in a second transaction, under the order's row lock
and the unique WeChat transaction id.
"""

from __future__ import annotations

import enum
import logging

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from app.core import clock
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


def record_notification(provider: str, kind: str, headers, body: bytes) -> PaymentNotification:
    """Store a notification exactly as it arrived (the caller commits before processing it)."""
    notification = PaymentNotification(
        provider=provider, kind=kind, received_at=clock.now(), outcome="received",
        headers={k: v for k, v in headers.items() if k.lower() not in UNSTORED_HEADERS},
        body=body.decode("utf-8", errors="replace"),
    )
    db.session.add(notification)
    db.session.flush()
    return notification


def process_v2_payment_notification(notification_id: int, body: bytes) -> Outcome:
    """Verify a stored v2 payment notification and apply it; marks the record with the outcome."""
    notification = db.session.get(PaymentNotification, notification_id)
    try:
        notice = pay.gateway().parse_payment_notification(body)
    except pay.NotificationRejected as rejected:
        log.info("payment notification %s rejected: %s", notification_id, rejected.reason)
        return _mark(notification, Outcome.REJECTED, rejected.reason)
    notification.out_trade_no = notice.out_trade_no[:32]
    notification.transaction_id = (notice.transaction_id or "")[:64] or None
    outcome, detail = apply_payment(notice, source="notification", notification_id=notification.id)
    return _mark(notification, outcome, detail)


def process_v2_refund_notification(notification_id: int, body: bytes) -> Outcome:
    """Decrypt a stored v2 refund notification and settle its refund; marks the record."""
    from app.refunds import services as refunds

    notification = db.session.get(PaymentNotification, notification_id)
    try:
        result = pay.gateway().parse_refund_notification(body)
    except pay.NotificationRejected as rejected:
        log.info("refund notification %s refused: %s", notification_id, rejected.reason)
        if rejected.reason in ("appid_mismatch", "mch_id_mismatch"):
            return _mark(notification, Outcome.FLAGGED, rejected.reason)  # not ours: a retry cannot help
        return _mark(notification, Outcome.REJECTED, rejected.reason)
    notification.out_trade_no = (result.raw.get("out_trade_no") or "")[:32] or None
    notification.transaction_id = (result.raw.get("transaction_id") or "")[:64] or None
    outcome, detail = refunds.apply_refund_result(result)
    return _mark(notification, Outcome(outcome), detail or result.refund_no)


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

    already = db.session.scalar(sa.select(Payment.id).where(Payment.transaction_id == notice.transaction_id))
    if already is not None:
        return Outcome.DUPLICATE, None
    paid_at = notice.paid_at or clock.now()
    payment = Payment(order_id=order.id, transaction_id=notice.transaction_id, amount_fen=notice.total_fee,
                      status="succeeded", paid_at=paid_at, source=source, notification_id=notification_id)
    try:
        with db.session.begin_nested():
            db.session.add(payment)
    except IntegrityError:
        return Outcome.DUPLICATE, None

    if order.status == "created":
        orders.fulfil(order, paid_at)
        return Outcome.APPLIED, None
    # Never lost, never a second policy: recorded on the order, refunded, and listed for operators.
    payment.anomaly = "late_payment" if order.status == "closed" else "double_payment"
    log.warning("payment %s for %s order %s: %s, refunding", payment.transaction_id, order.status, order.order_no,
                payment.anomaly)
    db.session.flush()
    from app.refunds import services as refunds

    refunds.request_refund(payment.id, None, reason=payment.anomaly, requested_by="system")
    return Outcome.APPLIED, payment.anomaly


def _mark(notification: PaymentNotification, outcome: Outcome, detail: str | None) -> Outcome:
    notification.outcome = outcome.value
    notification.detail = detail
    notification.processed_at = clock.now()
    db.session.flush()
    return outcome


def original_payment(order_id: int) -> Payment:
    """The payment that fulfilled an order (not a late or double one)."""
    return db.session.scalars(
        sa.select(Payment).where(Payment.order_id == order_id, Payment.anomaly.is_(None)).order_by(Payment.id)
    ).first()
