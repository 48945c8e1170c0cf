"""Buying one term of a plan: the order, its application, a coupon, the prepay; and what paying means.

The ``policy`` order kind is declared here: when WeChat Pay confirms the payment, the
policy is issued from the order's application; when a cooling-off refund of it succeeds,
the policy is cancelled.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace

import sqlalchemy as sa
from flask_babel import gettext as _

from app.agreements import services as agreements
from app.catalog import services as catalog
from app.catalog.models import Plan, Product
from app.core.db import fetch_all, one_of
from app.coupons import services as coupons
from app.extensions import db
from app.insured import services as insured_rules
from app.insured.models import PARTY_COLUMN_NAMES
from app.orders import kinds
from app.orders import services as orders
from app.orders.models import Order
from app.payments import services as payments
from app.policies import services as policies
from app.purchases.models import Application
from app.users import services as users

#: The order kind this feature sells.
KIND = "policy"
#: How the sale's trace names a purchase.
KIND_SOURCE = "purchase"


@dataclass
class OrderView:
    """An order as its buyer sees it: its policy once issued, and what pays it while unpaid."""

    order: Order
    policy_no: str | None = None
    pay_params: dict | None = None
    #: With auto-renewal, while unpaid: WeChat's signing page (pre_entrustweb_id, redirect_appid, redirect_path).
    contract: dict | None = None

    def __getattr__(self, name):
        return getattr(self.order, name)


@dataclass(frozen=True)
class RenewalSigner:
    """How an order with ``auto_renew`` is paid, declared by the renewal feature: ``check(plan, coupon_id)``
    refuses what cannot renew, ``sign(order, plan, person, user)`` pre-signs the contract with the first
    payment, ``fresh(order)`` pre-signs again while the order is unpaid (None otherwise)."""

    check: Callable
    sign: Callable[..., dict]
    fresh: Callable[[Order], dict | None]


#: The one signer, declared by the renewal feature at import (``app.features`` imports it before the app serves).
_renewal_signer: RenewalSigner | None = None


def declare_renewal_signer(signer: RenewalSigner) -> None:
    """Declare how orders with ``auto_renew`` are signed; once (the same signer again changes nothing)."""
    global _renewal_signer
    if _renewal_signer not in (None, signer):
        raise RuntimeError("a second, different renewal signer is declared")
    _renewal_signer = signer


def renewal_signer() -> RenewalSigner:
    """The declared signer. ``create_app`` asks for it first, so that a missing one stops the app from
    starting: even a plan that does not renew needs it, to answer 422 to ``auto_renew``."""
    if _renewal_signer is None:
        raise RuntimeError("no feature declares the renewal signer: app.features must import app.renewals")
    return _renewal_signer


def buy(user_id: int, plan_id: int, insured: insured_rules.InsuredChoice, client_ip: str,
        coupon_id: int | None = None, agreement: agreements.AgreementRequest | None = None,
        auto_renew: bool = False) -> OrderView:
    """Create an order for one term of a plan and prepay it at WeChat Pay.

    The amount is computed here, never taken from the client: the premium less a
    coupon's discount (never below 1 fen: WeChat Pay takes no zero payments). The buyer's
    agreement is checked first (the documents, then the health declaration: ``agreements.check``),
    then the insured person, typed in or saved, for the plan (``insured.insured_for``); the sale's
    trace is kept beside the order. The
    coupon is reserved for this order. Nothing is committed if WeChat Pay cannot be
    reached: the request answers 503, no order remains and the coupon stays free.
    """
    plan = catalog.plan_for_sale(plan_id)
    if auto_renew:
        renewal_signer().check(plan, coupon_id)
    agreed = agreements.check(plan.product, agreement or agreements.AgreementRequest())
    person = insured_rules.insured_for(user_id, insured, plan)
    user = users.get_user(user_id)
    order = orders.create(user_id=user.id, kind=KIND, plan_id=plan.id, premium_fen=plan.premium_fen)
    db.session.add(Application(order_id=order.id, **person.stored_fields(), **insured_rules.holder_fields(user.id)))
    agreements.record(agreed, user_id=user.id, source=KIND_SOURCE, term_days=plan.term_days, order_id=order.id)
    if coupon_id is not None:
        orders.discount(order, coupons.reserve(coupon_id, user.id, order, plan.product.category))
    if auto_renew:  # signing pays the first month: no pay_params
        return OrderView(order, contract=renewal_signer().sign(order, plan, person, user))
    pay_params = orders.prepay(order, openid=user.openid, description=f"{plan.product.name_zh} {plan.name_zh}",
                               client_ip=client_ip)
    return OrderView(order, pay_params=pay_params)


def view_for_user(user_id: int, order_no: str) -> OrderView:
    """The user's own order, with its policy number once issued (another user's is 404)."""
    order = orders.get_for_user(user_id, order_no)
    return OrderView(order, policy_no=policies.policy_no_for_order(order.id))


def replay(user_id: int, first: dict) -> OrderView:
    """A create repeated with its Idempotency-Key: the order it made as it is now, with what pays it
    only while it is still unpaid (docs/api.md, Idempotent creates)."""
    view = view_for_user(user_id, first["order_no"])
    if view.status == "created" and first.get("contract"):
        view.contract = renewal_signer().fresh(view.order)
        view.pay_params = None if view.contract else first.get("pay_params")
    elif view.status == "created":
        view.pay_params = first.get("pay_params")
    return view


def cancel(user_id: int, order_no: str) -> OrderView:
    """The user cancels an unpaid order: it closes at once; WeChat's close follows once WeChat allows it."""
    order = orders.lock_by_no(orders.get_for_user(user_id, order_no).order_no)
    if order.status != "closed":
        order.ensure_can_move_to(
            "closed", _("This order is paid. To cancel the cover, cancel the policy within 15 days of buying it."))
        payments.close(order, "user_cancelled")
    return OrderView(order)


@functools.cache
def _terms_and_insured(dialect: str) -> sa.Select:
    """What issuing needs, read in the paying unit of work with one statement for every order paid together: the
    plan's terms, the names and words its policy keeps as sold, and the application's insured person and
    policyholder."""
    return (
        sa.select(Application.order_id, Plan.id, Plan.coverage_fen, Plan.death_benefit_fen, Plan.term_days,
                  Plan.waiting_period_days, *policies.as_sold_columns(),
                  *(getattr(Application, name) for name in PARTY_COLUMN_NAMES))
        .select_from(Application).join(Order, Order.id == Application.order_id)
        .join(Plan, Plan.id == Order.plan_id).join(Product, Product.id == Plan.product_id)
        .where(one_of(Application.order_id, "order_ids", dialect))
    )


def issue_policies(orders: Sequence[Order]) -> None:
    """The orders are paid: each one's policy is issued from its application (once, whatever is retried)."""
    connection = db.session.connection()
    found = {row["order_id"]: row for row in fetch_all(connection, _terms_and_insured(connection.dialect.name),
                                                      {"order_ids": [order.id for order in orders]})}
    policies.issue_for_orders([
        (order, SimpleNamespace(**found[order.id]), {name: found[order.id][name] for name in PARTY_COLUMN_NAMES})
        for order in orders])


def end_cover_on_full_refund(order: Order, refund, left_fen: int) -> None:
    """A refund of the order's payment is decided: when it sends back the whole premium (nothing of the payment is
    left), the policy it bought is cancelled (docs/domain.md, Refunds). A partial refund leaves it as it is."""
    if left_fen <= 0:
        policies.cancel_for_full_refund(order.id)


def cancel_policy(order: Order, refund) -> None:
    """A refund of the order has reached its payer (WeChat Pay's refund succeeded or, once it had failed, an
    operator settled it by hand): a policy being cancelled is cancelled (``policies.confirm_cancellation``)."""
    policies.confirm_cancellation_on_refund(order.id, refund)


kinds.declare(KIND, fulfil=issue_policies, refunded=cancel_policy, refunding=end_cover_on_full_refund)


def death_cover_awaiting_payment(id_hash: str, now: dt.datetime) -> sa.ScalarSelect:
    """The death benefit of the person's orders not yet paid or closed: paid, even late, each becomes a
    policy, so it counts toward a minor's cap from the moment it is ordered (``insured.declare_death_cover``)."""
    return (sa.select(sa.func.sum(Plan.death_benefit_fen)).select_from(Application)
            .join(Order, Order.id == Application.order_id).join(Plan, Plan.id == Order.plan_id)
            .where(Application.insured_id_hash == id_hash, Order.status == "created").scalar_subquery())


insured_rules.declare_death_cover(death_cover_awaiting_payment)
