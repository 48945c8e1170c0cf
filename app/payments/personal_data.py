"""Payments and refunds in a user's copy of their personal information (``app.core.personal_data``)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.core import events
from app.core.account_closure import Blocker
from app.core.personal_data import Section, amount, moment
from app.extensions import db
from app.orders.models import Order
from app.payments.models import Payment, Refund


@events.personal_data_copy.connect
def payments_and_refunds(user_id: int) -> list[Section]:
    """The payments WeChat Pay confirmed for the user's orders, and the money given back. WeChat Pay's raw
    notifications stay out: they are WeChat's messages to us, and what they say about the user is here."""
    paid = db.session.execute(
        sa.select(Payment, Order.order_no).join(Order, Order.id == Payment.order_id)
        .where(Order.user_id == user_id).order_by(Payment.id))
    refunded = db.session.execute(
        sa.select(Refund, Order.order_no).join(Order, Order.id == Refund.order_id)
        .where(Order.user_id == user_id).order_by(Refund.id))
    return [
        Section("payments", _l("Payments"), ("payments",), [{
            "order_no": order_no, "transaction_id": payment.transaction_id, "amount": amount(payment.amount_fen),
            "status": payment.status, "paid_at": moment(payment.paid_at), "anomaly": payment.anomaly,
        } for payment, order_no in paid]),
        Section("refunds", _l("Refunds"), ("refunds",), [{
            "refund_no": refund.refund_no, "order_no": order_no, "amount": amount(refund.amount_fen),
            "reason": refund.reason, "status": refund.status, "description": refund.description,
            "wechat_refund_id": refund.wechat_refund_id, "requested_at": moment(refund.created_at),
            "finished_at": moment(refund.finished_at),
        } for refund, order_no in refunded]),
    ]


@events.account_closing.connect
def refunds_on_their_way(user_id: int) -> list[Blocker]:
    """Money on its way back to the user, or a refund WeChat Pay refused that customer service has not yet paid
    another way: the account is how we reach them about it."""
    numbers = db.session.scalars(sa.select(Order.order_no).join(Refund, Refund.order_id == Order.id).where(
        Order.user_id == user_id,
        sa.or_(Refund.status.in_(("pending", "submitted")),
               sa.and_(Refund.status == "failed", Refund.followed_up_at.is_(None)))
    ).distinct().order_by(Order.order_no)).all()
    return [Blocker("refund_on_its_way", number,
                    _l("A refund for order %(number)s is not back with you yet.", number=number))
            for number in numbers]
