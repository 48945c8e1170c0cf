"""WeChat Pay in our terms: what both API versions answer, and the interface both implement.

The money core speaks only these types. ``v2`` (XML, MD5 or HMAC-SHA256) and ``v3`` (JSON,
RSA, AES-GCM) translate WeChat's wire formats into them, so a payment, a refund or a
refusal means the same thing whichever version carried it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol


#: The longest id of WeChat Pay's we keep (a transaction's or a refund's: 28 to 32 characters
#: documented; the columns hold 64).
MAX_WECHAT_ID = 64


def wechat_id(value) -> str | None:
    """A transaction's or refund's id as WeChat Pay gives it: text of 1 to ``MAX_WECHAT_ID``
    characters; None for anything else (a number, an object, a string no column holds), which the
    money core treats as an id missing (a payment is flagged ``no_transaction_id``)."""
    return value if isinstance(value, str) and 0 < len(value) <= MAX_WECHAT_ID else None


class NotificationRejected(Exception):
    """A notification we cannot trust or read: ``reason`` says why (stored with the raw record)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class PayRequestFailed(Exception):
    """WeChat Pay answered a call with a business error (``err_code``), e.g. ORDERPAID on close."""

    def __init__(self, err_code: str | None, message: str | None = None):
        super().__init__(f"{err_code}: {message}")
        self.err_code = err_code
        self.message = message


class PayNotConfigured(RuntimeError):
    """The merchant has no credentials for that Pay version (the message names the variable)."""


@dataclass
class Prepay:
    prepay_id: str
    #: What ``wx.requestPayment`` takes: timeStamp, nonceStr, package, signType, paySign.
    pay_params: dict


@dataclass
class PaymentNotice:
    """A verified payment notification or query answer, in our terms."""

    out_trade_no: str
    transaction_id: str | None
    total_fee: int | None
    appid: str | None
    mch_id: str | None
    succeeded: bool
    paid_at: dt.datetime | None
    openid: str | None = None
    raw: dict = field(default_factory=dict)


@dataclass
class RefundAccepted:
    refund_id: str | None


@dataclass
class RefundResult:
    """A verified refund notification or query answer, in our terms."""

    refund_no: str
    #: SUCCESS; PROCESSING (a query only); CHANGE or ABNORMAL (needs a manual transfer); REFUNDCLOSE (v2) /
    #: CLOSED (v3).
    status: str
    refund_fee: int | None
    wechat_refund_id: str | None
    succeeded_at: dt.datetime | None
    #: The merchant the refund belongs to, where the notification says (v3); v2's parser checks it itself.
    mch_id: str | None = None
    raw: dict = field(default_factory=dict)


@dataclass
class TradeState:
    """An order at WeChat Pay: SUCCESS, NOTPAY, CLOSED, PAYERROR, REFUND, USERPAYING, REVOKED, or NOTFOUND."""

    state: str
    notice: PaymentNotice | None


@dataclass(frozen=True)
class Notification:
    """A verified notification: a payment, a refund, a contract deduction event (v3), or an event we do
    not handle (none of them)."""

    #: v3's event type (TRANSACTION.SUCCESS, REFUND.SUCCESS, ...); v2's notifications are named alike.
    event_type: str
    payment: PaymentNotice | None = None
    refund: RefundResult | None = None
    #: An ``app.wechat.pay.papay_types`` ``ContractEvent`` or ``DeductionEvent``.
    papay: object | None = None

    @property
    def out_trade_no(self) -> str | None:
        if self.payment is not None:
            return self.payment.out_trade_no
        if self.papay is not None:
            return self.papay.out_trade_no
        return self.refund.raw.get("out_trade_no") if self.refund is not None else None

    @property
    def transaction_id(self) -> str | None:
        if self.payment is not None:
            return self.payment.transaction_id
        if self.papay is not None:
            return self.papay.transaction_id
        return self.refund.raw.get("transaction_id") if self.refund is not None else None


#: Refund errors worth submitting again later (WeChat's busy, or the balance is short for now).
#: v3 spells the balance one NOT_ENOUGH (its busy and rate-limited answers raise WeChatUnavailable).
RETRYABLE_REFUND_ERRORS = {"SYSTEMERROR", "BIZERR_NEED_RETRY", "NOTENOUGH", "FREQUENCY_LIMITED", "NOT_ENOUGH", None}


class PayGateway(Protocol):
    """What the money core asks of WeChat Pay, whichever API version answers.

    Calls raise ``PayRequestFailed`` for WeChat's business errors and ``WeChatUnavailable``
    (503) when WeChat cannot be reached or its answer cannot be verified.
    """

    version: str

    def prepay(self, *, out_trade_no: str, total_fee: int, description: str, openid: str, client_ip: str,
               created_at: dt.datetime, expires_at: dt.datetime) -> Prepay:
        """A JSAPI order, and the signed ``wx.requestPayment`` parameters."""

    def query(self, out_trade_no: str) -> TradeState:
        """The order at WeChat Pay (NOTFOUND when WeChat has none)."""

    def close(self, out_trade_no: str) -> None:
        """Close an unpaid order; ``PayRequestFailed("ORDERPAID")`` if it was paid meanwhile."""

    def refund(self, *, out_trade_no: str, transaction_id: str | None, out_refund_no: str, total_fee: int,
               refund_fee: int, reason: str) -> RefundAccepted:
        """Ask for a refund; its result arrives as a notification (or a ``query_refund``)."""

    def query_refund(self, out_refund_no: str) -> RefundResult | None:
        """The refund at WeChat Pay; None when WeChat has none."""

    def parse_notification(self, headers: Mapping[str, str], body: bytes) -> Notification:
        """Verify a notification as it arrived and read it; ``NotificationRejected`` if untrustworthy."""


#: Where WeChat Pay delivers each version's notifications, under ``PUBLIC_BASE_URL``
#: (``app.payments.routes`` serves these paths). v3 sends every event to one URL.
NOTIFY_PATHS = {
    "v2": {"payment": "/webhooks/wechatpay/notify", "refund": "/webhooks/wechatpay/refund-notify"},
    "v3": {"payment": "/webhooks/wechatpay/v3/notify", "refund": "/webhooks/wechatpay/v3/notify",
           # Contract deduction (v3 only): contract_notify_url and transaction_notify_url.
           "contract": "/webhooks/wechatpay/v3/notify", "deduction": "/webhooks/wechatpay/v3/notify"},
}


def notify_url(config: Mapping, version: str, kind: str) -> str:
    """The URL WeChat Pay is told to notify: built here alone, for every call that names one."""
    return config["PUBLIC_BASE_URL"] + NOTIFY_PATHS[version][kind]
