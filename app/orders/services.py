"""Orders: priced on the server, prepaid at WeChat Pay, fulfilled exactly once when paid."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from rq import Retry
from sqlalchemy.orm.attributes import set_committed_value

from app import jobs
from app.catalog import services as catalog
from app.coupons import services as coupons
from app.core import clock
from app.core.types import UTCDateTime
from app.errors import NotFound
from app.extensions import db
from app.orders.models import IllegalOrderTransition, Order
from app.policies import insured as insured_rules
from app.policies import services as policies
from app.referrals import services as referrals
from app.users import services as users
from app.wechat import pay

log = logging.getLogger(__name__)

#: Unpaid orders close after this long; WeChat's time_expire says the same.
PAYMENT_WINDOW = dt.timedelta(minutes=30)
#: WeChat Pay refuses to close an order younger than this.
WECHAT_CLOSE_DELAY = dt.timedelta(minutes=5)
#: WeChat busy or unreachable: the close is tried again on this schedule (then a late payment is refunded).
CLOSE_RETRY = Retry(max=5, interval=[60, 120, 300, 600, 1800])
#: An unpaid order is first asked about at WeChat Pay this long after creation ...
RECONCILE_AFTER = dt.timedelta(minutes=3)
#: ... and again at most this often until it closes.
RECONCILE_EVERY = dt.timedelta(minutes=5)


@dataclass
class CreatedOrder:
    order: Order
    pay_params: dict

    def __getattr__(self, name):
        return getattr(self.order, name)


def new_order_no(moment: dt.datetime) -> str:
    return "RC" + clock.to_shanghai(moment).strftime("%Y%m%d%H%M%S") + f"{secrets.randbelow(10**8):08d}"


def create_policy_order(user_id: int, plan_id: int, insured: dict, client_ip: str,
                        coupon_id: int | None = None) -> CreatedOrder:
    """Create an order for one term of a plan and prepay it at WeChat Pay.

    The amount is computed here, never taken from the client: the premium less a
    coupon's discount (never below 1 fen: WeChat Pay takes no zero payments). The
    coupon is reserved for this order. Nothing is committed if WeChat Pay cannot be
    reached: the request answers 503, no order remains and the coupon stays free.
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
    if coupon_id is not None:
        discount = min(coupons.reserve(coupon_id, user.id, order, plan.product.category), plan.premium_fen - 1)
        order.discount_fen, order.amount_fen = discount, plan.premium_fen - discount
        db.session.flush()
    prepay = pay.gateway().prepay(
        out_trade_no=order.order_no, total_fee=order.amount_fen,
        description=f"Redcover - {plan.product.name}, {plan.name}", openid=user.openid, client_ip=client_ip,
        created_at=order.created_at, expires_at=order.expires_at,
    )
    order.prepay_id = prepay.prepay_id
    db.session.flush()
    return CreatedOrder(order, prepay.pay_params)


def create_envelope_order(user_id: int, plan, amount_fen: int, client_ip: str) -> CreatedOrder:
    """An order funding a red envelope's gift cover; paying it activates the envelope."""
    user = users.get_user(user_id)
    now = clock.now()
    order = Order(
        order_no=new_order_no(now), user_id=user.id, plan_id=plan.id, kind="envelope", status="created",
        premium_fen=amount_fen, discount_fen=0, amount_fen=amount_fen, pay_version=pay.gateway().version,
        created_at=now, expires_at=now + PAYMENT_WINDOW,
    )
    db.session.add(order)
    db.session.flush()
    prepay = pay.gateway().prepay(
        out_trade_no=order.order_no, total_fee=amount_fen, description="Redcover - gift accident cover red envelope",
        openid=user.openid, client_ip=client_ip, created_at=order.created_at, expires_at=order.expires_at,
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


#: Built once: the payment path locks an order per notification (bench/README.md).
_LOCK_BY_NO = sa.select(Order).where(Order.order_no == sa.bindparam("order_no")).with_for_update()


def lock_by_no(order_no: str) -> Order | None:
    """The order, locked for this transaction (SELECT ... FOR UPDATE; SQLite holds the write lock already)."""
    return db.session.scalars(_LOCK_BY_NO, {"order_no": order_no}).one_or_none()


def reward_referrer(order_id: int) -> None:
    """A referred friend's first purchase earns the sharer a coupon (once per friend).

    Runs as a job after the payment commits (queued only for referred buyers): the
    sharer's coupon need not hold up the answer to WeChat Pay. The grant is keyed by
    the friend, so however many of their orders run this, the sharer gets one coupon.
    """
    from app.campaigns import services as campaigns
    from app.coupons.services import GrantRefused, grant

    order = db.session.get(Order, order_id)
    referrer_id = referrals.referrer_of(order.user_id) if order is not None else None
    if referrer_id is None:
        return
    for campaign in campaigns.running_of_kind("referral"):
        try:
            grant(campaign, referrer_id, f"referral:{order.user_id}")
            return
        except GrantRefused as refused:
            log.info("referral reward for user %s not granted: %s", referrer_id, refused.reason)


def cancel_for_user(user_id: int, order_no: str) -> Order:
    """The user cancels an unpaid order: it closes at once; WeChat's close follows once WeChat allows it."""
    order = get_for_user(user_id, order_no)
    order = lock_by_no(order.order_no)
    if order.status == "closed":
        return order
    if order.status != "created":
        raise IllegalOrderTransition(
            "This order is paid. To cancel the cover, cancel the policy within 15 days of buying it.")
    close(order, "user_cancelled")
    order.policy_no = None
    return order


def close(order: Order, reason: str) -> None:
    """Close a created order here and schedule its close at WeChat Pay.

    WeChat refuses to close an order within 5 minutes of its creation, so the call
    waits until then. A payment that still slips through is a late payment: recorded
    and refunded automatically.
    """
    order.move_to("closed")
    order.closed_at = clock.now()
    order.close_reason = reason
    coupons.release(order.id)
    db.session.flush()
    if order.prepay_id:
        from app.orders.tasks import close_at_wechat

        wait = order.created_at + WECHAT_CLOSE_DELAY - clock.now()
        jobs.enqueue_after_commit(close_at_wechat, order.order_no, delay=max(wait, dt.timedelta(0)),
                                  retry=CLOSE_RETRY)


def close_at_wechat(order_no: str) -> str:
    """Close the order at WeChat Pay; if it was paid meanwhile, apply that payment (a late payment)."""
    order = lock_by_no(order_no)
    if order is None or order.status != "closed" or not order.prepay_id:
        return "skipped"
    try:
        pay.gateway().close(order.order_no)
        return "closed"
    except pay.PayRequestFailed as failed:
        if failed.err_code != "ORDERPAID":
            raise
    return reconcile(order)


def reconcile(order: Order) -> str:
    """Ask WeChat Pay about an order and apply a confirmed payment through the notification path."""
    from app.payments import services as payments

    state = pay.gateway().query(order.order_no)
    order.reconciled_at = clock.now()
    if state.state == "SUCCESS" and state.notice is not None:
        outcome, _ = payments.apply_payment(state.notice, source="reconciliation")
        return outcome.value
    return state.state.lower()


def unpaid_orders_due(limit: int = 200) -> list[str]:
    """Unpaid orders to ask WeChat Pay about: a few minutes old and not asked lately, or past their window.

    An order is asked about at most every ``RECONCILE_EVERY``; an expired one is asked
    once more before it closes, so a payment whose notification never came is applied
    instead of refunded.
    """
    now = clock.now()
    return list(db.session.scalars(
        sa.select(Order.order_no).where(
            Order.status == "created", Order.prepay_id.is_not(None),
            Order.created_at <= now - RECONCILE_AFTER,
            sa.or_(Order.reconciled_at.is_(None), Order.reconciled_at <= now - RECONCILE_EVERY,
                   Order.expires_at <= now),
        ).order_by(Order.created_at).limit(limit)
    ))


def sweep_order(order_no: str) -> str:
    """Reconcile one unpaid order, and close it if its payment window has passed."""
    order = lock_by_no(order_no)
    if order is None or order.status != "created":
        return "skipped"
    outcome = reconcile(order)
    if order.status == "created" and order.expires_at <= clock.now():
        close(order, "expired")
        return "closed"
    return outcome


#: A paid order marked fulfilled, as one prebuilt statement: the ORM's flush of the same change
#: cost more than all the rest of issuing its policy (bench/README.md).
_MARK_FULFILLED = (sa.update(Order.__table__).where(Order.__table__.c.id == sa.bindparam("order_id"))
                   .values(status="fulfilled", paid_at=sa.bindparam("paid_at", type_=UTCDateTime)))


def fulfil(order: Order, paid_at: dt.datetime) -> None:
    """A created order has been paid: mark it and deliver what it bought, in this transaction."""
    order.ensure_can_move_to("fulfilled")
    db.session.connection().execute(_MARK_FULFILLED, {"order_id": order.id, "paid_at": paid_at})
    # Written already: the ORM takes the new values as the row's, so it neither writes nor reloads them.
    set_committed_value(order, "status", "fulfilled")
    set_committed_value(order, "paid_at", paid_at)
    if order.kind == "policy":
        if order.discount_fen:
            coupons.consume(order.id)
        policies.issue_for_order(order)
        if referrals.referrer_of(order.user_id) is not None:
            from app.orders.tasks import reward_referrer

            jobs.enqueue_after_commit(reward_referrer, order.id)
    else:
        from app.envelopes import services as envelopes

        envelopes.on_paid(order)
    db.session.flush()
