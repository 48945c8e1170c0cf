"""WeChat Pay's insurance contract deduction (保险委托代扣, API v3 only) in our terms.

What the client (``papay.PapayClient``) sends and answers, and the typed events its
notifications carry: ``ContractEvent`` for INSURANCE_ENTRUST.SIGN / .TERMINATE / .RENEW,
``DeductionEvent`` for the TRANSACTION.SUCCESS / .FAIL of a deduction (``trade_type``
``PAP``). Parsing the wire dicts lives here, beside the types, so the v3 gateway can read
a notification's resource without importing the client. Wire formats: docs/wechat.md,
"Insurance contract deduction".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from app.core import clock
from app.wechat.pay.types import wechat_id

#: The contract events WeChat sends to ``contract_notify_url``.
CONTRACT_EVENTS = frozenset({"INSURANCE_ENTRUST.SIGN", "INSURANCE_ENTRUST.TERMINATE", "INSURANCE_ENTRUST.RENEW"})
#: The deduction results WeChat sends to ``transaction_notify_url``.
DEDUCTION_EVENTS = frozenset({"TRANSACTION.SUCCESS", "TRANSACTION.FAIL"})
#: A deduction's ``trade_type`` (wechatpay.im, TRANSACTION.SUCCESS#INSURANCE_ENTRUST): what tells one
#: from the user's own JSAPI payment, which the first period is (it is paid while signing).
DEDUCTION_TRADE_TYPE = "PAP"

#: Who ended a contract (``contract_terminate_info.contract_termination_mode``).
USER_TERMINATE = "USER_TERMINATE"  # the user, in WeChat's own settings
MCH_API_TERMINATE = "MCH_API_TERMINATE"  # we did, through the terminate API
WEPAY_WEB_TERMINATE = "WEPAY_WEB_TERMINATE"  # someone on our merchant platform
CUSTOMER_SERVICE_TERMINATE = "CUSTOMER_SERVICE_TERMINATE"  # the user, through WeChat Pay's customer service
SYSTEM_TERMINATE = "SYSTEM_TERMINATE"  # WeChat Pay itself (an account closed, say)


# -- requests -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PolicyPeriod:
    """One deduction period of a contract: its number (from 1), when and how much WeChat expects."""

    policy_period_id: int
    estimated_deduct_date: dt.date
    estimated_deduct_amount: int

    def wire(self) -> dict:
        return {"policy_period_id": self.policy_period_id,
                "estimated_deduct_date": self.estimated_deduct_date.isoformat(),
                "estimated_deduct_amount": {"total": self.estimated_deduct_amount, "currency": "CNY"}}


@dataclass(frozen=True)
class FirstPayment:
    """The first period, paid while signing: one payment, the order's own number."""

    out_trade_no: str
    amount: int
    description: str


@dataclass(frozen=True)
class PreSignRequest:
    """A mini-program pre-sign (``pre-entrust-sign/mini-program``); the notify URLs are the client's."""

    openid: str
    plan_id: int
    out_contract_code: str
    #: Masked, as WeChat shows it on the signing page (``**明``).
    insured_display_name: str
    policy_start_date: dt.date
    policy_end_date: dt.date
    policy_periods: tuple[PolicyPeriod, ...]
    first_payment: FirstPayment | None = None
    #: The contract may be renewed (``renew``) when its periods run out.
    can_auto_insure: bool = True
    attach: str | None = None


@dataclass(frozen=True)
class DeductionRequest:
    """A charge of one scheduled period (``insurance-pay/transactions/apply``)."""

    contract_id: str
    policy_period_id: int
    out_trade_no: str
    amount: int
    description: str
    attach: str | None = None


# -- answers --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PreSign:
    """What ``wx.navigateToMiniProgram`` needs: ``appId=redirect_appid``, ``path=redirect_path``,
    ``extraData={pre_entrustweb_id}``. WeChat keeps the session 10 minutes."""

    pre_entrustweb_id: str
    redirect_appid: str
    redirect_path: str


@dataclass(frozen=True)
class Contract:
    """A contract as WeChat describes it (query, terminate, and the INSURANCE_ENTRUST.* events)."""

    contract_id: str
    out_contract_code: str
    plan_id: int | None
    #: SIGNED, TERMINATED, SIGN_FAILED or TO_BE_RENEWED.
    state: str
    openid: str | None
    appid: str | None
    mch_id: str | None
    signed_at: dt.datetime | None = None
    expires_at: dt.datetime | None = None
    terminated_at: dt.datetime | None = None
    #: Who ended it (``USER_TERMINATE``, ``MCH_API_TERMINATE``, ...), once TERMINATED.
    termination_mode: str | None = None
    termination_remark: str | None = None
    insured_display_name: str | None = None
    raw: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class PeriodState:
    """A period at WeChat: NO_SCHEDULED, SCHEDULED (a failed charge leaves it so), PAID or EXPIRED."""

    policy_period_id: int
    state: str
    deduct_start_date: dt.date | None = None
    deduct_end_date: dt.date | None = None
    scheduled_amount: int | None = None
    deduct_amount: int | None = None
    deduct_date: dt.date | None = None
    raw: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class DeductionAccepted:
    """WeChat took the charge; its result comes as TRANSACTION.SUCCESS / .FAIL (or ``query_deduction``)."""

    out_trade_no: str
    amount: int | None


@dataclass(frozen=True)
class Deduction:
    """A deduction (or the first payment) at WeChat: ``trade_state`` SUCCESS, ACCEPT, PAY_FAIL, REFUND, ..."""

    out_trade_no: str
    trade_state: str
    transaction_id: str | None
    amount: int | None
    paid_at: dt.datetime | None
    openid: str | None
    #: WeChat's words for a failure (the sandbox names NOTENOUGH there for a balance too low).
    trade_state_desc: str | None = None
    raw: dict = field(default_factory=dict, compare=False)

    @property
    def succeeded(self) -> bool:
        return self.trade_state == "SUCCESS"


# -- events ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ContractEvent:
    """INSURANCE_ENTRUST.SIGN, .TERMINATE or .RENEW, verified and decrypted."""

    event_type: str
    notification_id: str | None
    contract: Contract
    #: The sandbox's time travel (``X-Sandbox-Now`` on its delivery); None from WeChat itself.
    sandbox_now: dt.datetime | None = None

    @property
    def out_trade_no(self) -> str | None:
        return None

    @property
    def transaction_id(self) -> str | None:
        return None


@dataclass(frozen=True)
class DeductionEvent:
    """TRANSACTION.SUCCESS or .FAIL of a deduction, verified and decrypted."""

    event_type: str
    notification_id: str | None
    deduction: Deduction
    mch_id: str | None = None
    appid: str | None = None
    sandbox_now: dt.datetime | None = None

    @property
    def out_trade_no(self) -> str | None:
        return self.deduction.out_trade_no

    @property
    def transaction_id(self) -> str | None:
        return self.deduction.transaction_id


PapayEvent = ContractEvent | DeductionEvent


def is_papay(event_type: str, resource: Mapping) -> bool:
    """Whether a verified v3 notification belongs to contract deduction (not to an ordinary payment)."""
    return event_type in CONTRACT_EVENTS or (
        event_type in DEDUCTION_EVENTS and resource.get("trade_type") == DEDUCTION_TRADE_TYPE)


def papay_event(event_type: str, resource: Mapping, *, notification_id: str | None = None,
                sandbox_now: dt.datetime | None = None) -> PapayEvent:
    """A verified notification's resource as a typed event (``is_papay`` must hold)."""
    if event_type in CONTRACT_EVENTS:
        return ContractEvent(event_type, notification_id, contract_from(resource), sandbox_now)
    return DeductionEvent(event_type, notification_id, deduction_from(resource), mch_id=_text(resource.get("mchid")),
                          appid=_text(resource.get("appid")), sandbox_now=sandbox_now)


# -- wire dicts to types --------------------------------------------------------------------------

def contract_from(resource: Mapping) -> Contract:
    terminated = resource.get("contract_terminate_info")
    terminated = terminated if isinstance(terminated, Mapping) else {}
    plan_id = resource.get("plan_id")
    return Contract(
        contract_id=wechat_id(resource.get("contract_id")) or "",  # "" (missing) for one no column holds
        out_contract_code=str(resource.get("out_contract_code") or ""),
        plan_id=plan_id if isinstance(plan_id, int) and not isinstance(plan_id, bool) else None,
        state=str(resource.get("contract_state") or ""),
        openid=_text(resource.get("openid")), appid=_text(resource.get("appid")), mch_id=_text(resource.get("mchid")),
        signed_at=parse_time(resource.get("contract_signed_time")),
        expires_at=parse_time(resource.get("contract_expired_time")),
        terminated_at=parse_time(terminated.get("contract_terminated_time")),
        termination_mode=_text(terminated.get("contract_termination_mode")),
        termination_remark=_text(terminated.get("contract_termination_remark")),
        insured_display_name=_text(resource.get("insured_display_name")),
        raw=dict(resource),
    )


def period_from(answer: Mapping) -> PeriodState:
    return PeriodState(
        policy_period_id=_int(answer.get("policy_period_id")) or 0,
        state=str(answer.get("policy_period_state") or ""),
        deduct_start_date=parse_date(answer.get("deduct_start_date")),
        deduct_end_date=parse_date(answer.get("deduct_end_date")),
        scheduled_amount=amount_of(answer.get("scheduled_amount")),
        deduct_amount=amount_of(answer.get("deduct_amount")),
        deduct_date=parse_date(answer.get("deduct_date")),
        raw=dict(answer),
    )


def deduction_from(transaction: Mapping) -> Deduction:
    payer = transaction.get("payer") if isinstance(transaction.get("payer"), Mapping) else {}
    return Deduction(
        out_trade_no=str(transaction.get("out_trade_no") or ""),
        trade_state=str(transaction.get("trade_state") or ""),
        transaction_id=wechat_id(transaction.get("transaction_id")),
        amount=amount_of(transaction.get("amount")),
        paid_at=parse_time(transaction.get("success_time")),
        openid=_text(payer.get("openid")),
        trade_state_desc=_text(transaction.get("trade_state_desc") or transaction.get("trade_state_description")),
        raw=dict(transaction),
    )


def parse_time(value) -> dt.datetime | None:
    """WeChat's RFC 3339 time (``2026-11-26T10:45:00+08:00``) as aware UTC; None if absent or unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
        return moment.astimezone(clock.UTC) if moment.tzinfo else None
    except (ValueError, OverflowError):  # OverflowError: a time UTC cannot hold (year 1 at +14:00)
        return None


def parse_date(value) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def amount_of(value) -> int | None:
    """An ``{"total": fen, "currency": "CNY"}`` object's fen; None for any other currency or shape."""
    if not isinstance(value, Mapping) or value.get("currency", "CNY") != "CNY":
        return None
    return _int(value.get("total"))


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None
