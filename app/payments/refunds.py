"""Refunds: decided in our database first, then submitted to WeChat Pay, settled by its notification.

``request_refund`` (or ``refund_order``) is the only way to give money back. It records the
refund ``pending`` in the caller's unit of work and queues its submission after commit, so a
refund is never lost to a WeChat outage: a periodic sweep submits any refund still pending.
WeChat Pay treats a repeated ``out_refund_no`` as the same refund, so submitting twice
refunds once. A submitted refund whose notification never comes is asked about
(``reconcile``) and settled through the same code as the notification.

When a refund of an order's own payment is decided, its kind hears of it (``refunding``: a policy whose whole
premium goes back is cancelled); when a refund succeeds, its order's kind hears of it (``refunded`` in ``app.orders.kinds``)
and ``refund_succeeded`` is sent; this module names no kind and no feature. A refund that failed
is settled by an operator outside WeChat Pay (``record_follow_up``): the money is then back with
the payer too, and the kind hears of it the same way (a cooling-off cancellation is completed).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.core import clock, events
from app.core.jobs import enqueue_after_commit, job
from app.core.errors import Conflict, NotFound, ValidationFailed
from app.core.i18n import yuan
from app.extensions import db
from app.orders import kinds
from app.orders.models import Order
from app.payments.models import Payment, Refund
from app.wechat import pay

log = logging.getLogger(__name__)

IN_FLIGHT = ("pending", "submitted")
#: Submission attempts before a pending refund is handed to an operator.
MAX_ATTEMPTS = 20
#: A submitted refund is asked about when its notification has not come after this long
#: (WeChat Pay refunds to the payer's balance within minutes, and notifies at once) ...
QUERY_AFTER = dt.timedelta(minutes=10)
#: ... and again at most this often while WeChat Pay still says it is processing.
QUERY_EVERY = dt.timedelta(minutes=30)


class NothingToRefund(Conflict):
    code = "nothing_to_refund"
    message = _l("This payment has already been refunded.")


def new_refund_no(moment: dt.datetime) -> str:
    return "RF" + clock.to_shanghai(moment).strftime("%Y%m%d%H%M%S") + f"{secrets.randbelow(10**8):08d}"


def original_payment(order_id: int) -> Payment | None:
    """The payment that fulfilled an order (not a late or double one)."""
    return db.session.scalars(
        sa.select(Payment).where(Payment.order_id == order_id, Payment.anomaly.is_(None)).order_by(Payment.id)
    ).first()


def refundable_fen(payment: Payment) -> int:
    """What is left of a payment after refunds that succeeded or are under way."""
    taken = db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(Refund.amount_fen), 0)).where(
            Refund.payment_id == payment.id, Refund.status.in_(IN_FLIGHT + ("succeeded",)))
    )
    return payment.amount_fen - int(taken)


def refund_order(order_id: int, amount_fen: int | None, *, reason: str, description: str, requested_by: str,
                 note: str | None = None) -> Refund:
    """Refund ``amount_fen`` (None: everything left) of the payment that fulfilled an order."""
    payment = original_payment(order_id)
    if payment is None:
        raise NothingToRefund(_("This order was never paid, so there is nothing to refund."))
    return request_refund(payment.id, amount_fen, reason=reason, description=description,
                          requested_by=requested_by, note=note)


def refund_order_up_to(order_id: int, at_most_fen: int, *, reason: str, description: str, requested_by: str,
                       note: str | None = None) -> Refund | None:
    """Refund ``at_most_fen`` of the payment that fulfilled an order, or what is left of it when less (an operator
    refunded part or all of it already); None when nothing is left (or it was never paid). For refunds the system
    owes whatever happened to the payment since (an envelope's unclaimed cover): never more than was paid."""
    payment = original_payment(order_id)
    if payment is None:
        return None
    payment = _lock_payment(payment.id)
    amount = min(at_most_fen, refundable_fen(payment))
    if amount <= 0:
        return None
    return _record_refund(payment, amount, reason=reason, description=description, requested_by=requested_by,
                          note=note)


def request_refund(payment_id: int, amount_fen: int | None, *, reason: str, description: str,
                   requested_by: str, note: str | None = None) -> Refund:
    """Refund ``amount_fen`` (None: everything left) of a payment; submitted after the caller commits.

    ``reason`` is a short code for us; ``description`` is what WeChat Pay shows the payer.
    """
    payment = _lock_payment(payment_id)
    left = refundable_fen(payment)
    if left <= 0:
        raise NothingToRefund()
    amount = left if amount_fen is None else amount_fen
    if not 0 < amount <= left:
        raise ValidationFailed.for_field("amount_fen", _("A refund of this payment can be 0.01 to %(left)s yuan.", left=yuan(left)),
                                         code="invalid_refund_amount")
    return _record_refund(payment, amount, reason=reason, description=description, requested_by=requested_by,
                          note=note)


def _record_refund(payment: Payment, amount: int, *, reason: str, description: str, requested_by: str,
                   note: str | None) -> Refund:
    """A refund of ``amount`` of the locked ``payment``, pending, and its submission queued for after the commit."""
    now = clock.now()
    refund = Refund(refund_no=new_refund_no(now), order_id=payment.order_id, payment_id=payment.id, amount_fen=amount,
                    reason=reason, description=description[:80], status="pending", requested_by=requested_by,
                    note=note, created_at=now)
    db.session.add(refund)
    if payment.status != "refund_pending":
        payment.move_to("refund_pending")
    db.session.flush()
    if payment.anomaly is None:  # a late or double payment bought nothing: its refund touches no purchase
        order = db.session.get(Order, payment.order_id)
        kind = kinds.of(order.kind)
        if kind.refunding is not None:
            kind.refunding(order, refund, refundable_fen(payment))
    enqueue_after_commit(submit_refund, refund.id)
    return refund


def submit(refund_id: int) -> str:
    """Submit one pending refund to WeChat Pay; returns its status afterwards."""
    refund = db.session.scalars(sa.select(Refund).where(Refund.id == refund_id).with_for_update()).one_or_none()
    if refund is None or refund.status != "pending":
        return refund.status if refund else "missing"
    payment = db.session.get(Payment, refund.payment_id)
    order = db.session.get(Order, refund.order_id)
    refund.attempts += 1
    try:
        accepted = pay.gateway().refund(
            out_trade_no=order.order_no, transaction_id=payment.transaction_id, out_refund_no=refund.refund_no,
            total_fee=payment.amount_fen, refund_fee=refund.amount_fen, reason=refund.description or refund.reason,
        )
    except pay.PayRequestFailed as failed:
        refund.error = f"{failed.err_code}: {failed.message}"[:200]
        if failed.err_code not in pay.RETRYABLE_REFUND_ERRORS or refund.attempts >= MAX_ATTEMPTS:
            _finish(refund, "failed")
        log.warning("refund %s refused by WeChat Pay: %s", refund.refund_no, refund.error)
        return refund.status
    except pay.WeChatUnavailable as unavailable:
        refund.error = unavailable.message[:200]
        if refund.attempts >= MAX_ATTEMPTS:
            _finish(refund, "failed")
        return refund.status
    refund.move_to("submitted")
    refund.submitted_at = clock.now()
    refund.wechat_refund_id = accepted.refund_id
    refund.error = None
    db.session.flush()
    return refund.status


@job
def submit_refund(refund_id: int) -> str:
    """Queued after a refund's decision commits."""
    return submit(refund_id)


def apply_refund_result(result: pay.RefundResult) -> tuple[str, str | None]:
    """Settle a refund from WeChat's notification or query answer, once. Returns (outcome, detail)
    as the notification outcomes name them."""
    refund = db.session.scalars(
        sa.select(Refund).where(Refund.refund_no == result.refund_no).with_for_update()).one_or_none()
    if refund is None:
        return "unknown_order", None
    # A failed refund can still succeed: WeChat Pay reports ABNORMAL (the payer's card was closed), then SUCCESS
    # once the merchant has had it paid out from its platform. Only a success is news after a failure.
    if refund.status == "succeeded" or (refund.status == "failed" and result.status != "SUCCESS"):
        return "duplicate", None
    if result.refund_fee is not None and result.refund_fee != refund.amount_fen:
        return "flagged", "amount_mismatch"
    refund.wechat_refund_id = result.wechat_refund_id or refund.wechat_refund_id
    if result.status != "SUCCESS":
        refund.error = f"WeChat Pay reported {result.status}"[:200]  # signed, yet of any length: never a 503 for ever
        _finish(refund, "failed")
        return "applied", None
    # A failed refund returned nothing, so the payment could be refunded again meanwhile (an operator's refund from
    # the order's page): what is left of it no longer covers this one.
    refunded_again = refund.status == "failed" and refundable_fen(_lock_payment(refund.payment_id)) < refund.amount_fen
    settled_by_hand = refund.followed_up_at is not None
    _finish(refund, "succeeded", result.succeeded_at)
    if settled_by_hand or refunded_again:
        # An operator paid it back another way already: the payer has it twice, and someone must ask for it back.
        log.error("refund %s succeeded at WeChat Pay after %s: paid back twice", refund.refund_no,
                  f"{refund.followed_up_by} settled it by hand" if settled_by_hand else "the payment was refunded again")
        return "flagged", "paid_back_twice"
    return "applied", None


def submitted_refunds_due(limit: int = 100) -> list[int]:
    """Submitted refunds whose notification is overdue, not asked about lately: oldest first."""
    now = clock.now()
    return list(db.session.scalars(
        sa.select(Refund.id).where(
            Refund.status == "submitted", Refund.submitted_at <= now - QUERY_AFTER,
            sa.or_(Refund.queried_at.is_(None), Refund.queried_at <= now - QUERY_EVERY),
        ).order_by(Refund.id).limit(limit)))


def reconcile(refund_id: int) -> str:
    """Ask WeChat Pay how a submitted refund ended, and settle it as its notification would have.

    Returns what happened: ``succeeded`` or ``failed`` (settled now), ``processing`` (asked
    again later), ``not_found`` (WeChat has no such refund: an operator looks), ``flagged``
    (the amount differs), ``query_refused``, or the refund's status if it was settled meanwhile.
    """
    refund = db.session.scalars(sa.select(Refund).where(Refund.id == refund_id).with_for_update()).one_or_none()
    if refund is None or refund.status != "submitted":
        return refund.status if refund else "missing"
    refund.queried_at = clock.now()
    try:
        result = pay.gateway().query_refund(refund.refund_no)
    except pay.PayRequestFailed as refused:
        refund.error = f"query: {refused.err_code}: {refused.message}"[:200]
        log.warning("refund %s: WeChat Pay refused our query: %s", refund.refund_no, refund.error)
        return "query_refused"
    if result is None:
        refund.error = "WeChat Pay has no record of this refund"
        log.error("refund %s: accepted by WeChat Pay, but its query finds no such refund", refund.refund_no)
        return "not_found"
    if result.status == "PROCESSING":
        return "processing"
    outcome, detail = apply_refund_result(result)
    if outcome != "applied":
        log.warning("refund %s: WeChat Pay's answer to our query was %s (%s)", refund.refund_no, outcome, detail)
        return outcome
    return refund.status


def _finish(refund: Refund, status: str, at: dt.datetime | None = None) -> None:
    refund.move_to(status)
    refund.finished_at = at or clock.now()
    # The payment's row is locked (after the refund's, the order every refund path takes) and read afresh: two
    # refunds of one payment settled at once each lock only their own refund, and without it each counted the
    # other as still in flight, so a payment refunded in full stayed refund_pending and its order never refunded.
    payment = _lock_payment(refund.payment_id)
    _settle_payment(payment)
    db.session.flush()
    if status != "succeeded":
        log.warning("refund %s failed: %s", refund.refund_no, refund.error)
        return
    order = db.session.get(Order, refund.order_id)
    if payment.status == "refunded" and payment.anomaly is None and order.can_move_to("refunded"):
        order.move_to("refunded")
    _tell_the_kind(order, payment, refund)
    events.refund_succeeded.send(refund, order=order)
    db.session.flush()


def _tell_the_kind(order: Order, payment: Payment, refund: Refund) -> None:
    """The refund's money is back with the payer: the order's kind hears of it (not for a late or double
    payment's refund, which bought nothing)."""
    kind = kinds.of(order.kind)
    if payment.anomaly is None and kind.refunded is not None:
        kind.refunded(order, refund)


def _lock_payment(payment_id: int) -> Payment:
    """The payment, locked until the unit of work ends, with its row as committed (not as this session read it)."""
    return db.session.scalars(sa.select(Payment).where(Payment.id == payment_id).with_for_update()
                              .execution_options(populate_existing=True)).one()


def _settle_payment(payment: Payment) -> None:
    rows = db.session.execute(
        sa.select(Refund.status, sa.func.sum(Refund.amount_fen)).where(Refund.payment_id == payment.id)
        .group_by(Refund.status)
    ).all()
    totals = {status: int(total) for status, total in rows}
    if totals.get("succeeded", 0) >= payment.amount_fen:
        status = "refunded"
    elif any(totals.get(status) for status in IN_FLIGHT):
        status = "refund_pending"
    else:
        status = "succeeded"
    if status != payment.status:
        payment.move_to(status)


def pending_refund_ids(limit: int = 100) -> list[int]:
    return list(db.session.scalars(
        sa.select(Refund.id).where(Refund.status == "pending").order_by(Refund.id).limit(limit)))


class NotOpenForFollowUp(Conflict):
    code = "refund_not_open_for_follow_up"
    message = _l("Only a failed refund that nobody has followed up yet can be marked as settled.")


def record_follow_up(refund_no: str, *, by: str, note: str) -> Refund:
    """An operator settled a failed refund outside WeChat Pay's refund (paid it back by hand, or refunded the
    payment again) and says how. The refund stays ``failed``, since WeChat Pay returned none of it; it leaves the
    follow-up list, and so does a late or double payment whose refund it was. The money is back with the payer,
    so the order's kind hears of it as of a refund that succeeded: a policy whose cooling-off refund it was
    stops waiting in ``cancelling`` and is cancelled (docs/domain.md, Cooling-off)."""
    refund = db.session.scalars(sa.select(Refund).where(Refund.refund_no == refund_no).with_for_update()).first()
    if refund is None:
        raise NotFound(_("No refund has that number."))
    if refund.status != "failed" or refund.followed_up_at is not None:
        raise NotOpenForFollowUp()
    refund.followed_up_at, refund.followed_up_by, refund.follow_up_note = clock.now(), by, note
    db.session.flush()
    _tell_the_kind(db.session.get(Order, refund.order_id), db.session.get(Payment, refund.payment_id), refund)
    db.session.flush()
    return refund


def returned_in_full(order_id: int) -> bool:
    """Whether the whole payment that fulfilled an order is back with its payer (``return_of_payment``)."""
    state = return_of_payment(order_id)
    return state is not None and state[1] == "returned"


def return_of_payment(order_id: int) -> tuple[int, str] | None:
    """How the whole of the payment that fulfilled an order is coming back to its payer, once a refund of it all
    has been decided (a cancellation): what was paid, and ``returned`` (all of it is back, through refunds that
    succeeded and failed ones an operator settled by hand: ``record_follow_up``), ``on_its_way`` (a refund is
    pending or submitted, or none failed unsettled), or ``failed`` (a refund failed, nobody has settled it, and
    nothing else is on its way: an operator will). A refund that failed and nobody settled returned nothing.
    None when the order was never paid."""
    payment = original_payment(order_id)
    if payment is None:
        return None
    rows = db.session.execute(
        sa.select(Refund.status, Refund.amount_fen, Refund.followed_up_at.is_not(None).label("settled"))
        .where(Refund.payment_id == payment.id)).all()
    back = sum(row.amount_fen for row in rows if row.status == "succeeded" or (row.status == "failed" and row.settled))
    if back >= payment.amount_fen:
        return payment.amount_fen, "returned"
    unsettled_failure = any(row.status == "failed" and not row.settled for row in rows)
    if any(row.status in IN_FLIGHT for row in rows) or not unsettled_failure:
        return payment.amount_fen, "on_its_way"
    return payment.amount_fen, "failed"


def refunds_for_order(order_id: int) -> list[Refund]:
    return list(db.session.scalars(sa.select(Refund).where(Refund.order_id == order_id).order_by(Refund.id)))
