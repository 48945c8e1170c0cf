"""Creating orders and prepaying them at WeChat Pay; finding them again.

Everything after the prepay (payment, close, reconciliation, refunds) is ``app.payments``.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from flask_babel import gettext as _

from app.core import clock
from app.core.db import entity_columns, fetch_all, loaded, one_of
from app.core.errors import Conflict, NotFound
from app.extensions import db
from app.orders import kinds
from app.orders.models import Order
from app.wechat import pay
from app.wechat.errors import WeChatRateLimited, WeChatUnavailable

log = logging.getLogger(__name__)

#: Unpaid orders close after this long; WeChat's time_expire says the same.
PAYMENT_WINDOW = dt.timedelta(minutes=30)


def new_order_no(moment: dt.datetime) -> str:
    return "RC" + clock.to_shanghai(moment).strftime("%Y%m%d%H%M%S") + f"{secrets.randbelow(10**8):08d}"


def create(*, user_id: int, kind: str, plan_id: int, premium_fen: int) -> Order:
    """A new order waiting for payment, flushed (not yet prepaid): ``discount`` it, then ``prepay`` it."""
    kinds.of(kind)  # an undeclared kind could never be fulfilled
    now = clock.now()
    order = Order(
        order_no=new_order_no(now), user_id=user_id, plan_id=plan_id, kind=kind, status="created",
        premium_fen=premium_fen, discount_fen=0, amount_fen=premium_fen, pay_version=pay.gateway().version,
        created_at=now, expires_at=now + PAYMENT_WINDOW,
    )
    db.session.add(order)
    db.session.flush()
    return order


def largest_discount(order: Order) -> int:
    """The most a discount can take off the order: all but 1 fen (WeChat Pay takes no zero payments); 0 for an
    order of 1 fen, which no coupon can make cheaper."""
    return max(0, order.premium_fen - 1)


def discount(order: Order, discount_fen: int) -> None:
    """Take ``discount_fen`` off an unpaid order, never below 1 fen (``largest_discount``)."""
    applied = min(discount_fen, largest_discount(order))
    order.discount_fen, order.amount_fen = applied, order.premium_fen - applied
    db.session.flush()


class OrderNotPayable(Conflict):
    code = "order_not_payable"


#: WeChat Pay's refusals of a prepay that mean the order cannot be paid any more (v2's and v3's codes): 409
#: ``order_not_payable`` saying which. Rate limits are 429; any other refusal (SYSTEMERROR, ...) is WeChat being
#: busy or refusing for now: 503, as when it cannot be reached.
PAID_CODES = {"ORDERPAID"}
CLOSED_CODES = {"ORDERCLOSED", "ORDER_CLOSED"}
RATE_LIMITED_CODES = {"FREQUENCY_LIMITED"}


def prepay(order: Order, *, openid: str, description: str, client_ip: str) -> dict:
    """Prepay the order at WeChat Pay; returns the ``wx.requestPayment`` parameters.

    WeChat Pay unreachable or busy raises ``WeChatUnavailable`` (503), too many calls ``WeChatRateLimited`` (429),
    an order WeChat has paid or closed ``OrderNotPayable`` (409); the unit of work rolls back: no order remains
    and whatever the caller held for it is free again.
    """
    try:
        prepaid = pay.gateway().prepay(
            out_trade_no=order.order_no, total_fee=order.amount_fen, description=description, openid=openid,
            client_ip=client_ip, created_at=order.created_at, expires_at=order.expires_at,
        )
    except pay.PayRequestFailed as refused:
        log.warning("order %s: WeChat Pay refused the prepay (%s)", order.order_no, refused)
        if refused.err_code in PAID_CODES:
            raise OrderNotPayable(_("This order has already been paid; it will show as paid shortly."),
                                  details={"wechat_code": refused.err_code}) from None
        if refused.err_code in CLOSED_CODES:
            raise OrderNotPayable(_("WeChat Pay has closed this order, so it can no longer be paid; please place "
                                    "a new order."), details={"wechat_code": refused.err_code}) from None
        if refused.err_code in RATE_LIMITED_CODES:
            raise WeChatRateLimited() from None
        raise WeChatUnavailable(_("WeChat Pay is not answering right now; please try again.")) from None
    order.prepay_id = prepaid.prepay_id
    db.session.flush()
    return prepaid.pay_params


def get_for_user(user_id: int, order_no: str) -> Order:
    """The user's own order; another user's is 404 exactly like one that does not exist."""
    order = db.session.scalars(
        sa.select(Order).where(Order.order_no == order_no, Order.user_id == user_id)
    ).one_or_none()
    if order is None:
        raise NotFound(_("We could not find that order."))
    return order


#: Built once: the payment path locks an order per notification (bench/README.md).
#: ``populate_existing``: a copy the session read before the lock (a page that showed the order first) takes the row
#: as committed, so what is decided under the lock never rests on a status another request has changed since.
_LOCK_BY_NO = (sa.select(Order).where(Order.order_no == sa.bindparam("order_no")).with_for_update()
               .execution_options(populate_existing=True))


def lock_by_no(order_no: str) -> Order | None:
    """The order, locked for this unit of work (SELECT ... FOR UPDATE; SQLite holds the write lock already), as
    committed."""
    return db.session.scalars(_LOCK_BY_NO, {"order_no": order_no}).one_or_none()


# -- what features read with the payment's lock ---------------------------------------------------

#: name -> a SQL expression over the order's row (a correlated EXISTS or scalar subquery), declared by the
#: features that react to a payment: each is read in the statement that locks the order, so a payment
#: costs one round trip for all of them instead of one per feature (bench/README.md, notifications).
_payment_facts: dict[str, sa.ColumnElement] = {}
#: The statement ``lock_many_for_payment`` runs, by dialect, built at its first payment.
_lock_for_payment: dict[str, sa.Select] = {}


def declare_payment_fact(name: str, expression: sa.ColumnElement) -> None:
    """Read ``expression`` (over ``orders``) with the order whenever it is locked for a payment; the payment
    path hands the value to the ``order_paid`` receivers as ``facts[name]``. Declared at import."""
    if _lock_for_payment:
        raise RuntimeError(f"payment fact {name!r} is declared after the first payment was locked")
    if name in _payment_facts and _payment_facts[name] is not expression:
        raise RuntimeError(f"payment fact {name!r} is declared twice")
    _payment_facts[name] = expression


def lock_many_for_payment(order_nos: Sequence[str]) -> dict[str, tuple[Order, dict]]:
    """The orders of ``order_nos`` that exist, by number, each locked as ``lock_by_no`` locks it, with the facts
    features declared about it: one statement for a batch of payments (``payments.services.apply_payments``).
    Locked in the order of their ids, so two batches sharing orders never wait on each other in a circle."""
    # What the session holds unwritten goes first, as before any query (autoflush): the rows read are then set on
    # its objects with that written (a reconciliation's reconciled_at).
    db.session.flush()
    connection = db.session.connection()
    dialect = connection.dialect.name
    statement = _lock_for_payment.get(dialect)
    if statement is None:
        statement = _lock_for_payment[dialect] = (
            sa.select(*entity_columns(Order), *(expression.label(name) for name, expression in _payment_facts.items()))
            .where(one_of(Order.order_no, "order_nos", dialect))
            .order_by(Order.id).with_for_update(of=Order.__table__))
    locked = {}
    for row in fetch_all(connection, statement, {"order_nos": list(order_nos)}):
        # As ``lock_by_no``: an order the session read before the lock is taken as committed (``loaded``).
        order = loaded(Order, row)
        locked[order.order_no] = (order, {name: row[name] for name in _payment_facts})
    return locked
