"""Orders in a user's copy of their personal information (``app.core.personal_data``), and the order number
as a way to find whose data it is."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.core import events, personal_data
from app.core.account_closure import Blocker
from app.core.personal_data import Section, amount, moment
from app.extensions import db
from app.orders.models import Order


@events.personal_data_copy.connect
def orders(user_id: int) -> Section:
    """Every order the user made, paid or not; what it bought is in its kind's own section."""
    found = db.session.scalars(sa.select(Order).where(Order.user_id == user_id).order_by(Order.id))
    return Section("orders", _l("Orders"), ("orders",), [{
        "order_no": order.order_no, "kind": order.kind, "status": order.status,
        "premium": amount(order.premium_fen), "discount": amount(order.discount_fen),
        "amount": amount(order.amount_fen), "created_at": moment(order.created_at),
        "paid_at": moment(order.paid_at), "closed_at": moment(order.closed_at), "close_reason": order.close_reason,
    } for order in found])


def _owner_of_order(number: str) -> int | None:
    return db.session.scalar(sa.select(Order.user_id).where(Order.order_no == number))


personal_data.declare_number("order", _l("order number"), _owner_of_order)


@events.account_closing.connect
def orders_unpaid(user_id: int) -> list[Blocker]:
    """An order still open for payment: paid after the account closed, it would buy cover nobody could see."""
    numbers = db.session.scalars(sa.select(Order.order_no).where(
        Order.user_id == user_id, Order.status == "created").order_by(Order.id)).all()
    return [Blocker("order_unpaid", number,
                    _l("Order %(number)s is waiting for payment: pay or cancel it, or wait until it closes.",
                       number=number))
            for number in numbers]
