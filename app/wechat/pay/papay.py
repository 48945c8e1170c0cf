"""WeChat Pay's insurance contract deduction (保险委托代扣), API v3 whatever ``WECHAT_PAY_VERSION`` says.

A merchant holds its v2 and v3 keys side by side, and this product exists in v3 only, so
the client is built on the v3 gateway's keys and transport (``PayV3Gateway.call``: the
``WECHATPAY2-SHA256-RSA2048`` request signature, our session with the sandbox mounted,
every answer verified against ``WECHAT_PAY_PLATFORM_KEYS``). It never decides anything:
the renewal rules (what to schedule when, what to charge) belong to the feature that uses
it. Notifications are verified and decrypted like every v3 one (``v3.open_notification``)
and read into ``papay_types`` events. docs/wechat.md, "Insurance contract deduction".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from urllib.parse import quote

from app.wechat.pay import papay_types as t
from app.wechat.pay.types import NotificationRejected, PayRequestFailed, notify_url
from app.wechat.pay.v3 import PayV3Gateway

#: WeChat's answer to a query for a contract or deduction it does not hold.
NOT_FOUND_CODES = {"RESOURCE_NOT_EXISTS", "ORDER_NOT_EXIST", "CONTRACT_NOT_EXIST"}


class PapayClient:
    """Pre-sign, schedule, charge, terminate, query and renew; notifications into typed events."""

    def __init__(self, config: Mapping, transports: Mapping = ()):
        self.config = config
        self._v3 = PayV3Gateway(config, transports)
        self.contract_notify_url = notify_url(config, "v3", "contract")
        self.transaction_notify_url = notify_url(config, "v3", "deduction")

    # -- signing --------------------------------------------------------------------------

    def pre_sign(self, request: t.PreSignRequest) -> t.PreSign:
        """A mini-program pre-sign (valid 10 minutes); with ``first_payment`` signing pays period 1."""
        body = {
            "appid": self.config["WECHAT_APPID"], "openid": request.openid, "plan_id": request.plan_id,
            "out_contract_code": request.out_contract_code, "insured_display_name": request.insured_display_name,
            "contract_notify_url": self.contract_notify_url,
            "policy_start_date": request.policy_start_date.isoformat(),
            "policy_end_date": request.policy_end_date.isoformat(),
            "policy_periods": [period.wire() for period in request.policy_periods],
            "can_auto_insure": request.can_auto_insure,
        }
        if request.first_payment is not None:
            body.update(amount={"total": request.first_payment.amount, "currency": "CNY"},
                        out_trade_no=request.first_payment.out_trade_no,
                        description=request.first_payment.description[:127],
                        transaction_notify_url=self.transaction_notify_url)
        if request.attach:
            body["attach"] = request.attach
        answer = self._v3.call("POST", "/v3/papay/insurance-sign/contracts/pre-entrust-sign/mini-program", body)
        return t.PreSign(pre_entrustweb_id=str(answer.get("pre_entrustweb_id") or ""),
                         redirect_appid=str(answer.get("redirect_appid") or ""),
                         redirect_path=str(answer.get("redirect_path") or ""))

    # -- each period ----------------------------------------------------------------------

    def schedule(self, contract_id: str, policy_period_id: int, amount: int) -> t.PeriodState:
        """Book a period's charge (estimated date −1 to +28 days, 08:00–19:30 Beijing); WeChat then sends
        the user a pre-deduction notice."""
        answer = self._v3.call("POST", f"{_period_path(contract_id, policy_period_id)}/schedule", {
            "appid": self.config["WECHAT_APPID"], "scheduled_amount": {"total": amount, "currency": "CNY"}})
        return t.period_from(answer)

    def query_period(self, contract_id: str, policy_period_id: int) -> t.PeriodState | None:
        """A period as WeChat holds it; None when the contract holds no such period (or WeChat has no contract)."""
        try:
            return t.period_from(self._v3.call("GET", _period_path(contract_id, policy_period_id)))
        except PayRequestFailed as failed:
            if failed.err_code in NOT_FOUND_CODES:
                return None
            raise

    def apply(self, request: t.DeductionRequest) -> t.DeductionAccepted:
        """Charge a scheduled period (from the day after scheduling to the estimated date +29, 08:00–20:00);
        the result comes as TRANSACTION.SUCCESS / .FAIL. Each attempt needs its own ``out_trade_no``."""
        body = {
            "appid": self.config["WECHAT_APPID"], "out_trade_no": request.out_trade_no,
            "description": request.description[:127], "transaction_notify_url": self.transaction_notify_url,
            "contract_id": request.contract_id, "policy_period_id": request.policy_period_id,
            "amount": {"total": request.amount, "currency": "CNY"},
        }
        if request.attach:
            body["attach"] = request.attach
        answer = self._v3.call("POST", "/v3/papay/insurance-pay/transactions/apply", body)
        return t.DeductionAccepted(out_trade_no=str(answer.get("out_trade_no") or request.out_trade_no),
                                   amount=t.amount_of(answer.get("amount")))

    def query_deduction(self, out_trade_no: str) -> t.Deduction | None:
        """A deduction (or the first payment) by our number, through v3's order query; None if WeChat has none.

        The insurance API has no query of its own for a charge: a deduction is an order of the
        merchant's like any other (``trade_type`` PAP)."""
        try:
            answer = self._v3.call("GET", f"/v3/pay/transactions/out-trade-no/{quote(out_trade_no, safe='')}"
                                          f"?mchid={self.config['WECHAT_MCH_ID']}")
        except PayRequestFailed as failed:
            if failed.err_code in NOT_FOUND_CODES:
                return None
            raise
        return t.deduction_from(answer)

    # -- the contract ---------------------------------------------------------------------

    def query_contract(self, plan_id: int, out_contract_code: str) -> t.Contract | None:
        """The contract by our code; None before the user signs (or if WeChat has none).

        WeChat's insurance API queries by ``out_contract_code`` only (there is no query by
        ``contract_id``): keep the code with the contract."""
        try:
            answer = self._v3.call("GET", _contract_path(plan_id, out_contract_code))
        except PayRequestFailed as failed:
            if failed.err_code in NOT_FOUND_CODES:
                return None
            raise
        return t.contract_from(answer)

    def terminate(self, plan_id: int, out_contract_code: str, remark: str) -> t.Contract:
        """End the contract (``MCH_API_TERMINATE``); WeChat answers with it and notifies TERMINATE too."""
        answer = self._v3.call("POST", f"{_contract_path(plan_id, out_contract_code)}/terminate",
                               {"contract_termination_remark": remark[:128]})
        return t.contract_from(answer)

    def renew(self, plan_id: int, contract_id: str, periods: tuple[t.PolicyPeriod, ...]) -> None:
        """Add periods to a contract (at most 12 outstanding; an amount change of at most 50%); WeChat
        answers 204 and notifies INSURANCE_ENTRUST.RENEW."""
        self._v3.call("POST", f"/v3/papay/insurance-sign/contracts/plan-id/{int(plan_id)}/contract-id/"
                              f"{quote(contract_id, safe='')}/renew",
                      {"appid": self.config["WECHAT_APPID"], "policy_periods": [p.wire() for p in periods]})

    # -- notifications --------------------------------------------------------------------

    def parse_notification(self, headers: Mapping[str, str], body: bytes) -> t.PapayEvent:
        """Verify and decrypt a contract or deduction notification; ``NotificationRejected`` if it is not
        trustworthy, or not one of contract deduction's (``not_papay``)."""
        notification = self._v3.parse_notification(headers, body)
        if notification.papay is None:
            raise NotificationRejected("not_papay")
        return notification.papay


def _contract_path(plan_id: int, out_contract_code: str) -> str:
    return (f"/v3/papay/insurance-sign/contracts/plan-id/{int(plan_id)}/out-contract-code/"
            f"{quote(out_contract_code, safe='')}")


def _period_path(contract_id: str, policy_period_id: int) -> str:
    return (f"/v3/papay/insurance-pay/policy-periods/contract-id/{quote(contract_id, safe='')}/policy-period-id/"
            f"{int(policy_period_id)}")


def monthly_periods(first: dt.date, count: int, amount: int, *, start: int = 1) -> tuple[t.PolicyPeriod, ...]:
    """``count`` periods of ``amount`` fen, one a month from ``first`` (the 31st falls to a short month's
    last day), numbered from ``start``."""
    periods = []
    for offset in range(count):
        months = first.month - 1 + offset
        year, month = first.year + months // 12, months % 12 + 1
        day = min(first.day, _month_length(year, month))
        periods.append(t.PolicyPeriod(start + offset, dt.date(year, month, day), amount))
    return tuple(periods)


def _month_length(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day
