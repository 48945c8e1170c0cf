"""Issuing policies, looking them up, and cancelling them within the cooling-off period.

A policy comes from a paid purchase (``app.purchases``), an activated envelope share or a
redeemed reward; the feature that sells it hands over the terms and the insured person.
"""

from __future__ import annotations

import datetime as dt
import secrets
from types import SimpleNamespace

import sqlalchemy as sa
from flask_babel import gettext as _

from app.agreements import services as agreements
from app.catalog.models import Insurer, Plan, Product
from app.core import clock
from app.core.db import insert_unless_exists, reads
from app.core.errors import Conflict, NotFound
from app.extensions import db
from app.insured import services as insured_rules
from app.payments import refunds
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
    # Ten random digits a day: at 100,000 policies a day, a collision (answered 503, retried) every other day.
    return "P" + clock.to_shanghai(moment).strftime("%Y%m%d") + f"{secrets.randbelow(10**10):010d}"


def issue_for_order(order, *, terms, insured: dict) -> str:
    """Issue the policy for a paid order, once; returns its policy number.

    ``terms`` is the plan's (id, coverage_fen, death_benefit_fen, term_days, waiting_period_days); ``insured`` the
    insured person's stored columns (``app.insured``). The unique ``order_id`` is the guard, not
    a check: the insert does nothing when the order's policy exists already (that one's number
    is returned). A policy number that collides raises ``IntegrityError``, so the payment is
    retried as a whole.
    """
    now = clock.now()
    ends_at, illness_from = cover_period(terms, now)
    policy_no = new_policy_no(now)
    issued = insert_unless_exists(Policy, {
        "policy_no": policy_no, "order_id": order.id, "user_id": order.user_id, "plan_id": terms.id,
        "source": "purchase", "status": "active", "coverage_fen": terms.coverage_fen,
        "death_benefit_fen": terms.death_benefit_fen, "premium_fen": order.amount_fen,
        "starts_at": now, "ends_at": ends_at, "illness_cover_starts_at": illness_from, "issued_at": now, **insured,
    }, unique=["order_id"])
    return policy_no if issued is not None else policy_no_for_order(order.id)


def issue_gift(user_id: int, plan: Plan, coverage_fen: int, premium_fen: int, person,
               source: str) -> Policy:
    """Gift cover from an activated envelope share or a redeemed reward (the caller holds its row lock)."""
    now = clock.now()
    ends_at, illness_from = cover_period(plan, now)
    policy = Policy(
        policy_no=new_policy_no(now), order_id=None, user_id=user_id, plan_id=plan.id, source=source,
        status="active", coverage_fen=coverage_fen, death_benefit_fen=plan.death_benefit_for(coverage_fen),
        premium_fen=premium_fen, starts_at=now, ends_at=ends_at,
        illness_cover_starts_at=illness_from, issued_at=now, **person.stored_fields(),
    )
    db.session.add(policy)
    db.session.flush()
    return policy


def death_cover_in_force(id_hash: str, now: dt.datetime) -> sa.ScalarSelect:
    """The death benefit of the person's policies in force: active, or cancelling (cover lasts until the
    refund succeeds), and not yet ended. Counted toward a minor's cap (``insured.declare_death_cover``)."""
    return (sa.select(sa.func.sum(Policy.death_benefit_fen))
            .where(Policy.insured_id_hash == id_hash, Policy.status.in_(("active", "cancelling")), Policy.ends_at > now)
            .scalar_subquery())


insured_rules.declare_death_cover(death_cover_in_force)


def policy_no_for_order(order_id: int) -> str | None:
    return db.session.scalar(sa.select(Policy.policy_no).where(Policy.order_id == order_id))


def policy_no_of(policy_id: int | None) -> str | None:
    return None if policy_id is None else db.session.scalar(sa.select(Policy.policy_no).where(Policy.id == policy_id))


#: A policy as its holder sees it (``PolicyDetailSchema``): its columns, its plan's and product's words.
_VIEW = sa.select(
    Policy.id, Policy.order_id, Policy.policy_no, Policy.source, Policy.status, Policy.coverage_fen, Policy.premium_fen,
    Policy.starts_at, Policy.ends_at, Policy.illness_cover_starts_at, Policy.issued_at,
    Policy.insured_name_masked, Policy.insured_id_masked, Plan.name_zh.label("plan_name_zh"),
    Plan.name_en.label("plan_name_en"), Plan.waiting_period_days, Product.code.label("product_code"),
    Product.name_zh.label("product_name_zh"), Product.name_en.label("product_name_en"), Product.covered_zh,
    Product.covered_en, Product.not_covered_zh, Product.not_covered_en,
    Insurer.name_zh.label("insurer_name_zh"), Insurer.name_en.label("insurer_name_en"),
    Insurer.licence_no.label("insurer_licence_no"), Insurer.hotline.label("insurer_hotline"),
    Insurer.complaint_channel_zh.label("insurer_complaint_channel_zh"),
    Insurer.complaint_channel_en.label("insurer_complaint_channel_en"),
).join(Plan, Plan.id == Policy.plan_id).join(Product, Product.id == Plan.product_id).join(
    Insurer, Insurer.id == Product.insurer_id)
_VIEW_FOR_HOLDER = _VIEW.where(Policy.policy_no == sa.bindparam("policy_no"), Policy.user_id == sa.bindparam("user_id"))
_VIEWS_FOR_HOLDER = _VIEW.where(Policy.user_id == sa.bindparam("user_id")).order_by(Policy.issued_at.desc(),
                                                                                   Policy.id.desc())
_VIEW_BY_ID = _VIEW.where(Policy.id == sa.bindparam("policy_id"))


class PolicyView:
    """The holder's view of a policy (a row of ``_VIEW``) with what its buyer agreed to: the documents at
    their versions (``documents_accepted``) and whether a health declaration was made."""

    def __init__(self, row: sa.Row, trace):
        self._row = row
        self.documents_accepted = [SimpleNamespace(**item) for item in agreements.documents_accepted(trace)]
        self.health_declared = bool(trace is not None and trace.health_declared)

    def __getattr__(self, name):
        return getattr(self._row, name)


def list_for_user(user_id: int) -> list[sa.Row]:
    """Every policy the user holds, newest first, as committed (read outside the unit of work)."""
    with reads() as connection:
        return connection.execute(_VIEWS_FOR_HOLDER, {"user_id": user_id}).all()


def get_for_user(user_id: int, policy_no: str) -> PolicyView:
    """The user's own policy, as committed (read outside the unit of work).

    Another user's is 404 exactly like one that does not exist.
    """
    with reads() as connection:
        view = connection.execute(_VIEW_FOR_HOLDER, {"policy_no": policy_no, "user_id": user_id}).one_or_none()
        if view is None:
            raise NotFound(_("We could not find that policy."))
        return PolicyView(view, agreements.trace_of_policy(view.id, view.order_id, connection))


def _view_in_unit_of_work(policy_id: int) -> PolicyView:
    """The holder's view of a policy this unit of work has changed (the session sees its own writes)."""
    view = db.session.execute(_VIEW_BY_ID, {"policy_id": policy_id}).one()
    return PolicyView(view, agreements.trace_of_policy(view.id, view.order_id))


#: A policy bought can be cancelled for a full refund within this long (the cooling-off period).
COOLING_OFF = dt.timedelta(days=15)
#: The refund reason a cooling-off cancellation gives (the purchase's order kind confirms it by this).
COOLING_OFF_REASON = "cooling_off"
#: What WeChat Pay tells the payer in its refund notice; WeChat shows one text to everyone, so Chinese.
COOLING_OFF_REFUND_DESCRIPTION = "犹豫期内退保，保费全额退回"


class NotCancellable(Conflict):
    code = "not_cancellable"


def cancel_for_cooling_off(user_id: int, policy_no: str) -> PolicyView:
    """Cancel a bought policy within 15 days: it turns ``cancelling`` and the premium is refunded.

    The refund's success turns it ``cancelled`` (``confirm_cancellation``, through the order kind).
    """
    policy = db.session.scalars(
        sa.select(Policy).where(Policy.policy_no == policy_no, Policy.user_id == user_id).with_for_update()
    ).one_or_none()
    if policy is None:
        raise NotFound(_("We could not find that policy."))
    if policy.status in ("cancelling", "cancelled"):
        return _view_in_unit_of_work(policy.id)
    if policy.source != "purchase" or policy.order_id is None:
        raise NotCancellable(_("Gift cover from a red envelope cost you nothing, so there is nothing to refund."))
    if policy.status != "active" or clock.now() >= policy.ends_at:
        raise NotCancellable(_("This policy has ended and can no longer be cancelled."))
    if clock.now() > policy.issued_at + COOLING_OFF:
        raise NotCancellable(_("The 15-day cooling-off period for this policy has passed."),
                             code="cooling_off_over")
    refunds.refund_order(policy.order_id, None, reason=COOLING_OFF_REASON,
                         description=COOLING_OFF_REFUND_DESCRIPTION, requested_by=f"user:{user_id}")
    policy.move_to("cancelling")
    db.session.flush()
    return _view_in_unit_of_work(policy.id)


def confirm_cancellation(order_id: int, at: dt.datetime) -> None:
    """The cooling-off refund of the order's policy succeeded: the policy is cancelled (its cover ends now)."""
    policy = db.session.scalars(sa.select(Policy).where(Policy.order_id == order_id)).one_or_none()
    if policy is not None and policy.status == "cancelling":
        policy.move_to("cancelled")
        policy.cancelled_at = at
        db.session.flush()
