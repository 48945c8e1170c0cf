"""What the workbenches list and show: read-only queries over the features' tables.

Search takes what an operator has in hand — an order number, a policy number, an
openid or a phone number — and matches each exactly. A phone is found through its
keyed hash (``users.find_by_phone``), never by decrypting rows. Lists page with
LIMIT/OFFSET and fetch one row more than they show, so no page needs a COUNT.
Changes go through the features' own services, never through this module.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import aliased, lazyload

from app.agreements import services as agreements
from app.campaigns.models import Campaign
from app.catalog.models import Plan, Product
from app.claims.models import Claim
from app.claims.states import FINAL_STATES
from app.core import clock
from app.envelopes.models import Envelope, EnvelopeGrab, EnvelopeShare
from app.core.errors import NotFound
from app.extensions import db
from app.orders.models import Order
from app.payments import refunds
from app.payments.models import Payment, PaymentNotification, Refund
from app.purchases.models import Application
from app.policies import services as policies
from app.policies.models import Policy
from app.renewals import services as renewals
from app.users import services as users
from app.users.models import User

PER_PAGE = 25
#: Refunds still pending this long after they were decided need a look.
STUCK_AFTER_MINUTES = 30


@dataclass
class Page:
    items: list
    page: int
    has_next: bool

    @property
    def has_prev(self) -> bool:
        return self.page > 1


def paginate(query, page: int, per_page: int = PER_PAGE, *, scalars: bool = True) -> Page:
    page = max(1, page)
    statement = query.limit(per_page + 1).offset((page - 1) * per_page)
    rows = list(db.session.scalars(statement) if scalars else db.session.execute(statement))
    return Page(items=rows[:per_page], page=page, has_next=len(rows) > per_page)


def normalize_phone(text: str) -> str | None:
    """An 11-digit mainland mobile number from what was typed (spaces, dashes, +86), or None."""
    digits = re.sub(r"[\s\-()]", "", text or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    return digits if re.fullmatch(r"1\d{10}", digits) else None


def matching_user_ids(q: str) -> list[int]:
    """Users whose openid is ``q`` exactly, or whose phone is ``q`` (through the keyed hash)."""
    ids = list(db.session.scalars(sa.select(User.id).where(User.openid == q)))
    phone = normalize_phone(q)
    if phone:
        ids += [user.id for user in users.find_by_phone(phone)]
    return ids


# -- orders ------------------------------------------------------------------------------------

def orders(q: str = "", status: str = "", page: int = 1) -> Page:
    """Orders, newest first, with their user, plan and policy (None before it is issued: a policy is listed by the
    names it was sold under); ``q`` is an order or policy number, openid or phone."""
    query = (sa.select(Order, User, Plan, Product, Policy).join(User, User.id == Order.user_id)
             .join(Plan, Plan.id == Order.plan_id).join(Product, Product.id == Plan.product_id)
             .outerjoin(Policy, Policy.order_id == Order.id).options(lazyload(Policy.plan))
             .order_by(Order.id.desc()))
    q = (q or "").strip()
    if q:
        number = _number(q)
        by_policy = sa.select(Policy.order_id).where(Policy.policy_no == number, Policy.order_id.is_not(None))
        query = query.where(sa.or_(Order.order_no == number, Order.id.in_(by_policy),
                                   Order.user_id.in_(matching_user_ids(q))))
    if status:
        query = query.where(Order.status == status)
    return paginate(query, page, scalars=False)


def _number(q: str) -> str:
    """An order, policy, claim or refund number as we write them (capitals and digits), however it was typed:
    an operator reading one out over the phone types rc2026…. Openids and envelope ids keep their case."""
    return q.upper()


def order_detail(order_no: str) -> dict:
    """Everything about one order: user, plan, policy, what the buyer agreed to (the sale's trace, with the
    health answers decrypted), payments (with what is left to refund), refunds, and every WeChat Pay
    notification that named it, raw, with its verification result."""
    order = db.session.scalars(sa.select(Order).where(Order.order_no == order_no)).one_or_none()
    if order is None:
        raise NotFound(_("We have no order with that number."))
    payments = list(db.session.scalars(sa.select(Payment).where(Payment.order_id == order.id).order_by(Payment.id)))
    notification_ids = [p.notification_id for p in payments if p.notification_id]
    notifications = list(db.session.scalars(
        sa.select(PaymentNotification).where(sa.or_(PaymentNotification.out_trade_no == order.order_no,
                                                    PaymentNotification.id.in_(notification_ids)))
        .order_by(PaymentNotification.id)))
    envelope = db.session.scalars(sa.select(Envelope).where(Envelope.order_id == order.id)).one_or_none()
    plan = db.session.get(Plan, order.plan_id)
    trace = agreements.trace_of_order(order.id)
    policy = db.session.scalars(sa.select(Policy).where(Policy.order_id == order.id)).one_or_none()
    full_refund_cancels = policies.ends_on_full_refund(policy)
    return {
        "order": order,
        "user": db.session.get(User, order.user_id),
        "plan": plan,
        "product": plan.product,
        "application": db.session.scalars(sa.select(Application).where(Application.order_id == order.id)
                                          ).one_or_none(),
        "policy": policy,
        #: Refunding the whole of the order's own payment cancels this policy: the refund form says so.
        "full_refund_cancels": full_refund_cancels,
        #: ... and is refused while a claim on it is open, approved or paid (``policies.cancel_for_full_refund``).
        "full_refund_barred": full_refund_cancels and policies.cancellation_barred(policy.id),
        "envelope": envelope,
        "payments": [{"payment": p, "refundable_fen": refunds.refundable_fen(p)} for p in payments],
        "refunds": refunds.refunds_for_order(order.id),
        "notifications": notifications,
        "trace": trace,
        "health_answers": agreements.health_answers_of(trace),
        "renewal": renewals.for_admin(order_id=order.id),
    }


def order_no_of_policy(policy_no: str) -> str:
    """The order a bought policy was issued for (its page shows the policy, its renewal and payments)."""
    order_no = db.session.scalar(sa.select(Order.order_no).join(Policy, Policy.order_id == Order.id)
                                 .where(Policy.policy_no == policy_no))
    if order_no is None:
        raise NotFound(_("We have no bought policy with that number."))
    return order_no


# -- refunds -----------------------------------------------------------------------------------

def refund_list(q: str = "", status: str = "", page: int = 1) -> Page:
    """Refunds, newest first, with their order; ``q`` is a refund, order or policy number, openid or phone."""
    query = (sa.select(Refund, Order).join(Order, Order.id == Refund.order_id).order_by(Refund.id.desc()))
    q = (q or "").strip()
    if q:
        number = _number(q)
        by_policy = sa.select(Policy.order_id).where(Policy.policy_no == number, Policy.order_id.is_not(None))
        query = query.where(sa.or_(Refund.refund_no == number, Order.order_no == number, Order.id.in_(by_policy),
                                   Order.user_id.in_(matching_user_ids(q))))
    if status:
        query = query.where(Refund.status == status)
    return paginate(query, page, scalars=False)


def follow_up() -> dict:
    """What an operator should look at: late and double payments not yet refunded in full, failed refunds nobody has
    settled yet (``refunds.record_follow_up``), and stuck refunds: pending for more than ``STUCK_AFTER_MINUTES``, or
    submitted but unknown to WeChat Pay when asked (or the query refused). Each leaves the list once it is done."""
    settled_by_hand = sa.exists().where(Refund.payment_id == Payment.id, Refund.followed_up_at.is_not(None))
    anomalies = db.session.execute(
        sa.select(Payment, Order).join(Order, Order.id == Payment.order_id)
        .where(Payment.anomaly.is_not(None), Payment.status != "refunded", ~settled_by_hand)
        .order_by(Payment.id.desc()).limit(100)).all()
    anomaly_refunds = {}
    if anomalies:
        for refund in db.session.scalars(sa.select(Refund).where(
                Refund.payment_id.in_([payment.id for payment, _order in anomalies])).order_by(Refund.id)):
            anomaly_refunds.setdefault(refund.payment_id, []).append(refund)
    failed = db.session.execute(
        sa.select(Refund, Order).join(Order, Order.id == Refund.order_id)
        .where(Refund.status == "failed", Refund.followed_up_at.is_(None)).order_by(Refund.id.desc()).limit(100)).all()
    stuck = db.session.execute(
        sa.select(Refund, Order).join(Order, Order.id == Refund.order_id)
        .where(sa.or_(
            sa.and_(Refund.status == "pending",
                    Refund.created_at <= clock.now() - dt.timedelta(minutes=STUCK_AFTER_MINUTES)),
            # Accepted by WeChat Pay, its notification overdue, and asking about it found no such refund or was
            # refused (``refunds.reconcile`` records why in ``error``): left for an operator, who must see it.
            sa.and_(Refund.status == "submitted", Refund.error.is_not(None))))
        .order_by(Refund.id).limit(100)).all()
    return {
        "anomalies": [{"payment": payment, "order": order, "refunds": anomaly_refunds.get(payment.id, [])}
                      for payment, order in anomalies],
        "failed": failed,
        "stuck": stuck,
    }


# -- envelopes ---------------------------------------------------------------------------------

def envelope_list(q: str = "", status: str = "", page: int = 1) -> Page:
    """Envelopes, newest first, with sender and grab counts; ``q`` is an envelope id, order or policy
    number, or the sender's or a grabber's openid or phone."""
    grabs = (sa.select(EnvelopeGrab.envelope_id, sa.func.count(EnvelopeGrab.id).label("grabbed"),
                       sa.func.count(sa.case((EnvelopeGrab.status == "activated", EnvelopeGrab.id)))
                       .label("activated"))
             .group_by(EnvelopeGrab.envelope_id).subquery())
    query = (sa.select(Envelope, User, sa.func.coalesce(grabs.c.grabbed, 0), sa.func.coalesce(grabs.c.activated, 0))
             .join(User, User.id == Envelope.sender_id).outerjoin(grabs, grabs.c.envelope_id == Envelope.id)
             .order_by(Envelope.id.desc()))
    q = (q or "").strip()
    if q:
        user_ids = matching_user_ids(q)
        by_grabber = sa.select(EnvelopeGrab.envelope_id).where(EnvelopeGrab.user_id.in_(user_ids))
        by_policy = (sa.select(EnvelopeGrab.envelope_id).join(Policy, Policy.id == EnvelopeGrab.policy_id)
                     .where(Policy.policy_no == _number(q)))
        by_order = sa.select(Order.id).where(Order.order_no == _number(q))
        query = query.where(sa.or_(Envelope.public_id == q, Envelope.order_id.in_(by_order),
                                   Envelope.sender_id.in_(user_ids), Envelope.id.in_(by_grabber),
                                   Envelope.id.in_(by_policy)))
    if status:
        query = query.where(Envelope.status == status)
    return paginate(query, page, scalars=False)


def envelope_detail(public_id: str) -> dict:
    envelope = db.session.scalars(sa.select(Envelope).where(Envelope.public_id == public_id)).one_or_none()
    if envelope is None:
        raise NotFound(_("We have no envelope with that id."))
    grabber = aliased(User)
    grabs = db.session.execute(
        sa.select(EnvelopeGrab, grabber, Policy.policy_no).join(grabber, grabber.id == EnvelopeGrab.user_id)
        .outerjoin(Policy, Policy.id == EnvelopeGrab.policy_id)
        .where(EnvelopeGrab.envelope_id == envelope.id).order_by(EnvelopeGrab.grabbed_at, EnvelopeGrab.id)).all()
    shares = list(db.session.scalars(
        sa.select(EnvelopeShare).where(EnvelopeShare.envelope_id == envelope.id).order_by(EnvelopeShare.position)))
    return {
        "envelope": envelope,
        "sender": db.session.get(User, envelope.sender_id),
        "plan": db.session.get(Plan, envelope.plan_id),
        "order": db.session.get(Order, envelope.order_id) if envelope.order_id else None,
        "campaign": db.session.get(Campaign, envelope.campaign_id) if envelope.campaign_id else None,
        "refund": db.session.get(Refund, envelope.refund_id) if envelope.refund_id else None,
        "shares": shares,
        "grabs": grabs,
        "now": clock.now(),
    }


# -- claims ------------------------------------------------------------------------------------

def claim_list(q: str = "", state: str = "", page: int = 1) -> Page:
    """Open claims first, the longest waiting at the top; ``q`` is a claim, policy or order number, openid or phone."""

    closed = sa.case((Claim.state.in_(FINAL_STATES), 1), else_=0)
    # The policy's status as its holder sees it (Policy.status_at): an operator spots a claim on a cancelled policy.
    policy_status = sa.case((sa.and_(Policy.status == "active", Policy.ends_at <= clock.now()), "expired"),
                            else_=Policy.status)
    query = (sa.select(Claim, Policy.policy_no, User, policy_status.label("policy_status"))
             .join(Policy, Policy.id == Claim.policy_id)
             .join(User, User.id == Claim.user_id).order_by(closed, Claim.state_changed_at, Claim.id))
    q = (q or "").strip()
    if q:
        number = _number(q)
        by_order = sa.select(Policy.id).join(Order, Order.id == Policy.order_id).where(Order.order_no == number)
        query = query.where(sa.or_(Claim.claim_no == number, Policy.policy_no == number, Claim.policy_id.in_(by_order),
                                   Claim.user_id.in_(matching_user_ids(q))))
    if state:
        query = query.where(Claim.state == state)
    return paginate(query, page, scalars=False)
