"""Issuing policies, looking them up, and cancelling them within the cooling-off period.

A policy comes from a paid purchase (``app.purchases``), an activated envelope share or a
redeemed reward; the feature that sells it hands over the terms and the insured person.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from collections.abc import Callable, Sequence
from types import SimpleNamespace

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from app.agreements import services as agreements
from app.catalog.models import Insurer, Plan, Product
from app.core import clock, events, pii
from app.core.db import fetch_all, fetch_one, insert_each_unless_exists, reads
from app.core.errors import Conflict, NotFound
from app.extensions import db
from app.insured import services as insured_rules
from app.payments import refunds
from app.policies import epolicy
from app.policies.models import VERIFICATION_CODE_LENGTH, Policy
from app.users.models import User


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


#: The product's words a policy keeps as they were when it was issued (its cover and exclusions).
COVER_WORDS = ("covered_zh", "covered_en", "not_covered_zh", "not_covered_en")

#: What a policy keeps of its product and plan as they were when it was issued, by the policy's column and the
#: catalog's column it copies: the names it was sold under and its cover and exclusions. They are the contract's
#: words, so an operator's later edit of the catalog applies to the policies sold after it only.
AS_SOLD = {
    "product_name_zh": Product.name_zh, "product_name_en": Product.name_en,
    "plan_name_zh": Plan.name_zh, "plan_name_en": Plan.name_en,
    **{name: getattr(Product, name) for name in COVER_WORDS},
}


def as_sold_columns() -> list[sa.ColumnElement]:
    """The catalog's columns a sale's statement reads for ``issue_for_orders``'s ``terms``, named as the policy
    keeps them (the statement joins the plan and its product)."""
    return [column.label(name) for name, column in AS_SOLD.items()]


def _as_sold(values: dict) -> dict:
    """``AS_SOLD``'s values (by the policy's column) as a policy issued now keeps them: lists of words copied, none
    read as an empty list."""
    return {name: list(value or ()) if name in COVER_WORDS else value for name, value in values.items()}


def issue_for_orders(sold: Sequence[tuple[object, object, dict]]) -> None:
    """Issue the policy for each paid order, once, sent together: ``sold`` holds (order, terms, parties).

    ``terms`` is the plan's (id, coverage_fen, death_benefit_fen, term_days, waiting_period_days) with the names
    and words of the plan and its product (``as_sold_columns``), which the policy keeps as they are now;
    ``parties`` the insured person's and the policyholder's stored columns (``app.insured``). The unique ``order_id`` is
    the guard, not a check: the insert does nothing when the order's policy exists already. A policy number that
    collides raises ``IntegrityError``, so the payments are retried as a whole.
    """
    now = clock.now()
    rows = []
    for order, terms, parties in sold:
        ends_at, illness_from = cover_period(terms, now)
        rows.append({
            "policy_no": new_policy_no(now), "order_id": order.id, "user_id": order.user_id, "plan_id": terms.id,
            "source": "purchase", "status": "active", "coverage_fen": terms.coverage_fen,
            "death_benefit_fen": terms.death_benefit_fen, "premium_fen": order.amount_fen,
            "starts_at": now, "ends_at": ends_at, "illness_cover_starts_at": illness_from, "issued_at": now,
            **_as_sold({name: getattr(terms, name) for name in AS_SOLD}), **parties,
        })
    insert_each_unless_exists(Policy, rows, unique=["order_id"])


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
        **_as_sold({name: getattr(plan if column.class_ is Plan else plan.product, column.key)
                    for name, column in AS_SOLD.items()}),
        **insured_rules.holder_fields(user_id),
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


def cancelled_for_order(order_id: int) -> bool:
    """Whether the order's policy is cancelled in cooling-off, or being cancelled (its refund on its way)."""
    return bool(db.session.scalar(sa.select(sa.exists().where(Policy.order_id == order_id,
                                                              Policy.status.in_(("cancelling", "cancelled"))))))


def policy_no_of(policy_id: int | None) -> str | None:
    return None if policy_id is None else db.session.scalar(sa.select(Policy.policy_no).where(Policy.id == policy_id))


#: A policy as its holder sees it (``PolicyDetailSchema``): its columns, its plan's and product's words, and what
#: the buyer agreed to (the sale's trace), in one statement. Features add what else the view needs to know as
#: columns of that statement (``declare_cancellation_bar``, ``declare_renewal_view``), so a lookup is one round
#: trip whatever they add; the statements are built on first use, after every feature has declared its part.
_POLICY_COLUMNS = (
    Policy.id, Policy.order_id, Policy.policy_no, Policy.source, Policy.status, Policy.coverage_fen,
    Policy.premium_fen, Policy.verification_code,
    Policy.starts_at, Policy.ends_at, Policy.illness_cover_starts_at, Policy.issued_at, Policy.cancelled_at,
    Policy.insured_name_masked, Policy.insured_id_masked,
    # The names it was sold under, never the catalog's now (an operator may have renamed the product or plan since).
    Policy.product_name_zh, Policy.product_name_en, Policy.plan_name_zh, Policy.plan_name_en,
    Plan.waiting_period_days, Product.code.label("product_code"), Product.category.label("product_category"),
    # As the policy was sold (the product's words for a row from before policies kept them).
    *(sa.func.coalesce(getattr(Policy, name), getattr(Product, name), type_=sa.JSON).label(name)
      for name in ("covered_zh", "covered_en", "not_covered_zh", "not_covered_en")),
    Insurer.name_zh.label("insurer_name_zh"), Insurer.name_en.label("insurer_name_en"),
    Insurer.licence_no.label("insurer_licence_no"), Insurer.hotline.label("insurer_hotline"),
    Insurer.complaint_channel_zh.label("insurer_complaint_channel_zh"),
    Insurer.complaint_channel_en.label("insurer_complaint_channel_en"),
    Insurer.address_zh.label("insurer_address_zh"), Insurer.address_en.label("insurer_address_en"),
)
_HOLDER = (sa.select(User.nickname, User.phone_masked, Policy.holder_name_masked, Policy.holder_id_masked)
           .join(Policy, Policy.user_id == User.id).where(Policy.policy_no == sa.bindparam("policy_no")))


@functools.cache
def _views() -> SimpleNamespace:
    view = sa.select(
        *_POLICY_COLUMNS, *agreements.trace_columns(Policy.id, Policy.order_id),
        _barred(Policy.id).label("barred_by_declared"), _renewing(Policy.id).label("renewing"),
    ).join(Plan, Plan.id == Policy.plan_id).join(Product, Product.id == Plan.product_id).join(
        Insurer, Insurer.id == Product.insurer_id)
    return SimpleNamespace(
        for_holder=view.where(Policy.policy_no == sa.bindparam("policy_no"), Policy.user_id == sa.bindparam("user_id")),
        of_holder=view.where(Policy.user_id == sa.bindparam("user_id")).order_by(Policy.issued_at.desc(),
                                                                                Policy.id.desc()),
        by_id=view.where(Policy.id == sa.bindparam("policy_id")),
        by_code=view.where(Policy.verification_code == sa.bindparam("code")),
    )


class PolicyView:
    """The holder's view of a policy (a row of ``_views()``) with what its buyer agreed to: the documents at
    their versions (``documents_accepted``) and whether a health declaration was made."""

    def __init__(self, row: dict):
        # The row's columns as plain attributes: a dump reads fifty of them, and a __getattr__ per read
        # cost as much as the dump's own work.
        self.__dict__.update(row)
        trace = agreements.trace_of_row(self)
        self.documents_accepted = [SimpleNamespace(**item) for item in agreements.documents_accepted(trace)]
        self.health_declared = bool(trace is not None and trace.health_declared)


def list_for_user(user_id: int) -> list[PolicyView]:
    """Every policy the user holds, newest first, as committed (read outside the unit of work)."""
    with reads() as connection:
        return [PolicyView(row) for row in fetch_all(connection, _views().of_holder, {"user_id": user_id})]


def get_for_user(user_id: int, policy_no: str) -> PolicyView:
    """The user's own policy, as committed (read outside the unit of work).

    Another user's is 404 exactly like one that does not exist.
    """
    with reads() as connection:
        row = fetch_one(connection, _views().for_holder, {"policy_no": policy_no, "user_id": user_id})
    if row is None:
        raise NotFound(_("We could not find that policy."))
    return PolicyView(row)


def verify_url(verification_code: str) -> str:
    """The public check page of the policy with this code (printed on its e-policy as a QR code)."""
    return f"{current_app.config['PUBLIC_BASE_URL']}/verify/{verification_code}"


def documents_agreed(view: PolicyView) -> list[tuple[str, str]]:
    """The documents (title, version) the buyer agreed to before the cover was created, for its e-policy
    (both languages, as the e-policy prints everything); empty, printed "—", for a sale that recorded none."""
    return [(f"{document.title_zh} {document.title_en}".strip(), document.version)
            for document in view.documents_accepted]


def _e_policy(view: PolicyView) -> epolicy.EPolicy:
    """What the holder's e-policy shows. The policyholder is named as they had saved themselves (本人) when the
    cover was taken out, with their masked identity number; failing that, by the WeChat account that holds the
    policy: its masked phone, else its masked nickname (docs/domain.md, The e-policy)."""
    with reads() as connection:
        holder = connection.execute(_HOLDER, {"policy_no": view.policy_no}).one()
    policyholder = (epolicy.Both(holder.holder_name_masked) if holder.holder_name_masked
                    else epolicy.Both(holder.phone_masked) if holder.phone_masked
                    else epolicy.Both(pii.mask_name(holder.nickname)) if holder.nickname
                    else epolicy.both(epolicy.NO_NAME))
    return epolicy.EPolicy(
        policy_no=view.policy_no, verification_code=view.verification_code,
        verify_url=verify_url(view.verification_code), status=Policy.status_at(view, clock.now()),
        product=_both(view, "product_name"), plan=_both(view, "plan_name"), insurer=_both(view, "insurer_name"),
        insurer_licence_no=view.insurer_licence_no, insurer_hotline=view.insurer_hotline,
        insurer_complaint_channel=_both(view, "insurer_complaint_channel"),
        insurer_address=_both(view, "insurer_address") if view.insurer_address_zh else epolicy.Both(epolicy.NOTHING),
        policyholder=policyholder,
        insured_name_masked=view.insured_name_masked, insured_id_masked=view.insured_id_masked,
        coverage_fen=view.coverage_fen, premium_fen=view.premium_fen,
        premium_payment=epolicy.premium_payment_words(view.source, bool(view.renewing)), starts_at=view.starts_at,
        ends_at=view.ends_at, illness_cover_starts_at=view.illness_cover_starts_at, issued_at=view.issued_at,
        covered=epolicy.Both("\n".join(view.covered_zh or ()), "\n".join(view.covered_en or ())),
        not_covered=epolicy.Both("\n".join(view.not_covered_zh or ()), "\n".join(view.not_covered_en or ())),
        documents_agreed=documents_agreed(view), policyholder_id_masked=holder.holder_id_masked,
    )


def _both(view: sa.Row, field: str) -> epolicy.Both:
    """A text the catalog keeps in both languages (the English left out when empty or the same)."""
    zh, en = getattr(view, f"{field}_zh"), getattr(view, f"{field}_en") or ""
    return epolicy.Both(zh, en if en != zh else "")


def document_for_user(user_id: int, policy_no: str) -> bytes:
    """The user's own e-policy as a PDF; another user's is 404 like one that does not exist."""
    return epolicy.render_pdf(_e_policy(get_for_user(user_id, policy_no)))


def card_for_user(user_id: int, policy_no: str) -> bytes:
    """The user's own policy as a PNG card to share: no personal data beyond the insured's masked name."""
    return epolicy.render_card(_e_policy(get_for_user(user_id, policy_no)))


def verified(verification_code: str) -> dict | None:
    """What the public check page shows of the policy with this code (None when none has it): its number,
    product, cover period and status, in both languages; nothing about the people on it."""
    if len(verification_code) > VERIFICATION_CODE_LENGTH:
        return None
    with reads() as connection:
        row = fetch_one(connection, _views().by_code, {"code": verification_code})
    if row is None:
        return None
    view = PolicyView(row)
    status = Policy.status_at(view, clock.now())
    return {
        "policy_no": view.policy_no,
        "status": status,
        "status_words": epolicy.status_words(status),
        "product": _both(view, "product_name"),
        "plan": _both(view, "plan_name"),
        "period": epolicy.cover_period_words(view.starts_at, view.ends_at),
    }


def _view_in_unit_of_work(policy_id: int) -> PolicyView:
    """The holder's view of a policy this unit of work has changed (the session sees its own writes)."""
    return PolicyView(db.session.execute(_views().by_id, {"policy_id": policy_id}).one()._mapping)


view_in_unit_of_work = _view_in_unit_of_work


def set_cover_end(policy_id: int, ends_at: dt.datetime) -> None:
    """A renewing policy keeps its number: its cover ends with its last paid period (never earlier than it was)."""
    db.session.execute(sa.update(Policy).where(Policy.id == policy_id, Policy.ends_at < ends_at)
                       .values(ends_at=ends_at))


#: How a policy's ``renewal`` is told apart and shown, declared by the feature that renews policies
#: (``declare_renewal_view``): ``(renewing, view)``.
_RENEWAL_VIEWS: list[tuple[Callable[[sa.ColumnElement], sa.ColumnElement], Callable[[int], dict | None]]] = []


def declare_renewal_view(renewing: Callable[[sa.ColumnElement], sa.ColumnElement],
                         view: Callable[[int], dict | None]) -> None:
    """The renewal feature declares once which policies renew (``renewing(policy_id)``, a SQL condition read in
    the lookup's own statement) and how their renewal looks (``view(policy_id)``, asked only for those)."""
    _RENEWAL_VIEWS.append((renewing, view))


def _renewing(policy_id: sa.ColumnElement) -> sa.ColumnElement:
    return sa.or_(sa.false(), *(renewing(policy_id) for renewing, _view in _RENEWAL_VIEWS))


def renewal_of(view: PolicyView) -> dict | None:
    if not view.renewing:
        return None
    for _renewing_policy, renewal_view in _RENEWAL_VIEWS:
        found = renewal_view(view.id)
        if found is not None:
            return found
    return None


#: Rules that narrow what a policy covers inside its period, declared by features (``declare_cover_rule``).
_COVER_RULES: list[Callable[[int, dt.datetime], bool | None]] = []


def declare_cover_rule(rule: Callable[[int, dt.datetime], bool | None]) -> None:
    """A feature declares once what else a policy's cover at a moment depends on: ``rule(policy_id, moment)``
    is False when it is not covered then (renewal: only paid periods), None when the rule has no say."""
    _COVER_RULES.append(rule)


def covered_at(policy_id: int, moment: dt.datetime) -> bool:
    """Whether the declared rules let the policy cover ``moment`` (its own start and end are checked apart)."""
    return all(rule(policy_id, moment) is not False for rule in _COVER_RULES)


#: Rules that cut a policy's cover into periods of their own, declared by features (``declare_cover_periods``).
_PERIOD_RULES: list[Callable[[int, dt.datetime], tuple[dt.datetime, dt.datetime] | None]] = []


def declare_cover_periods(rule: Callable[[int, dt.datetime], tuple[dt.datetime, dt.datetime] | None]) -> None:
    """A feature whose policies run in periods of cover of their own (renewal: each month paid) declares once
    ``rule(policy_id, moment)``: the (start, end) of the period holding ``moment``, or None when it has no say."""
    _PERIOD_RULES.append(rule)


def cover_period_at(policy_id: int, moment: dt.datetime) -> tuple[dt.datetime, dt.datetime] | None:
    """The period of cover holding ``moment`` when the policy is cut into periods (each with its sum insured);
    None when its whole term is one period."""
    for rule in _PERIOD_RULES:
        period = rule(policy_id, moment)
        if period is not None:
            return period
    return None


#: A policy bought can be cancelled for a full refund within this long (the cooling-off period).
COOLING_OFF = dt.timedelta(days=15)
#: The refund reason a cooling-off cancellation gives (the purchase's order kind confirms it by this).
COOLING_OFF_REASON = "cooling_off"
#: Why a policy is cancelled when an operator refunds its whole premium (``policy_cancelling``'s ``why``).
FULL_REFUND = "full_refund"
#: What WeChat Pay tells the payer in its refund notice; WeChat shows one text to everyone, so Chinese.
COOLING_OFF_REFUND_DESCRIPTION = "犹豫期内退保，保费全额退回"


class NotCancellable(Conflict):
    code = "not_cancellable"


class ClaimExists(Conflict):
    code = "claim_exists"


#: What bars a cooling-off refund, declared by the features that keep it (``declare_cancellation_bar``).
_CANCELLATION_BARS: list[Callable[[sa.ColumnElement], sa.ColumnElement]] = []


def declare_cancellation_bar(bar: Callable[[sa.ColumnElement], sa.ColumnElement]) -> None:
    """A feature whose records bar a cooling-off refund declares it once: ``bar(policy_id)`` is a SQL condition,
    true while the policy has one (claims: one that is open, approved or paid). The policy's view reads it in
    its own statement; a cancellation asks it in the unit of work, after the policy's row is locked, so a
    record made under the same lock is seen."""
    _CANCELLATION_BARS.append(bar)


def _barred(policy_id: sa.ColumnElement) -> sa.ColumnElement:
    return sa.or_(sa.false(), *(bar(policy_id) for bar in _CANCELLATION_BARS))


def cancellation_barred(policy_id: int) -> bool:
    return bool(db.session.scalar(sa.select(_barred(sa.literal(policy_id, sa.BigInteger)))))


def cooling_off_ends_at(view) -> dt.datetime | None:
    """When the full refund stops (15 days after issue); None for gift cover, which cost nothing."""
    return view.issued_at + COOLING_OFF if view.source == "purchase" else None


def refund_of(view) -> dict | None:
    """A bought policy's cancellation refund as its holder follows it, read only once the policy is being cancelled
    or is cancelled (a lookup of a policy in force asks nothing more): what was paid, which is what comes back, and
    whether it is ``on_its_way``, ``returned``, or ``failed`` and waiting for an operator to pay it back another
    way (docs/domain.md, Refunds). None otherwise."""
    if view.status not in ("cancelling", "cancelled") or view.source != "purchase" or view.order_id is None:
        return None
    state = refunds.return_of_payment(view.order_id)
    return None if state is None else {"amount_fen": state[0], "status": state[1]}


def cancellable(view, now: dt.datetime | None = None) -> bool:
    """Whether ``cancel_for_cooling_off`` would refund this policy now (the policy page offers it only then)."""
    now = now or clock.now()
    ends = cooling_off_ends_at(view)
    if ends is None or view.status != "active" or now >= view.ends_at or now > ends:
        return False
    return not view.barred_by_declared


def lock_for_claim(user_id: int, policy_no: str) -> PolicyView:
    """The user's own policy for filing a claim, its row locked until the unit of work ends.

    A cooling-off cancellation locks the same row, so the two never cross: a claim filed first
    bars the refund, and a cancellation first leaves the policy ``cancelling`` (no claim taken).
    Another user's policy is 404 like one that does not exist.
    """
    policy_id = db.session.scalar(sa.select(Policy.id).where(Policy.policy_no == policy_no, Policy.user_id == user_id)
                                  .with_for_update())
    if policy_id is None:
        raise NotFound(_("We could not find that policy."))
    return _view_in_unit_of_work(policy_id)


def cancel_for_cooling_off(user_id: int, policy_no: str) -> PolicyView:
    """Cancel a bought policy within 15 days: it turns ``cancelling`` and the premium is refunded.

    A policy with a claim that is open, approved or paid is 409 ``claim_exists``: the insurer
    refunds short-term cover only when no claim was paid (docs/domain.md, Cooling-off). The
    policy's row is locked first, as filing a claim locks it (``lock_for_claim``).

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
    if cancellation_barred(policy.id):
        raise ClaimExists(_("This policy has a claim that is in progress, approved or paid, so it cannot be cancelled "
                            "for a full refund in the cooling-off period. If the claim is still in progress you may "
                            "withdraw it first; for anything else, call the insurer's hotline."))
    # Cancelling before its refund is recorded: the refund of the whole premium finds it cancelling already, and
    # leaves it to this cancellation (``cancel_for_full_refund``).
    _start_cancelling(policy, COOLING_OFF_REASON)
    refunds.refund_order(policy.order_id, None, reason=COOLING_OFF_REASON,
                         description=COOLING_OFF_REFUND_DESCRIPTION, requested_by=f"user:{user_id}")
    return _view_in_unit_of_work(policy.id)


def _start_cancelling(policy: Policy, why: str) -> None:
    """The policy turns ``cancelling`` (its premium on its way back) and the features that hang on it hear of it:
    its renewal stops, a referral coupon its purchase earned is taken back. ``why``: ``cooling_off`` or
    ``FULL_REFUND``."""
    policy.move_to("cancelling")
    db.session.flush()
    events.policy_cancelling.send(policy.id, order_id=policy.order_id, why=why)


def cancel_for_full_refund(order_id: int) -> None:
    """The whole premium of the order's policy is being refunded (an operator's refund from the order's page, not
    the holder's cooling-off): a policy in force is cancelled (退保), as the holder's cancellation would, and its
    cover ends when the refund reaches the payer. Nobody paid for the cover any more (docs/domain.md, Refunds).

    A policy not in force (ended, cancelled or being cancelled) is left alone. So is a monthly policy in a later
    month: the order's payment bought its first month only, and each later month was paid by its own deduction."""
    policy = db.session.scalars(sa.select(Policy).where(Policy.order_id == order_id).with_for_update()).one_or_none()
    if policy is None or not _paid_by_its_order_now(policy):
        return
    if cancellation_barred(policy.id):
        # As in cooling-off: an insurer that has paid, or may pay, for an event does not hand back the whole premium
        # too, and a cancellation would leave the claim on cover that no longer exists (docs/domain.md, Refunds).
        raise ClaimExists(_("Policy %(policy_no)s has a claim that is in progress, approved or paid. Refunding "
                            "everything left of its payment would cancel it, so it is refused; a partial refund "
                            "leaves the policy in force. To cancel it, settle the claim first.",
                            policy_no=policy.policy_no))
    _start_cancelling(policy, FULL_REFUND)


def ends_on_full_refund(policy: Policy | None) -> bool:
    """Whether refunding the whole of its order's payment now would cancel this policy (``cancel_for_full_refund``):
    the admin's refund form says so before the operator confirms."""
    return policy is not None and _paid_by_its_order_now(policy)


def _paid_by_its_order_now(policy: Policy) -> bool:
    """In force now, on the cover its order's payment bought: active, not ended, and not in a later month paid by
    a renewal's own deduction."""
    now = clock.now()
    if policy.status != "active" or now >= policy.ends_at:
        return False
    period = cover_period_at(policy.id, now)
    return period is None or period[0] <= policy.starts_at


def confirm_cancellation_on_refund(order_id: int, refund) -> None:
    """A refund of the order has reached its payer: its policy, if being cancelled, is cancelled once the whole
    premium is back (``refunds.returned_in_full``), whichever refund brought the last of it: the cancellation's own,
    a partial one sent before it, or one settled by hand after it failed. A refund of part of the premium after the
    cancelling refund failed returns that part only: the policy waits in ``cancelling`` (docs/domain.md, Refunds)."""
    if refunds.returned_in_full(order_id):
        confirm_cancellation(order_id, refund.followed_up_at or refund.finished_at)


def confirm_cancellation(order_id: int, at: dt.datetime) -> None:
    """The refund that cancels the order's policy has reached its holder (WeChat Pay's refund succeeded, or an
    operator settled a failed one by hand): the policy is cancelled at ``at``."""
    policy = db.session.scalars(sa.select(Policy).where(Policy.order_id == order_id)).one_or_none()
    if policy is not None and policy.status == "cancelling":
        policy.move_to("cancelled")
        policy.cancelled_at = at
        db.session.flush()
