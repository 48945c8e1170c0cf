"""Orders: priced on the server, prepaid at WeChat Pay, fulfilled exactly once when paid."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from app.catalog import services as catalog
from app.core import clock
from app.errors import NotFound
from app.extensions import db
from app.orders.models import Order
from app.policies import insured as insured_rules
from app.policies import services as policies
from app.users import services as users
from app.wechat import pay

#: Unpaid orders close after this long; WeChat's time_expire says the same.
PAYMENT_WINDOW = dt.timedelta(minutes=30)


@dataclass
class CreatedOrder:
    order: Order
    pay_params: dict

    def __getattr__(self, name):
        return getattr(self.order, name)


def new_order_no(moment: dt.datetime) -> str:
    return "RC" + clock.to_shanghai(moment).strftime("%Y%m%d%H%M%S") + f"{secrets.randbelow(10**8):08d}"


def create_policy_order(user_id: int, plan_id: int, insured: dict, client_ip: str) -> CreatedOrder:
    """Create an order for one term of a plan and prepay it at WeChat Pay.

    The amount is computed here, never taken from the client. Nothing is committed
    if WeChat Pay cannot be reached: the request answers 503 and no order remains.
    """
    plan = catalog.plan_for_sale(plan_id)
    person = insured_rules.validate_insured(insured)
    insured_rules.check_age(person, plan.age_min, plan.age_max)
    user = users.get_user(user_id)
    now = clock.now()
    order = Order(
        order_no=new_order_no(now), user_id=user.id, plan_id=plan.id, kind="policy", status="created",
        premium_fen=plan.premium_fen, discount_fen=0, amount_fen=plan.premium_fen,
        pay_version=pay.gateway().version, created_at=now, expires_at=now + PAYMENT_WINDOW,
        **person.stored_fields(),
    )
    db.session.add(order)
    db.session.flush()
    prepay = pay.gateway().prepay(
        out_trade_no=order.order_no, total_fee=order.amount_fen,
        description=f"Redcover - {plan.product.name}, {plan.name}", openid=user.openid, client_ip=client_ip,
        created_at=order.created_at, expires_at=order.expires_at,
    )
    order.prepay_id = prepay.prepay_id
    db.session.flush()
    return CreatedOrder(order, prepay.pay_params)


def get_for_user(user_id: int, order_no: str) -> Order:
    order = db.session.scalars(
        sa.select(Order).where(Order.order_no == order_no, Order.user_id == user_id)
    ).one_or_none()
    if order is None:
        raise NotFound("We could not find that order.")
    order.policy_no = policies.policy_no_for_order(order.id)
    return order


def lock_by_no(order_no: str) -> Order | None:
    """The order, locked for this transaction (SELECT ... FOR UPDATE; SQLite holds the write lock already)."""
    return db.session.scalars(
        sa.select(Order).where(Order.order_no == order_no).with_for_update()
    ).one_or_none()


def fulfil(order: Order, paid_at: dt.datetime) -> None:
    """A created order has been paid: mark it and deliver what it bought, in this transaction."""
    order.move_to("fulfilled")
    order.paid_at = paid_at
    if order.kind == "policy":
        policies.issue_for_order(order)
    else:  # pragma: no cover - envelopes register their fulfilment when they exist
        raise NotImplementedError(order.kind)
    db.session.flush()
