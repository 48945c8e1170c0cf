"""The renewal rules: signing with the first payment, one calendar month a period, the charge of each
period inside WeChat's windows, retries, lapses, stops and what the policy shows.

Services only flush; the pass (``tasks.run_pass``) and the requests commit. WeChat's side is
``wechat.pay.papay()``; what WeChat tells us arrives as ``events.papay_event``. docs/domain.md,
Monthly renewal.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from app.catalog.models import Plan
from app.claims import messages
from app.core import clock, events, pii
from app.core.errors import Conflict, NotFound, ValidationFailed
from app.core.i18n import N_, in_language, yuan
from app.core.jobs import enqueue_after_commit, job
from app.extensions import db
from app.insured import services as insured_rules
from app.orders import services as orders
from app.orders.models import Order
from app.payments import refunds
from app.payments.models import Payment
from app.payments.services import SIGNING_GRACE, Outcome
from app.policies import services as policies
from app.policies.models import Policy
from app.purchases import services as purchases
from app.renewals.models import Renewal, RenewalCharge, RenewalPeriod
from app.users import services as users
from app.wechat import client as wechat
from app.wechat import pay
from app.wechat.errors import WeChatUnavailable
from app.wechat.pay import papay_types as t

log = logging.getLogger(__name__)

#: Periods a contract holds when signed (WeChat's most); ``renew`` adds more before they run out.
CONTRACT_PERIODS = 12
#: WeChat's windows (docs/wechat.md): schedule from the estimated date −1 to +28 days, 08:00–19:30 Beijing;
#: charge from the day after scheduling to the estimated date +29, 08:00–20:00.
SCHEDULE_FROM, SCHEDULE_TO = dt.timedelta(days=-1), dt.timedelta(days=28)
CHARGE_TO = dt.timedelta(days=29)
SCHEDULE_HOURS = (dt.time(8, 0), dt.time(19, 30))
CHARGE_HOURS = (dt.time(8, 0), dt.time(20, 0))
#: We stop asking WeChat this long before its hours end (19:20 for scheduling, 19:50 for charging), by our clock read
#: just before each call: WeChat judges a call by its own clock when the call reaches it, after a pass that may run
#: for minutes, a wait for a free connection and the call's own time, and our clock and WeChat's need not agree to
#: the second. A charge refused for the hours looked like the user's failure (docs/domain.md, Monthly renewal).
CLOSING_MARGIN = dt.timedelta(minutes=10)
#: What WeChat shows the payer for each deduction (one text for everyone: Chinese).
DEDUCTION_DESCRIPTION = "{product}{plan} 月缴自动续保"
#: How a TERMINATE's mode becomes our reason.
END_REASONS = {t.USER_TERMINATE: "user", t.MCH_API_TERMINATE: "merchant", t.WEPAY_WEB_TERMINATE: "merchant",
               t.CUSTOMER_SERVICE_TERMINATE: "customer_service", t.SYSTEM_TERMINATE: "system"}
#: WeChat's answers for a contract it does not hold (ended already, for our purpose).
CONTRACT_GONE = ("RESOURCE_NOT_EXISTS", "CONTRACT_NOT_EXIST")
#: How far ahead of our clock a deduction's ``success_time`` may be and still be read as WeChat's (the two clocks
#: need not agree to the second); one further ahead is read as now: a payment is never in the future, and cover
#: counted from a year-9999 payment could not be computed (a 500 WeChat delivered again for ever), from one days
#: ahead it started late.
SUCCESS_TIME_AHEAD = dt.timedelta(minutes=5)
#: The statuses in which the pass still schedules and charges.
RUNNING = ("active", "retrying")
#: ``WECHAT_SUBSCRIBE_TEMPLATES`` key of the renewal notice.
NOTICE_TEMPLATE = "renewal_notice"


class RenewalNotActive(Conflict):
    code = "renewal_not_active"


class NotAutoRenew(Conflict):
    code = "not_auto_renew"


class ContractSignedUnpaid(Conflict):
    code = "contract_signed_unpaid"


class ContractLimit(Conflict):
    code = "contract_limit"


OrderNotPayable = orders.OrderNotPayable


# -- dates ----------------------------------------------------------------------------------------

def beijing_day(moment: dt.datetime) -> dt.date:
    return clock.to_shanghai(moment).date()


def _month_length(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def add_months(day: dt.date, months: int, anchor_day: int | None = None) -> dt.date:
    """``day`` moved ``months`` calendar months, on ``anchor_day`` (default its own day) or the month's last."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(anchor_day or day.day, _month_length(year, month)))


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=clock.SHANGHAI).astimezone(clock.UTC)


def period_end(start: dt.datetime, anchor_day: int) -> dt.datetime:
    """A period that starts at ``start`` covers one calendar month: to midnight Beijing on the anchor day
    of the next month (a 31st falls to a short month's last day)."""
    return midnight(add_months(beijing_day(start), 1, anchor_day))


def estimated_on(first_day: dt.date, n: int) -> dt.date:
    """WeChat's estimated deduction date of period ``n``: the signing day for period 1, then the last
    covered day of the period before (a month after the signing day, less a day)."""
    return first_day if n == 1 else add_months(first_day, n - 1) - dt.timedelta(days=1)


def last_covered_day(ends_at: dt.datetime) -> dt.date:
    return beijing_day(ends_at - dt.timedelta(microseconds=1))


def _periods(first_day: dt.date, first: int, count: int, amount: int) -> tuple[t.PolicyPeriod, ...]:
    return tuple(t.PolicyPeriod(n, estimated_on(first_day, n), amount) for n in range(first, first + count))


def _within(moment: dt.datetime, hours: tuple[dt.time, dt.time]) -> bool:
    """Whether ``moment`` is inside WeChat's ``hours`` with time to spare: not later than ``CLOSING_MARGIN`` before
    they end."""
    local = clock.to_shanghai(moment)
    closing = dt.datetime.combine(local.date(), hours[1], tzinfo=local.tzinfo) - CLOSING_MARGIN
    return hours[0] <= local.time() and local < closing


# -- buying: declared to purchases ----------------------------------------------------------------

def offers(plan: Plan) -> bool:
    """Whether the plan may be bought with auto-renewal: its ``auto_renew``, named in AUTO_RENEW_PLANS, with a
    WeChat template (never a gift plan)."""
    config = current_app.config
    return bool(plan.auto_renew and not plan.is_gift and plan.code in config["AUTO_RENEW_PLANS"]
                and plan.code in config["WECHAT_PAPAY_TEMPLATES"])


def display_name(name: str) -> str:
    """The insured's name as WeChat's signing page shows it: all masked but the last character (``**明``)."""
    return "*" * (len(name) - 1) + name[-1:] if name else "*"


def sign_with_first_payment(order: Order, plan: Plan, person, user) -> dict:
    """The renewal of a new order and its first pre-sign: signing pays period 1 with the order's number."""
    today = beijing_day(clock.now())
    renewal = Renewal(
        order_id=order.id, user_id=order.user_id, plan_id=plan.id, status="pending",
        out_contract_code="RCC" + order.order_no[2:], wechat_plan_id=current_app.config["WECHAT_PAPAY_TEMPLATES"][
            plan.code], amount_fen=order.amount_fen, first_day=today, anchor_day=today.day,
        contract_periods=CONTRACT_PERIODS, insured_display_name=display_name(person.name), terminate_pending=False,
        created_at=clock.now())
    db.session.add(renewal)
    db.session.flush()
    return _pre_sign(renewal, order, plan, user.openid)


#: WeChat refusing a pre-sign because the contract code is signed already (the signing's payment failed).
SIGNED_ALREADY_CODES = {"INVALID_REQUEST"}
#: WeChat refusing a pre-sign because the user holds the most contracts in force under the template (10).
CONTRACT_LIMIT_CODES = {"RULE_LIMIT"}


def _pre_sign(renewal: Renewal, order: Order, plan: Plan, openid: str) -> dict:
    """A pre-sign at WeChat. Its refusals are rules of the sale, never a 500: the code signed already (the user
    signed and the first month was not paid with it) is 409 ``contract_signed_unpaid``, the user holding the most
    contracts WeChat allows 409 ``contract_limit``, anything else 503 (the unit of work rolls back)."""
    periods = _periods(renewal.first_day, 1, CONTRACT_PERIODS, renewal.amount_fen)
    try:
        session = _ask_pre_sign(renewal, order, plan, openid, periods)
    except pay.PayRequestFailed as refused:
        log.warning("renewal %s: WeChat refused the pre-sign (%s)", renewal.id, refused)
        if refused.err_code in SIGNED_ALREADY_CODES and _signed_at_wechat(renewal):
            raise ContractSignedUnpaid(_("You have signed auto-renewal already, but the first month was not paid "
                                         "with it: pay this month directly."),
                                       details={"wechat_code": refused.err_code}) from None
        if refused.err_code in CONTRACT_LIMIT_CODES:
            raise ContractLimit(_("You hold the most auto-renewal contracts WeChat Pay allows for this plan: end "
                                  "one in WeChat Pay, or buy without auto-renewal."),
                                details={"wechat_code": refused.err_code}) from None
        raise WeChatUnavailable(_("WeChat Pay is not answering right now; please try again.")) from None
    return {"pre_entrustweb_id": session.pre_entrustweb_id, "redirect_appid": session.redirect_appid,
            "redirect_path": session.redirect_path}


def _signed_at_wechat(renewal: Renewal) -> bool:
    """Whether WeChat holds a signed contract of the renewal's code (``INVALID_REQUEST`` has other causes too)."""
    contract = pay.papay().query_contract(renewal.wechat_plan_id, renewal.out_contract_code)
    return contract is not None and contract.state in ("SIGNED", "TO_BE_RENEWED", "TERMINATED")


def _ask_pre_sign(renewal: Renewal, order: Order, plan: Plan, openid: str, periods) -> t.PreSign:
    return pay.papay().pre_sign(t.PreSignRequest(
        openid=openid, plan_id=renewal.wechat_plan_id, out_contract_code=renewal.out_contract_code,
        insured_display_name=renewal.insured_display_name, policy_start_date=renewal.first_day,
        policy_end_date=add_months(renewal.first_day, CONTRACT_PERIODS) - dt.timedelta(days=1),
        policy_periods=periods, first_payment=t.FirstPayment(
            out_trade_no=order.order_no, amount=order.amount_fen,
            description=f"{plan.product.name_zh} {plan.name_zh} 首月")))


def _renewal_of_order(order_id: int, lock: bool = False) -> Renewal | None:
    query = sa.select(Renewal).where(Renewal.order_id == order_id)
    return db.session.scalars(query.with_for_update() if lock else query).one_or_none()


def fresh_contract(order: Order) -> dict | None:
    """A new pre-sign for an order still awaiting payment with its renewal (a pre-sign lives 10 minutes,
    the order 30); None for any other order (an idempotent replay then shows no contract)."""
    renewal = _renewal_of_order(order.id)
    if renewal is None or renewal.status != "pending" or order.status != "created" or clock.now() >= order.expires_at:
        return None
    return _pre_sign(renewal, order, db.session.get(Plan, order.plan_id), users.get_user(order.user_id).openid)


def contract_for_order(user_id: int, order_no: str) -> purchases.OrderView:
    """``POST /orders/{no}/contract``: a fresh pre-sign for the user's unpaid auto-renew order."""
    order = orders.get_for_user(user_id, order_no)
    _awaiting_signature(order)
    return purchases.OrderView(order, contract=fresh_contract(order))


def pay_without_signing(user_id: int, order_no: str, client_ip: str) -> purchases.OrderView:
    """``POST /orders/{no}/pay``: the user came back without signing; ordinary JSAPI pay_params for the same
    order, renewal off (they hold a one-month policy)."""
    order = orders.lock_by_no(orders.get_for_user(user_id, order_no).order_no)
    # A contract ended before the first month was paid (the user signed, the payment failed, and they ended it in
    # WeChat) leaves the order to be paid by hand all the same: renewal stays ended as it is.
    renewal = _awaiting_signature(order, lock=True, statuses=("pending", "cancelled"))
    plan = db.session.get(Plan, order.plan_id)
    # Signing pays the first month with the order's number: WeChat refuses a second payment of it (ORDERPAID, 409)
    # while the payment's notification is still on its way. Any refusal leaves the renewal as it is (the unit of
    # work rolls back); the notification (or the sweep) pays the order.
    pay_params = orders.prepay(order, openid=users.get_user(user_id).openid,
                               description=f"{plan.product.name_zh} {plan.name_zh}", client_ip=client_ip)
    if renewal.status != "pending":
        return purchases.OrderView(order, pay_params=pay_params)
    renewal.move_to("unsigned")
    # Signed yet paid by hand (the signing's payment failed): the contract would stay in force with no renewal
    # behind it. Its SIGN may never have come, so the contract is ended by its code: at once when we hold it, else
    # by the pass once no pre-sign can be signed any more (asking WeChat whether one was).
    renewal.terminate_pending = True
    if renewal.contract_id is not None:
        enqueue_after_commit(end_contract, renewal.id)
    db.session.flush()
    return purchases.OrderView(order, pay_params=pay_params)


def _awaiting_signature(order: Order, lock: bool = False, statuses: tuple[str, ...] = ("pending",)) -> Renewal:
    # Past its window an order is not offered a pre-sign (one would outlive the order) nor a prepay.
    if order.status != "created" or clock.now() >= order.expires_at:
        raise OrderNotPayable(_("This order is no longer awaiting payment."))
    renewal = _renewal_of_order(order.id, lock=lock)
    if renewal is not None and renewal.status == "cancelled" and "cancelled" not in statuses:
        raise NotAutoRenew(_("Auto-renewal of this order has ended; pay this month directly."))
    if renewal is None or renewal.status not in statuses:
        raise NotAutoRenew(_("This order was not made with auto-renewal, or it is already paid without it."))
    return renewal


# -- paid: period 1 -------------------------------------------------------------------------------

# Whether a paid order was bought with auto-renewal, read with the payment's lock: every paid order asks
# and most have no renewal. Not by plan: a plan taken out of AUTO_RENEW_PLANS may still have orders
# awaiting payment with a renewal.
orders.declare_payment_fact("renews", sa.exists().where(Renewal.order_id == Order.id))


def on_order_paid(order: Order, facts: dict, **_kwargs) -> None:
    """The first month is paid (signing paid it, or the unsigned path): the policy runs a calendar month."""
    if not facts["renews"]:
        return
    renewal = _renewal_of_order(order.id, lock=True)
    policy = db.session.scalars(sa.select(Policy).where(Policy.order_id == order.id)).one()
    renewal.policy_id = policy.id
    if renewal.status == "unsigned":
        return  # one month, as any policy of the plan
    first = db.session.scalars(sa.select(RenewalPeriod).where(RenewalPeriod.renewal_id == renewal.id,
                                                              RenewalPeriod.n == 1)).one_or_none()
    if first is None:
        # To the contract's first anchor, not a month from the payment: the dates WeChat holds count from the day
        # the contract was offered (``first_day``), and an order made before Beijing midnight may be paid after it.
        ends = midnight(add_months(renewal.first_day, 1, renewal.anchor_day))
        db.session.add(RenewalPeriod(renewal_id=renewal.id, n=1, estimated_on=renewal.first_day,
                                     amount_fen=order.amount_fen, status="paid", starts_at=policy.starts_at,
                                     ends_at=ends, paid_at=policy.issued_at))
        policies.set_cover_end(policy.id, ends)
    if renewal.status == "pending" and renewal.contract_id is not None:
        renewal.move_to("active")
    db.session.flush()


events.order_paid.connect(on_order_paid)


# -- WeChat's notifications -----------------------------------------------------------------------

def on_papay_event(event, notification_id=None) -> Outcome | None:
    """A verified contract deduction notification; each is applied once, in whatever order they come. One
    for a contract or charge we do not hold is not ours to judge: None (kept flagged ``unhandled_event``).
    A charge is committed before WeChat is asked, so its result never comes before our record of it."""
    if isinstance(event, t.ContractEvent):
        return _contract_event(event)
    return _deduction_event(event)


def _contract_event(event: t.ContractEvent) -> Outcome | None:
    contract = event.contract
    renewal = db.session.scalars(sa.select(Renewal).where(
        Renewal.out_contract_code == contract.out_contract_code).with_for_update()).one_or_none()
    if renewal is None:
        return None
    moment = event.sandbox_now or clock.now()
    if event.event_type == "INSURANCE_ENTRUST.SIGN":
        if renewal.contract_id is not None:
            return Outcome.DUPLICATE
        if not contract.contract_id:
            # Signed by WeChat, yet no contract to charge or end: kept for an operator (a retry cannot help), and
            # nothing stored, where an empty id would have been every such renewal's (the column is unique).
            log.warning("renewal %s: a SIGN notification without a contract id", renewal.id)
            return Outcome.FLAGGED
        renewal.contract_id, renewal.signed_at = contract.contract_id, contract.signed_at or moment
        if renewal.status == "pending":
            if _paid_periods(renewal.id):
                renewal.move_to("active")
        else:  # paid by hand meanwhile, or the order closed: this contract is not wanted
            renewal.terminate_pending = True
            enqueue_after_commit(end_contract, renewal.id)
        db.session.flush()
        return Outcome.APPLIED
    if event.event_type == "INSURANCE_ENTRUST.TERMINATE":
        renewal.contract_id = renewal.contract_id or contract.contract_id or None
        if renewal.status not in ("pending", *RUNNING):
            renewal.terminate_pending = False
            db.session.flush()
            return Outcome.DUPLICATE
        _end(renewal, "cancelled", END_REASONS.get(contract.termination_mode or "", "user"),
             contract.terminated_at or moment, terminate=False)
        return Outcome.APPLIED
    # INSURANCE_ENTRUST.RENEW: the periods we added are held.
    return Outcome.APPLIED


def _deduction_event(event: t.DeductionEvent) -> Outcome | None:
    deduction = event.deduction
    renewal_id = db.session.scalar(sa.select(RenewalCharge.renewal_id).where(
        RenewalCharge.out_trade_no == deduction.out_trade_no))
    if renewal_id is None:
        return None
    # The renewal's row first, then the charge's, as the pass and a stop take them: a result that moves the
    # renewal (retrying, active again) must see a stop that committed meanwhile, not write over it.
    _lock_renewal(renewal_id)
    charge = db.session.scalars(sa.select(RenewalCharge).where(
        RenewalCharge.out_trade_no == deduction.out_trade_no).with_for_update()
        .execution_options(populate_existing=True)).one()
    if event.appid is not None and event.appid != current_app.config["WECHAT_APPID"]:
        return Outcome.FLAGGED
    return apply_result(charge, deduction, event.sandbox_now)


def apply_result(charge: RenewalCharge, deduction: t.Deduction, now: dt.datetime | None = None) -> Outcome:
    """A deduction's result (notification or query, at ``now``) applied once: success pays its period, failure
    retries (or, with no day of WeChat's window left, lapses).

    A success for a charge we settled failed (WeChat reported it failed first, or it was settled as never made:
    refused, or not found by the query) is money taken all the same: it pays its period as any success does (or is
    refunded when the period cannot be given), and is flagged for an operator. Before this it was a duplicate: the
    premium kept, the month unpaid."""
    if charge.status == "failed" and deduction.succeeded:
        if deduction.amount is not None and deduction.amount != charge.amount_fen:
            return Outcome.FLAGGED
        earlier = charge.failure or ""
        log.error("renewal %s: charge %s succeeded at WeChat after we settled it failed (%s); applying it",
                  charge.renewal_id, charge.out_trade_no, earlier)
        _succeeded(charge, deduction, now or clock.now())
        charge.failure = f"SUCCEEDED AFTER {earlier}"[:200]
        db.session.flush()
        return Outcome.FLAGGED
    if charge.status != "submitted":
        return Outcome.DUPLICATE
    if deduction.succeeded:
        if deduction.amount is not None and deduction.amount != charge.amount_fen:
            return Outcome.FLAGGED
        _succeeded(charge, deduction, now or clock.now())
    elif deduction.trade_state in ("NOTPAY", "ACCEPT", "USERPAYING"):
        return Outcome.DUPLICATE  # still in flight
    else:
        _failed(charge, deduction.trade_state_desc or deduction.trade_state, now or clock.now())
    return Outcome.APPLIED


def _succeeded(charge: RenewalCharge, deduction: t.Deduction, now: dt.datetime) -> None:
    renewal = db.session.get(Renewal, charge.renewal_id)
    period = db.session.get(RenewalPeriod, charge.period_id)
    paid_at = deduction.paid_at or now
    if paid_at > now + SUCCESS_TIME_AHEAD:
        log.warning("renewal %s: charge %s reported paid at %s, ahead of our clock (%s): read as now", renewal.id,
                    charge.out_trade_no, paid_at.isoformat(), now.isoformat())
        paid_at = now
    charge.status, charge.transaction_id, charge.settled_at = "succeeded", deduction.transaction_id, paid_at
    if period.status == "paid":
        log.error("renewal %s period %s paid twice (charge %s): refunding it", renewal.id, period.n,
                  charge.out_trade_no)
        _refund(renewal, charge, paid_at, "double_payment")
        return
    if db.session.scalar(sa.select(Policy.status).where(Policy.id == renewal.policy_id)) in ("cancelling",
                                                                                            "cancelled"):
        log.error("renewal %s: charge %s paid period %s of a cancelled policy: refunding it", renewal.id,
                  charge.out_trade_no, period.n)
        _refund(renewal, charge, paid_at, "late_payment")
        return
    previous = db.session.scalars(sa.select(RenewalPeriod).where(
        RenewalPeriod.renewal_id == renewal.id, RenewalPeriod.n == period.n - 1)).one()
    # On time, cover runs on from the previous period's end; late, from the payment: nothing backdated.
    starts = max(previous.ends_at, paid_at)
    if starts > previous.ends_at:
        renewal.anchor_day = beijing_day(starts).day
    period.status, period.paid_at, period.starts_at = "paid", paid_at, starts
    period.ends_at = period_end(starts, renewal.anchor_day)
    policies.set_cover_end(renewal.policy_id, period.ends_at)
    if renewal.status == "retrying":
        renewal.move_to("active")
    db.session.flush()


#: What WeChat Pay tells the payer when a deduction is refunded (one text for everyone: Chinese).
REFUND_DESCRIPTIONS = {"double_payment": "续保重复扣费，原路退回", "late_payment": "保单已退保，续保扣费原路退回"}


def _refund(renewal: Renewal, charge: RenewalCharge, paid_at: dt.datetime, anomaly: str) -> None:
    """A deduction that can buy no cover (its period paid already, the policy cancelled): recorded as a payment of
    the renewal's order with its ``anomaly``, listed for operators like any late or double payment, and refunded."""
    if not charge.transaction_id:
        log.error("renewal %s: charge %s has no transaction id to refund; an operator must", renewal.id,
                  charge.out_trade_no)
        return
    payment = Payment(order_id=renewal.order_id, transaction_id=charge.transaction_id, amount_fen=charge.amount_fen,
                      status="succeeded", paid_at=paid_at, source="renewal", anomaly=anomaly)
    db.session.add(payment)
    db.session.flush()
    refunds.request_refund(payment.id, None, reason=anomaly, description=REFUND_DESCRIPTIONS[anomaly],
                           requested_by="system", note=f"renewal charge {charge.out_trade_no}")


def _failed(charge: RenewalCharge, why: str | None, now: dt.datetime) -> None:
    renewal = db.session.get(Renewal, charge.renewal_id)
    period = db.session.get(RenewalPeriod, charge.period_id)
    charge.status, charge.failure, charge.settled_at = "failed", (why or "")[:200], clock.now()
    if period.status != "paid" and renewal.status in RUNNING and max(
            beijing_day(charge.attempted_at), beijing_day(now)) >= period.estimated_on + CHARGE_TO:
        # Declined on the last day WeChat lets the period be charged: no retry can follow. Renewal lapses now and
        # says so; "we will try again tomorrow" would be untrue (and spend the user's one "allow" on it).
        _end(renewal, "lapsed", "lapsed", now, terminate=True)
        enqueue_after_commit(end_contract, renewal.id)
    elif period.status != "paid" and renewal.status == "active":
        renewal.move_to("retrying")
        notify(renewal, "charge_failed")
    db.session.flush()


events.papay_event.connect(on_papay_event)


# -- ending ---------------------------------------------------------------------------------------

def _end(renewal: Renewal, status: str, reason: str, at: dt.datetime, *, terminate: bool) -> None:
    """Renewal ends: no more charges; cover already paid runs to its end. ``terminate``: ours to end at WeChat."""
    renewal.move_to(status)
    renewal.end_reason, renewal.ended_at = reason, at
    # Ours to end even when no SIGN came: one may have been lost (``terminate_at_wechat`` asks WeChat).
    renewal.terminate_pending = terminate
    db.session.execute(sa.update(RenewalPeriod).where(
        RenewalPeriod.renewal_id == renewal.id, RenewalPeriod.status == "scheduled").values(
        status="lapsed" if status == "lapsed" else "dropped"))
    if reason in NOTICES:
        notify(renewal, reason)
    db.session.flush()


def terminate_at_wechat(renewal: Renewal) -> None:
    """End the contract at WeChat (``MCH_API_TERMINATE``); one ended already counts as done, a refusal leaves it to
    the pass (WeChat unreachable raises ``WeChatUnavailable``: the caller's unit rolls back). Without a SIGN, WeChat
    is asked whether it signed one (its notification lost), once no pre-sign offered can be signed any more."""
    if renewal.contract_id is None and not _signed_unnotified(renewal):
        return
    try:
        pay.papay().terminate(renewal.wechat_plan_id, renewal.out_contract_code,
                              _remark("unsigned" if renewal.status == "unsigned" else renewal.end_reason))
    except pay.PayRequestFailed as refused:
        if refused.err_code not in ("INVALID_REQUEST", *CONTRACT_GONE):
            # A business error, not an outage: what we decided (a stop, a lapse, the age limit) stands, since only
            # we charge; the contract stays to be ended (``terminate_pending``) and the pass asks again. Raising
            # rolled the decision back: a stop was a 500, a lapse never happened.
            log.error("renewal %s: WeChat refused to end contract %s (%s)", renewal.id, renewal.contract_id, refused)
            return
    renewal.terminate_pending = False
    db.session.flush()


def _signed_unnotified(renewal: Renewal) -> bool:
    """Whether WeChat holds a contract in force for a renewal that never had its SIGN (now recorded); False, and
    nothing left to end, when it holds none; False, still to ask, while a pre-sign offered may yet be signed (the
    order's window and a pre-sign's life: ``SIGNING_GRACE``)."""
    expires_at = db.session.scalar(sa.select(Order.expires_at).where(Order.id == renewal.order_id))
    if clock.now() < expires_at + SIGNING_GRACE:
        return False
    contract = pay.papay().query_contract(renewal.wechat_plan_id, renewal.out_contract_code)
    if contract is None or not contract.contract_id or contract.state not in ("SIGNED", "TO_BE_RENEWED"):
        renewal.terminate_pending = False
        db.session.flush()
        return False
    log.warning("renewal %s (%s): its SIGN notification never came; ending WeChat's contract %s", renewal.id,
                renewal.status, contract.contract_id)
    renewal.contract_id, renewal.signed_at = contract.contract_id, contract.signed_at or clock.now()
    return True


def _remark(reason: str | None) -> str:
    return {"lapsed": "续期扣费未完成，自动续保终止", "age_limit": "被保险人超出投保年龄，自动续保终止",
            "cooling_off": "犹豫期内退保，自动续保终止", "full_refund": "保费已全额退还，合同解除，自动续保终止",
            "unsigned": "首月已单独支付，未开通自动续保",
            "unpaid": "订单未支付，自动续保终止"}.get(reason or "", "用户申请关闭自动续保")


def _policy_renewal(user_id: int, policy_no: str, lock: bool = True) -> Renewal:
    policy_id = db.session.scalar(sa.select(Policy.id).where(Policy.policy_no == policy_no,
                                                             Policy.user_id == user_id))
    if policy_id is None:
        raise NotFound(_("We could not find that policy."))
    query = sa.select(Renewal).where(Renewal.policy_id == policy_id)
    return db.session.scalars(query.with_for_update() if lock else query).one_or_none()


def stop(user_id: int, policy_no: str):
    """``DELETE /policies/{no}/renewal``: end auto-renewal through WeChat; cover already paid runs to its end."""
    renewal = _policy_renewal(user_id, policy_no)
    if renewal is None or renewal.status not in RUNNING:
        raise RenewalNotActive(_("This policy is not renewing automatically."))
    _end(renewal, "cancelled", "merchant", clock.now(), terminate=True)
    terminate_at_wechat(renewal)  # WeChat unreachable: 503 and nothing changes; WeChat refusing: stopped here
    return policies.view_in_unit_of_work(renewal.policy_id)


def on_policy_cancelling(policy_id: int, why: str = "cooling_off", **_kwargs) -> None:
    """A cooling-off cancellation (counted from the first issue) refunds the current period, which is
    period 1 (the order's payment: a period lasts at least 28 days) and ends the contract too. So does an
    operator's refund of the order's whole payment in period 1 (``why`` ``full_refund``)."""
    renewal = db.session.scalars(sa.select(Renewal).where(Renewal.policy_id == policy_id)
                                 .with_for_update()).one_or_none()
    if renewal is not None and renewal.status in ("pending", *RUNNING):
        _end(renewal, "cancelled", why, clock.now(), terminate=True)
        enqueue_after_commit(end_contract, renewal.id)


events.policy_cancelling.connect(on_policy_cancelling)


def on_order_closed(order: Order, **_kwargs) -> None:
    """An auto-renew order closed unpaid: its renewal never starts (a contract signed meanwhile is ended)."""
    renewal = _renewal_of_order(order.id, lock=True)
    if renewal is not None and renewal.status == "pending":
        _end(renewal, "cancelled", "unpaid", clock.now(), terminate=True)


events.order_closed.connect(on_order_closed)


@job
def end_contract(renewal_id: int) -> str:
    """End at WeChat a contract we stopped (the pass does it too, if this job is lost or WeChat is down)."""
    renewal = db.session.scalars(sa.select(Renewal).where(Renewal.id == renewal_id).with_for_update()).one_or_none()
    if renewal is None or not renewal.terminate_pending:
        return "nothing"
    terminate_at_wechat(renewal)
    return "pending" if renewal.terminate_pending else "terminated"


# -- the pass: one renewal at a time --------------------------------------------------------------

def running_ids() -> list[int]:
    """The renewals the pass looks at: those still renewing, those still to be terminated at WeChat, and those
    with a charge not yet settled (renewal may stop while WeChat is taking the money: its result is still ours)."""
    return list(db.session.scalars(sa.select(Renewal.id).where(sa.or_(
        Renewal.status.in_(RUNNING), Renewal.terminate_pending.is_(True),
        sa.exists().where(RenewalCharge.renewal_id == Renewal.id, RenewalCharge.status == "submitted"),
        _sign_overdue())).order_by(Renewal.id)))


#: How long a paid renewal whose SIGN never came is asked about (past it period 2 could not be booked anyway).
SIGN_ASKED_FOR = dt.timedelta(days=62)


def _sign_overdue() -> sa.ColumnElement:
    """Signing paid the first month (the policy is issued) and the SIGN notification has not come."""
    return sa.and_(Renewal.status == "pending", Renewal.policy_id.is_not(None), Renewal.contract_id.is_(None),
                   Renewal.created_at > clock.now() - SIGN_ASKED_FOR)


def _ask_for_contract(renewal: Renewal, now: dt.datetime) -> bool:
    """A paid renewal still waiting for its SIGN asks WeChat about its contract and applies what it finds as the
    notification would have; whether it runs now."""
    contract = pay.papay().query_contract(renewal.wechat_plan_id, renewal.out_contract_code)
    if contract is None or not contract.contract_id or contract.state not in ("SIGNED", "TO_BE_RENEWED", "TERMINATED"):
        return False
    log.warning("renewal %s: its SIGN notification never came; WeChat holds contract %s (%s)", renewal.id,
                contract.contract_id, contract.state)
    renewal.contract_id, renewal.signed_at = contract.contract_id, contract.signed_at or now
    if contract.state == "TERMINATED":
        _end(renewal, "cancelled", END_REASONS.get(contract.termination_mode or "", "user"),
             contract.terminated_at or now, terminate=False)
        return False
    renewal.move_to("active")
    db.session.flush()
    return True


def _lock_renewal(renewal_id: int) -> Renewal:
    """The renewal's row, locked and read afresh: whatever decides to charge (or moves its status) takes it before
    any of its charges' rows, as a stop and a TERMINATE take it to end renewal."""
    return db.session.scalars(sa.select(Renewal).where(Renewal.id == renewal_id).with_for_update()
                              .execution_options(populate_existing=True)).one()


def _paid_periods(renewal_id: int) -> list[RenewalPeriod]:
    return list(db.session.scalars(sa.select(RenewalPeriod).where(
        RenewalPeriod.renewal_id == renewal_id, RenewalPeriod.status == "paid").order_by(RenewalPeriod.n)))


def reconcile(renewal_id: int, now: dt.datetime) -> str:
    """Charges recorded but not settled (a crash between "charged" and "recorded", or a notification still on
    its way) are asked about at any hour, whether or not the renewal still runs. One WeChat never received is
    sent again under the same number while the renewal runs, inside WeChat's charging hours and its period's
    window (sent outside them WeChat refuses it, and the refusal would fail a charge nobody declined); it waits
    for the hours, and is failed once the window has closed or the renewal has ended (nothing is charged after
    a stop)."""
    outcome = "nothing"
    renewal = _lock_renewal(renewal_id)  # a stop committing meanwhile waits, or is seen
    for charge in db.session.scalars(sa.select(RenewalCharge).where(
            RenewalCharge.renewal_id == renewal_id, RenewalCharge.status == "submitted").with_for_update()).all():
        found = pay.papay().query_deduction(charge.out_trade_no)
        if found is None:
            period = db.session.get(RenewalPeriod, charge.period_id)
            if renewal.status not in RUNNING or beijing_day(now) > period.estimated_on + CHARGE_TO:
                # Settled as never made: nobody was declined, so no "charge failed" notice (the step lapses a
                # period whose window closed, and says so).
                _not_sent(charge)
                outcome = "reconciled"
            elif _within(clock.now(), CHARGE_HOURS):
                submit(charge.id)
                outcome = "resubmitted"
        else:
            apply_result(charge, found, now)
            outcome = "reconciled"
    return outcome


@dataclass
class Step:
    """What the pass did for one renewal; ``charge_id``: a charge recorded, to submit in a unit of its own."""

    outcome: str
    charge_id: int | None = None


def step(renewal_id: int, now: dt.datetime) -> Step:
    """One renewal's due work at ``now``: terminate, stop at the age limit, renew the contract, schedule,
    charge (recorded first), or lapse."""
    renewal = db.session.scalars(sa.select(Renewal).where(Renewal.id == renewal_id).with_for_update()
                                 .execution_options(populate_existing=True)).one()
    if renewal.terminate_pending:
        terminate_at_wechat(renewal)
        return Step("nothing" if renewal.terminate_pending or renewal.contract_id is None else "terminated")
    if renewal.status == "pending" and renewal.policy_id is not None and renewal.contract_id is None:
        if not _ask_for_contract(renewal, now):
            return Step("nothing")
    if renewal.status not in RUNNING or renewal.contract_id is None:
        return Step("nothing")
    today = beijing_day(now)
    last = _paid_periods(renewal.id)[-1]
    n = last.n + 1
    due = last_covered_day(last.ends_at)
    estimated = estimated_on(renewal.first_day, n)
    period = db.session.scalars(sa.select(RenewalPeriod).where(
        RenewalPeriod.renewal_id == renewal.id, RenewalPeriod.n == n)).one_or_none()
    if period is None:
        if today > estimated + SCHEDULE_TO:
            # Too late even to book it (the pass did not run in time): the month was owed and went unpaid, so it
            # is kept, lapsed, and counts in the renewal rate like a period whose charges all failed.
            db.session.add(RenewalPeriod(renewal_id=renewal.id, n=n, estimated_on=estimated,
                                         amount_fen=renewal.amount_fen, status="lapsed"))
            return _lapse(renewal, now)
        # Booked a day before cover runs out, but inside WeChat's window for the period whatever: after a late
        # payment (its period started then) cover runs out after WeChat's window has closed, and a period not
        # booked in it is dead. Paid early, it still starts where the one before ends (nothing is given twice).
        if today < min(max(due, estimated) + SCHEDULE_FROM, estimated + SCHEDULE_TO) \
                or not _within(now, SCHEDULE_HOURS):
            return Step("nothing")
        if _past_age_limit(renewal, last.ends_at):
            _end(renewal, "cancelled", "age_limit", now, terminate=True)
            terminate_at_wechat(renewal)
            return Step("age_limit")
        if n >= renewal.contract_periods:
            _renew_contract(renewal, now)
        pay.papay().schedule(renewal.contract_id, n, renewal.amount_fen)
        db.session.add(RenewalPeriod(renewal_id=renewal.id, n=n, estimated_on=estimated,
                                     amount_fen=renewal.amount_fen, status="scheduled", scheduled_on=today))
        db.session.flush()
        return Step("scheduled")
    if today > estimated + CHARGE_TO:
        return _lapse(renewal, now)
    if today <= period.scheduled_on or today < min(due, estimated + CHARGE_TO) or not _within(now, CHARGE_HOURS):
        return Step("nothing")
    attempts = db.session.scalars(sa.select(RenewalCharge).where(RenewalCharge.period_id == period.id)).all()
    if any(a.status == "submitted" or beijing_day(a.attempted_at) == today for a in attempts):
        return Step("nothing")  # at most one attempt a day
    charge = RenewalCharge(renewal_id=renewal.id, period_id=period.id, amount_fen=period.amount_fen,
                           out_trade_no="RCD" + clock.to_shanghai(now).strftime("%Y%m%d") + secrets.token_hex(8),
                           status="submitted", attempted_at=now)
    db.session.add(charge)
    db.session.flush()
    return Step("charging", charge.id)


def submit(charge_id: int) -> str:
    """Ask WeChat to charge a recorded attempt; a refusal (a window, a limit) settles it, to retry tomorrow, and is
    not the payer's failure.

    Time passes during a pass: the clock is read again just before WeChat is asked, and a charge that would reach
    WeChat at its closing hour is not sent (settled ``NOT_SENT``, no notice: tomorrow's pass charges the period). A
    refusal that comes anyway (WeChat's clock ahead of ours) is settled ``REFUSED``, without a notice either.

    The renewal's row is locked and its status read again before WeChat is asked: a stop (the user's, a TERMINATE,
    a cooling-off cancellation) that committed since the charge was recorded settles it ``NOT_SENT``, and one
    under way waits for the charge's unit of work (nothing is charged after a stop)."""
    renewal_id = db.session.scalar(sa.select(RenewalCharge.renewal_id).where(RenewalCharge.id == charge_id))
    renewal = _lock_renewal(renewal_id)
    charge = db.session.scalars(sa.select(RenewalCharge).where(RenewalCharge.id == charge_id).with_for_update()
                                .execution_options(populate_existing=True)).one()
    if charge.status != "submitted":
        return "nothing"
    if renewal.status not in RUNNING or renewal.terminate_pending:
        _not_sent(charge)
        return "stopped"
    if not _within(clock.now(), CHARGE_HOURS):
        _not_sent(charge)
        return "held"
    period = db.session.get(RenewalPeriod, charge.period_id)
    # The policy renewed, by the names it was sold under: an operator may have renamed the product or plan since.
    sold = db.session.execute(sa.select(Policy.product_name_zh, Policy.plan_name_zh)
                              .where(Policy.id == renewal.policy_id)).one()
    try:
        pay.papay().apply(t.DeductionRequest(
            contract_id=renewal.contract_id, policy_period_id=period.n, out_trade_no=charge.out_trade_no,
            amount=charge.amount_fen, description=DEDUCTION_DESCRIPTION.format(product=sold.product_name_zh,
                                                                              plan=sold.plan_name_zh)))
    except pay.PayRequestFailed as refused:
        # WeChat turned the request down before charging anyone (its hours or window by its own clock, a limit, a
        # contract it ended): the payer declined nothing (a payment that fails comes as TRANSACTION.FAIL), so no
        # "charge failed" notice and no retrying; the next day's pass tries again inside the window.
        log.error("renewal %s: WeChat refused charge %s (%s)", renewal.id, charge.out_trade_no, refused)
        _not_sent(charge, f"REFUSED {refused.err_code}: {refused.message or ''}")
        return "refused"
    return "submitted"


def _not_sent(charge: RenewalCharge, why: str = "NOT_SENT") -> None:
    """A charge WeChat never took (never sent, or refused before charging): nobody was declined, so no notice."""
    charge.status, charge.failure, charge.settled_at = "failed", why[:200], clock.now()
    db.session.flush()


def _lapse(renewal: Renewal, now: dt.datetime) -> Step:
    """WeChat's window closed with the period unpaid: that period is dead, renewal lapses, the contract ends."""
    _end(renewal, "lapsed", "lapsed", now, terminate=True)
    terminate_at_wechat(renewal)
    return Step("lapsed")


def _renew_contract(renewal: Renewal, now: dt.datetime) -> None:
    """Before the contract's periods run out, add as many as WeChat allows (12 outstanding).

    WeChat may hold them already while our count does not: the renewal went through and its answer was lost,
    or the step failed after it (scheduling, say) and its unit of work rolled the count back. Renewing again
    would be refused on every pass (WeChat numbers on from its last period) and the next period would lapse
    unbooked; so WeChat is asked first, and the periods it holds are counted."""
    outstanding = renewal.contract_periods - len(_paid_periods(renewal.id))
    count = CONTRACT_PERIODS - outstanding
    if count <= 0:
        return
    papay = pay.papay()
    held = 0
    while held < count and papay.query_period(renewal.contract_id, renewal.contract_periods + held + 1):
        held += 1
    if held:
        log.warning("renewal %s: WeChat holds periods %s-%s already", renewal.id, renewal.contract_periods + 1,
                    renewal.contract_periods + held)
        renewal.contract_periods += held
    else:
        papay.renew(renewal.wechat_plan_id, renewal.contract_id,
                    _periods(renewal.first_day, renewal.contract_periods + 1, count, renewal.amount_fen))
        renewal.contract_periods += count
    db.session.flush()


def _past_age_limit(renewal: Renewal, next_start: dt.datetime) -> bool:
    """Whether the insured would be past the plan's age limit when the next period starts."""
    row = db.session.execute(sa.select(Policy.insured_id_encrypted, Plan.age_max).join(
        Plan, Plan.id == Policy.plan_id).where(Policy.id == renewal.policy_id)).one()
    if not row.insured_id_encrypted:
        return False
    birth = insured_rules.birth_date_of(pii.decrypt(row.insured_id_encrypted))
    insured = insured_rules.Insured(name="", id_number="", birth_date=birth)
    return insured.age_on(beijing_day(next_start)) > row.age_max


# -- telling the user -----------------------------------------------------------------------------

#: What each notice says (the message's ``thing`` keyword: at most 20 characters).
NOTICES = {
    "charge_failed": N_("Renewal charge failed; we will try again tomorrow"),
    "lapsed": N_("Renewal charge not completed; auto-renewal ended"),
    "age_limit": N_("Insured past the plan's age limit; auto-renewal ended"),
    "cooling_off": N_("Policy cancelled; auto-renewal ended"),
    "full_refund": N_("Policy cancelled; auto-renewal ended"),
    "customer_service": N_("Auto-renewal ended"),
    "system": N_("Auto-renewal ended"),
}
#: Keywords of the renewal-notice template picked in WeChat's console.
NOTICE_KEYS = {"policy_no": "character_string1", "status": "thing2", "amount": "amount3", "time": "time4"}


def notify(renewal: Renewal, kind: str) -> None:
    """A subscribe message to the user (charge failed, lapsed, stopped at the age limit, ...), after commit,
    when they allowed one; the mini-program shows the renewal's status either way."""
    enqueue_after_commit(send_notice, renewal.id, kind, clock.now().isoformat(),
                         job_id=f"renewal-notice-{renewal.id}-{kind}-{beijing_day(clock.now()).isoformat()}")


@job
def send_notice(renewal_id: int, kind: str, at: str) -> str:
    """Send one renewal notice if the user allowed one (spending that opt-in); "no_template", "no_opt_in",
    "sent" or "undeliverable"."""
    tid = current_app.config["WECHAT_SUBSCRIBE_TEMPLATES"].get(NOTICE_TEMPLATE)
    renewal = db.session.get(Renewal, renewal_id)
    if not tid or renewal is None:
        return "no_template"
    if not messages.use_opt_in(renewal.user_id, tid):
        return "no_opt_in"
    user = users.get_user(renewal.user_id)
    policy_no = policies.policy_no_of(renewal.policy_id) or ""
    with in_language(user.language):
        data = {NOTICE_KEYS["policy_no"]: {"value": policy_no}, NOTICE_KEYS["status"]: {"value": _(NOTICES[kind])},
                NOTICE_KEYS["amount"]: {"value": yuan(renewal.amount_fen)},
                NOTICE_KEYS["time"]: {"value": clock.to_shanghai(dt.datetime.fromisoformat(at)).strftime(
                    "%Y-%m-%d %H:%M")}}
    try:
        wechat.send_subscribe_message(user.openid, tid, data, page=f"pages/policy/policy?no={policy_no}")
    except WeChatUnavailable as refused:
        if refused.errcode in (messages.ERRCODE_NO_OPT_IN, messages.ERRCODE_INVALID_OPENID):
            return "undeliverable"
        raise
    return "sent"


# -- what the policy shows ------------------------------------------------------------------------

def renewal_view(policy_id: int) -> dict | None:
    """The policy's ``renewal``: null for a policy that does not renew (or was paid without signing)."""
    renewal = db.session.scalars(sa.select(Renewal).where(Renewal.policy_id == policy_id)).one_or_none()
    if renewal is None or renewal.status == "unsigned":
        return None
    periods = db.session.scalars(sa.select(RenewalPeriod).where(RenewalPeriod.renewal_id == renewal.id)
                                 .order_by(RenewalPeriod.n)).all()
    paid = [p for p in periods if p.status == "paid"]
    next_charge_on = None
    if renewal.status in RUNNING and paid:
        # The day the pass first charges the next period: its due day, but inside WeChat's window (not before the
        # estimated date, not after its +29): cover that runs out after the window (earlier months paid late) is
        # charged on the window's last day.
        estimated = estimated_on(renewal.first_day, paid[-1].n + 1)
        next_charge_on = min(max(last_covered_day(paid[-1].ends_at), estimated), estimated + CHARGE_TO)
        if renewal.status == "retrying":
            next_charge_on = max(next_charge_on, beijing_day(clock.now()) + dt.timedelta(days=1))
        next_charge_on = next_charge_on.isoformat()
    return {"status": renewal.status, "contract_id": renewal.contract_id, "next_charge_on": next_charge_on,
            "amount_fen": renewal.amount_fen, "end_reason": renewal.end_reason,
            "periods": [{"n": p.n, "starts_at": clock.isoformat(p.starts_at), "ends_at": clock.isoformat(p.ends_at),
                         "amount_fen": p.amount_fen, "status": p.status} for p in periods]}


def _renewing(policy_id: sa.ColumnElement) -> sa.ColumnElement:
    """The policy has a signed renewal (the lookup's own statement asks, so a policy that does not renew costs no
    second query)."""
    return sa.exists().where(Renewal.policy_id == policy_id, Renewal.status != "unsigned")


policies.declare_renewal_view(_renewing, renewal_view)


def covered_by_paid_periods(policy_id: int, moment: dt.datetime) -> bool | None:
    """For claims: a renewing policy covers only its paid periods (a late charge leaves a gap); None when the
    policy has no periods to judge by."""
    periods = db.session.execute(sa.select(RenewalPeriod.starts_at, RenewalPeriod.ends_at).join(
        Renewal, Renewal.id == RenewalPeriod.renewal_id).where(
        Renewal.policy_id == policy_id, RenewalPeriod.status == "paid")).all()
    if not periods:
        return None
    return any(start <= moment < end for start, end in periods)


policies.declare_cover_rule(covered_by_paid_periods)


def paid_period_at(policy_id: int, moment: dt.datetime) -> tuple[dt.datetime, dt.datetime] | None:
    """For claims: the paid period holding ``moment``. Each is a period of cover of its own, with its own sum
    insured (the clause: 保险期间为一个月, each successful charge renews the cover for another period)."""
    row = db.session.execute(sa.select(RenewalPeriod.starts_at, RenewalPeriod.ends_at).join(
        Renewal, Renewal.id == RenewalPeriod.renewal_id).where(
        Renewal.policy_id == policy_id, RenewalPeriod.status == "paid", RenewalPeriod.starts_at <= moment,
        RenewalPeriod.ends_at > moment).limit(1)).first()
    return None if row is None else (row.starts_at, row.ends_at)


policies.declare_cover_periods(paid_period_at)


# -- admin ----------------------------------------------------------------------------------------

def for_admin(*, order_id: int | None = None, policy_id: int | None = None):
    """(renewal, periods, charges) for the admin's order or policy page; None when it has no renewal."""
    query = sa.select(Renewal)
    query = query.where(Renewal.order_id == order_id) if order_id is not None else query.where(
        Renewal.policy_id == policy_id)
    renewal = db.session.scalars(query).one_or_none()
    if renewal is None:
        return None
    periods = db.session.scalars(sa.select(RenewalPeriod).where(RenewalPeriod.renewal_id == renewal.id)
                                 .order_by(RenewalPeriod.n)).all()
    charges = db.session.scalars(sa.select(RenewalCharge).where(RenewalCharge.renewal_id == renewal.id)
                                 .order_by(RenewalCharge.id)).all()
    return renewal, periods, charges


def validate_request(plan: Plan, coupon_id: int | None) -> None:
    """422 ``auto_renew_not_available`` for a plan that does not renew; 422 ``auto_renew_with_coupon`` with a
    coupon (a lower first period needs WeChat Pay's approval)."""
    if not offers(plan):
        raise ValidationFailed.for_field("auto_renew", _("This plan cannot renew automatically."),
                                         code="auto_renew_not_available")
    if coupon_id is not None:
        raise ValidationFailed.for_field(
            "coupon_id", _("Coupons cannot be used with auto-renewal: turn auto-renewal off to use the coupon."),
            code="auto_renew_with_coupon")


def _replayed_contract(order: Order) -> dict | None:
    """An idempotent replay of the order answers it as it is: no contract when WeChat will not pre-sign one now."""
    try:
        return fresh_contract(order)
    except (ContractSignedUnpaid, ContractLimit):
        return None


purchases.declare_renewal_signer(purchases.RenewalSigner(
    check=validate_request, sign=sign_with_first_payment, fresh=_replayed_contract))
