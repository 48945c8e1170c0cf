"""Issuing and looking up policies."""

from __future__ import annotations

import datetime as dt
import secrets

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app.catalog.models import Plan
from app.core import clock
from app.errors import Conflict, NotFound
from app.extensions import db
from app.policies.models import Policy


def cover_period(plan: Plan, start: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """(ends_at, illness_cover_starts_at) for cover issued at ``start``.

    Cover runs from the moment of issue to midnight, Asia/Shanghai, after ``term_days``
    more days: a 30-day plan bought at 10:00 on 1 March ends at 24:00 on 31 March.
    """
    local_day = clock.to_shanghai(start).date()
    end_day = local_day + dt.timedelta(days=plan.term_days + 1)
    ends_at = dt.datetime.combine(end_day, dt.time(), tzinfo=clock.SHANGHAI).astimezone(clock.UTC)
    illness_from = start + dt.timedelta(days=plan.waiting_period_days)
    return ends_at, illness_from


def new_policy_no(moment: dt.datetime) -> str:
    return "P" + clock.to_shanghai(moment).strftime("%Y%m%d") + f"{secrets.randbelow(10**8):08d}"


def issue_for_order(order) -> Policy:
    """The policy for a paid order, issued once: the unique ``order_id`` is the guard, not a check."""
    existing = db.session.scalars(sa.select(Policy).where(Policy.order_id == order.id)).one_or_none()
    if existing is not None:
        return existing
    now = clock.now()
    plan = db.session.get(Plan, order.plan_id)
    ends_at, illness_from = cover_period(plan, now)
    policy = Policy(
        policy_no=new_policy_no(now), order_id=order.id, user_id=order.user_id, plan_id=plan.id, source="purchase",
        status="active", coverage_fen=plan.coverage_fen, premium_fen=order.amount_fen,
        starts_at=now, ends_at=ends_at, illness_cover_starts_at=illness_from, issued_at=now,
        insured_name_encrypted=order.insured_name_encrypted, insured_name_masked=order.insured_name_masked,
        insured_id_encrypted=order.insured_id_encrypted, insured_id_masked=order.insured_id_masked,
        insured_id_hash=order.insured_id_hash, insured_birth_date=order.insured_birth_date,
    )
    try:
        with db.session.begin_nested():
            db.session.add(policy)
    except IntegrityError:
        # Another transaction issued it first (or, vanishingly rarely, the policy number collided).
        existing = db.session.scalars(sa.select(Policy).where(Policy.order_id == order.id)).one_or_none()
        if existing is None:
            raise
        return existing
    return policy


def issue_for_grab(user_id: int, plan: Plan, coverage_fen: int, premium_fen: int, person,
                   source: str = "envelope") -> Policy:
    """Gift cover from an activated envelope share or a redeemed reward (the caller holds its row lock)."""
    now = clock.now()
    ends_at, illness_from = cover_period(plan, now)
    policy = Policy(
        policy_no=new_policy_no(now), order_id=None, user_id=user_id, plan_id=plan.id, source=source,
        status="active", coverage_fen=coverage_fen, premium_fen=premium_fen, starts_at=now, ends_at=ends_at,
        illness_cover_starts_at=illness_from, issued_at=now, **person.stored_fields(),
    )
    db.session.add(policy)
    db.session.flush()
    return policy


def policy_no_for_order(order_id: int) -> str | None:
    return db.session.scalar(sa.select(Policy.policy_no).where(Policy.order_id == order_id))


def list_for_user(user_id: int) -> list[Policy]:
    return list(db.session.scalars(
        sa.select(Policy).where(Policy.user_id == user_id)
        .options(joinedload(Policy.plan).joinedload(Plan.product))
        .order_by(Policy.issued_at.desc(), Policy.id.desc())
    ))


def get_for_user(user_id: int, policy_no: str) -> Policy:
    """The user's own policy; another user's is 404 exactly like one that does not exist."""
    policy = db.session.scalars(
        sa.select(Policy).where(Policy.policy_no == policy_no, Policy.user_id == user_id)
        .options(joinedload(Policy.plan).joinedload(Plan.product))
    ).one_or_none()
    if policy is None:
        raise NotFound("We could not find that policy.")
    return policy


#: A policy bought can be cancelled for a full refund within this long (the cooling-off period).
COOLING_OFF = dt.timedelta(days=15)


class NotCancellable(Conflict):
    code = "not_cancellable"


def cancel_for_cooling_off(user_id: int, policy_no: str) -> Policy:
    """Cancel a bought policy within 15 days: it turns ``cancelling`` and the premium is refunded.

    The refund notification turns it ``cancelled`` (``confirm_cancellation``).
    """
    from app.payments import services as payments
    from app.refunds import services as refunds

    policy = get_for_user(user_id, policy_no)
    policy = db.session.scalars(sa.select(Policy).where(Policy.id == policy.id).with_for_update()).one()
    if policy.status in ("cancelling", "cancelled"):
        return policy
    if policy.source != "purchase" or policy.order_id is None:
        raise NotCancellable("Gift cover from a red envelope cost you nothing, so there is nothing to refund.")
    if policy.status != "active" or clock.now() >= policy.ends_at:
        raise NotCancellable("This policy has ended and can no longer be cancelled.")
    if clock.now() > policy.issued_at + COOLING_OFF:
        raise NotCancellable("The 15-day cooling-off period for this policy has passed.",
                             code="cooling_off_over")
    payment = payments.original_payment(policy.order_id)
    refunds.request_refund(payment.id, None, reason="cooling_off", requested_by=f"user:{user_id}",
                           policy_id=policy.id)
    policy.status = "cancelling"
    db.session.flush()
    return policy


def confirm_cancellation(policy_id: int, at: dt.datetime) -> None:
    """The cooling-off refund succeeded: the policy is cancelled (its cover ends now)."""
    policy = db.session.get(Policy, policy_id)
    if policy is not None and policy.status == "cancelling":
        policy.status = "cancelled"
        policy.cancelled_at = at
        db.session.flush()
