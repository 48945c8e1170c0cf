"""Payments applied exactly once, whether a notification or a reconciliation query reports them;
unpaid orders reconciled and closed.

A payment is recorded under the order's row lock and the unique WeChat transaction id. A
created order is then fulfilled: marked paid, delivered through its kind
(``app.orders.kinds``), and ``order_paid`` is sent, all in the same unit of work. This
module does not know what was bought, nor who else cares that it was.

This is the hottest write path (bench/README.md): the payment is inserted with
``ON CONFLICT DO NOTHING`` on its transaction id (no SELECT first, no SAVEPOINT around it),
and the order marked fulfilled with one prebuilt statement.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Sequence

import sqlalchemy as sa
from flask import current_app
from rq import Retry
from sqlalchemy.orm.attributes import set_committed_value

from app.core import clock, events
from app.core.db import insert_each_unless_exists, update_rows
from app.core.jobs import enqueue_after_commit, job
from app.extensions import db
from app.orders import kinds
from app.orders.models import Order
from app.orders.services import lock_by_no, lock_many_for_payment
from app.payments import refunds
from app.payments.models import Payment
from app.wechat import pay

log = logging.getLogger(__name__)

#: WeChat Pay refuses to close an order younger than five minutes; WeChat counts from its own
#: clock, a little behind ours, so we wait this long.
WECHAT_CLOSE_DELAY = dt.timedelta(minutes=5, seconds=30)
#: WeChat busy or unreachable: the close is tried again on this schedule (then a late payment is refunded).
CLOSE_RETRY = Retry(max=5, interval=[60, 120, 300, 600, 1800])
#: An unpaid order is first asked about at WeChat Pay this long after creation ...
RECONCILE_AFTER = dt.timedelta(minutes=3)
#: ... and again at most this often until it closes.
RECONCILE_EVERY = dt.timedelta(minutes=5)
#: An order without a prepay is paid by signing a contract (auto-renewal), and WeChat is never told of its close
#: (there is no prepay to close): a pre-sign offered up to the end of the order's window can still be signed, and
#: pay, for WeChat's 10 minutes after. Such an order closes only once none can (a minute more for the clocks).
SIGNING_GRACE = dt.timedelta(minutes=11)


class Outcome(str, enum.Enum):
    """What became of a payment or refund report (docs/wechat.md, Notifications)."""

    REJECTED = "rejected"
    UNKNOWN_ORDER = "unknown_order"
    FLAGGED = "flagged"
    DUPLICATE = "duplicate"
    APPLIED = "applied"


def apply_payment(notice: pay.PaymentNotice, *, source: str,
                  notification_id: int | None = None) -> tuple[Outcome, str | None]:
    """Apply a verified payment report once (``apply_payments`` with one). Returns (outcome, detail)."""
    return apply_payments([notice], source=source, notification_ids=[notification_id])[0]


def apply_payments(notices: Sequence[pay.PaymentNotice], *, source: str,
                   notification_ids: Sequence[int | None] | None = None) -> list[tuple[Outcome, str | None]]:
    """Apply verified payment reports, each once, together: one statement locks all their orders, one sends
    their payments, one marks the paid orders, and each kind fulfils its orders together. (outcome, detail) for
    each, in order. Reports that arrive together (``notifications.receive``) cost the round trips of one.

    Order of checks: is it for us (appid, mch_id), is it a success, is the order ours,
    does the amount match. Then, under the order's row lock: already recorded (same
    transaction id) → duplicate; otherwise the payment is recorded and a created order
    is fulfilled in this same unit of work. A payment for an order that is closed or
    already paid is recorded, refunded, and listed for operators (late or double payment):
    never lost, never delivered twice. A second report for an order of the batch is applied after the
    first, as if it had come later (a retry is a duplicate, another transaction a double payment).
    """
    ids = list(notification_ids) if notification_ids is not None else [None] * len(notices)
    answers: list[tuple[Outcome, str | None] | None] = [None] * len(notices)
    checked = []
    for i, notice in enumerate(notices):
        refusal = _not_applicable(notice)
        if refusal is None:
            checked.append(i)
        else:
            answers[i] = (Outcome.FLAGGED, refusal)
    locked = lock_many_for_payment(sorted({notices[i].out_trade_no for i in checked})) if checked else {}
    taken: set[int] = set()
    later: list[int] = []
    recording: list[tuple[int, Order, dict, str | None, dict]] = []
    for i in checked:
        notice = notices[i]
        found = locked.get(notice.out_trade_no)
        if found is None:
            answers[i] = (Outcome.UNKNOWN_ORDER, None)
            continue
        order, facts = found
        if notice.total_fee != order.amount_fen:
            log.warning("payment for %s: amount %s, expected %s", order.order_no, notice.total_fee, order.amount_fen)
            answers[i] = (Outcome.FLAGGED, "amount_mismatch")
            continue
        if order.id in taken:
            later.append(i)
            continue
        taken.add(order.id)
        anomaly = None
        if order.status != "created":
            anomaly = "late_payment" if order.status == "closed" else "double_payment"
        recording.append((i, order, facts, anomaly, {
            "order_id": order.id, "transaction_id": notice.transaction_id, "amount_fen": notice.total_fee,
            "status": "succeeded", "paid_at": notice.paid_at or clock.now(), "source": source,
            "notification_id": ids[i], "anomaly": anomaly,
        }))
    payment_ids = insert_each_unless_exists(Payment, [values for *_, values in recording], unique=["transaction_id"])
    paid = []
    for (i, order, facts, anomaly, values), payment_id in zip(recording, payment_ids, strict=True):
        if payment_id is None:
            answers[i] = (Outcome.DUPLICATE, None)  # this transaction id is recorded already
        elif anomaly is None:
            paid.append((order, values["paid_at"], facts))
            answers[i] = (Outcome.APPLIED, None)
        else:
            log.warning("payment %s for %s order %s: %s, refunding", values["transaction_id"], order.status,
                        order.order_no, anomaly)
            refunds.request_refund(payment_id, None, reason=anomaly, description=_ANOMALY_DESCRIPTIONS[anomaly],
                                   requested_by="system")
            answers[i] = (Outcome.APPLIED, anomaly)
    fulfil(paid)
    for i in later:
        answers[i] = apply_payments([notices[i]], source=source, notification_ids=[ids[i]])[0]
    return answers


def _not_applicable(notice: pay.PaymentNotice) -> str | None:
    """Why a verified report cannot pay one of our orders (flagged for an operator), or None."""
    config = current_app.config
    if notice.appid != config["WECHAT_APPID"]:
        return "appid_mismatch"
    if notice.mch_id != config["WECHAT_MCH_ID"]:
        return "mch_id_mismatch"
    if not notice.succeeded:
        return "not_successful"
    if not notice.transaction_id:
        return "no_transaction_id"
    return None


#: What WeChat Pay tells the payer in its refund notice (one text for everyone, so Chinese).
_ANOMALY_DESCRIPTIONS = {
    "late_payment": "订单已关闭后收到的付款，原路退回",
    "double_payment": "同一订单重复付款，原路退回",
}

def fulfil(paid: Sequence[tuple[Order, dt.datetime, dict]]) -> None:
    """Created orders have been paid, each (order, paid_at, facts): mark them, deliver what each bought through its
    kind (a kind's orders together), and say so (with the ``facts`` features declared to read with its lock:
    ``orders.declare_payment_fact``)."""
    if not paid:
        return
    for order, _, _ in paid:
        order.ensure_can_move_to("fulfilled")
    update_rows(Order.__table__, "id", [{"id": order.id, "paid_at": paid_at} for order, paid_at, _ in paid],
                status="fulfilled")
    by_kind: dict[str, list[Order]] = {}
    for order, paid_at, _ in paid:
        # Written already: the ORM takes the new values as the row's, so it neither writes nor reloads them.
        set_committed_value(order, "status", "fulfilled")
        set_committed_value(order, "paid_at", paid_at)
        by_kind.setdefault(order.kind, []).append(order)
    for name, orders_of_kind in by_kind.items():
        kinds.of(name).fulfil(orders_of_kind)
    for order, _, facts in paid:
        events.order_paid.send(order, facts=facts)
    db.session.flush()


# -- unpaid orders: closing and reconciling --------------------------------------------------

def close(order: Order, reason: str) -> None:
    """Close a created order here and schedule its close at WeChat Pay.

    WeChat refuses to close an order within 5 minutes of its creation, so the call
    waits until then. A payment that still slips through is a late payment: recorded
    and refunded automatically. An order paid by signing (no prepay) is asked about once no
    pre-sign offered for it can pay any more (``SIGNING_GRACE``), so that a late payment
    whose notification was lost is refunded too.
    """
    order.move_to("closed")
    order.closed_at = clock.now()
    order.close_reason = reason
    events.order_closed.send(order)
    db.session.flush()
    if order.prepay_id:
        wait = order.created_at + WECHAT_CLOSE_DELAY - clock.now()
        enqueue_after_commit(close_at_wechat, order.order_no, delay=max(wait, dt.timedelta(0)),
                             retry=CLOSE_RETRY)
    else:
        # Paid by signing: WeChat holds nothing to close, but a pre-sign offered before the close can still be signed,
        # and pay, for SIGNING_GRACE. Asked about once it cannot, a payment whose notification was lost is found.
        enqueue_after_commit(close_at_wechat, order.order_no, delay=SIGNING_GRACE, retry=CLOSE_RETRY)


@job
def close_at_wechat(order_no: str) -> str:
    """Close the order at WeChat Pay; if it was paid meanwhile, apply that payment (a late payment). An order paid by
    signing has nothing to close there: it is only asked about."""
    order = lock_by_no(order_no)
    if order is None or order.status != "closed":
        return "skipped"
    if not order.prepay_id:
        return reconcile(order)
    try:
        pay.gateway().close(order.order_no)
        return "closed"
    except pay.PayRequestFailed as failed:
        if failed.err_code != "ORDERPAID":
            raise
    return reconcile(order)


def reconcile(order: Order) -> str:
    """Ask WeChat Pay about an order and apply a confirmed payment as its notification would have."""
    state = pay.gateway().query(order.order_no)
    order.reconciled_at = clock.now()
    if state.state == "SUCCESS" and state.notice is not None:
        outcome, _ = apply_payment(state.notice, source="reconciliation")
        return outcome.value
    return state.state.lower()


def unpaid_orders_due(limit: int = 200) -> list[str]:
    """Unpaid orders to ask WeChat Pay about: a few minutes old and not asked lately, or past their window.

    An order is asked about at most every ``RECONCILE_EVERY``; an expired one is asked
    once more before it closes, so a payment whose notification never came is applied
    instead of refunded. Orders without a prepay too: one bought with auto-renewal is paid by
    signing its contract (a pre-sign carries its number), and it closes once no pre-sign offered in its
    30 minutes can pay it any more (``SIGNING_GRACE``).
    """
    now = clock.now()
    return list(db.session.scalars(
        sa.select(Order.order_no).where(
            Order.status == "created",
            Order.created_at <= now - RECONCILE_AFTER,
            sa.or_(Order.reconciled_at.is_(None), Order.reconciled_at <= now - RECONCILE_EVERY,
                   sa.and_(Order.prepay_id.is_not(None), Order.expires_at <= now),
                   Order.expires_at <= now - SIGNING_GRACE),
        ).order_by(Order.created_at).limit(limit)
    ))


def closes_at(order: Order) -> dt.datetime:
    """When an unpaid order is closed: at the end of its window, or ``SIGNING_GRACE`` later when signing pays it."""
    return order.expires_at if order.prepay_id else order.expires_at + SIGNING_GRACE


def sweep_order(order_no: str) -> str:
    """Reconcile one unpaid order, and close it if its payment window has passed."""
    order = lock_by_no(order_no)
    if order is None or order.status != "created":
        return "skipped"
    outcome = reconcile(order)
    if order.status == "created" and closes_at(order) <= clock.now():
        close(order, "expired")
        return "closed"
    return outcome

