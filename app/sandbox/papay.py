"""WeChat Pay's insurance contract deduction (v3) as the sandbox plays it: mini-program pre-sign, contract
query, terminate and renew, period schedule and query, and the charge (``transactions/apply``).

Requests carry the merchant's v3 ``Authorization`` (checked like every v3 call, ``pay_v3.merchant_refusal``);
answers are signed with the platform key; refusals are WeChat's ``{"code", "message"}`` with its HTTP
status. "Now" is the caller's ``X-Sandbox-Now`` when it travelled in time (``papay_state.sandbox_now``).
The contract's notifications go to the ``contract_notify_url`` and the payments' to the
``transaction_notify_url`` the merchant named, from the job worker (``deliveries.send_event``).
"""

from __future__ import annotations

import datetime as dt
import re

from flask import current_app

from app.core import clock
from app.extensions import redis_store
from app.sandbox import papay_state as state
from app.sandbox.blueprint import blp
from app.sandbox.deliveries import send_event
from app.sandbox.notifications import contract_resource, transaction_resource
from app.sandbox.pay_state import ORDER_KEY, load_order, new_transaction_id, remember_transaction, save_order
from app.sandbox.pay_v3 import _json_request, _positive_int, merchant_refusal, signed_answer, v3_error
from app.wechat.pay.papay_types import MCH_API_TERMINATE

#: WeChat's own limits on the merchant's numbers: letters and digits, at most 32.
_CODE = re.compile(r"^[0-9A-Za-z_\-|*@]{1,32}$")
PRESIGN_PATH = "/v3/papay/insurance-sign/contracts/pre-entrust-sign/mini-program"
NOT_ENOUGH_DESC = "用户余额不足（NOTENOUGH）"


def _guard():
    """(now, header) for a merchant's call, or WeChat's refusal (bad Authorization, unreadable time)."""
    refused = merchant_refusal()
    if refused:
        return None, refused
    try:
        return state.sandbox_now(), None
    except ValueError:
        return None, v3_error(400, "PARAM_ERROR", "X-Sandbox-Now不是带时区的ISO 8601时间")


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _amount(value) -> int | None:
    if isinstance(value, dict) and _positive_int(value.get("total")) and value.get("currency", "CNY") == "CNY":
        return value["total"]
    return None


def _periods_problem(periods, first_id: int, after: dt.date | None = None) -> str | None:
    """What is wrong with a ``policy_periods`` list (numbered from ``first_id``, dates rising), or None."""
    if not isinstance(periods, list) or not 1 <= len(periods) <= state.MAX_OUTSTANDING_PERIODS:
        return f"policy_periods须为1至{state.MAX_OUTSTANDING_PERIODS}个扣费周期"
    previous = after
    for offset, period in enumerate(periods):
        if not isinstance(period, dict) or period.get("policy_period_id") != first_id + offset:
            return f"policy_period_id须从{first_id}起连续编号"
        day = _date(period.get("estimated_deduct_date"))
        if day is None or _amount(period.get("estimated_deduct_amount")) is None:
            return "estimated_deduct_date或estimated_deduct_amount格式错误"
        if previous is not None and day <= previous:
            return "estimated_deduct_date须逐期递增"
        previous = day
    return None


# -- signing --------------------------------------------------------------------------------------

@blp.post(PRESIGN_PATH)
def papay_presign():
    now, refused = _guard()
    if refused:
        return refused
    config = current_app.config
    body = _json_request()
    if body is None:
        return v3_error(400, "PARAM_ERROR", "请求体不是JSON对象")
    missing = [k for k in ("appid", "openid", "plan_id", "out_contract_code", "insured_display_name",
                           "contract_notify_url", "policy_start_date", "policy_end_date", "policy_periods")
               if body.get(k) in (None, "", [])]
    if missing:
        return v3_error(400, "PARAM_ERROR", f"缺少参数{missing[0]}")
    if body["appid"] != config["WECHAT_APPID"]:
        return v3_error(400, "APPID_MCHID_NOT_MATCH", "AppID和mch_id不匹配")
    not_text = [k for k in ("openid", "insured_display_name", "contract_notify_url", "transaction_notify_url",
                            "description", "attach", "out_user_code") if body.get(k) is not None
                and not isinstance(body[k], str)]
    if not_text:
        return v3_error(400, "PARAM_ERROR", f"{not_text[0]}参数格式错误")
    if not _positive_int(body["plan_id"]):
        return v3_error(400, "PARAM_ERROR", "plan_id参数格式错误")
    if not isinstance(body["out_contract_code"], str) or not _CODE.match(body["out_contract_code"]):
        return v3_error(400, "PARAM_ERROR", "out_contract_code参数格式错误")
    start, end = _date(body["policy_start_date"]), _date(body["policy_end_date"])
    if start is None or end is None or end < start:
        return v3_error(400, "PARAM_ERROR", "policy_start_date或policy_end_date格式错误")
    problem = _periods_problem(body["policy_periods"], 1)
    if problem:
        return v3_error(400, "PARAM_ERROR", problem)
    paying = [k for k in ("amount", "out_trade_no", "transaction_notify_url") if body.get(k)]
    if paying and len(paying) != 3:
        return v3_error(400, "PARAM_ERROR", "签约并支付须同时传入amount、out_trade_no与transaction_notify_url")
    if paying:
        amount = _amount(body["amount"])
        if amount is None or not isinstance(body["out_trade_no"], str) or not _CODE.match(body["out_trade_no"]):
            return v3_error(400, "PARAM_ERROR", "amount或out_trade_no参数格式错误")
        # Only the fixed-amount pattern needs no approval from WeChat Pay's operations.
        if amount != body["policy_periods"][0]["estimated_deduct_amount"]["total"]:
            return v3_error(400, "PARAM_ERROR", "首期支付金额须等于第一期预计扣费金额")
        existing = load_order(body["out_trade_no"])
        if existing and existing["trade_state"] in ("SUCCESS", "REFUND"):
            return v3_error(400, "ORDERPAID", "该订单已支付")
        if existing and (existing["trade_state"] != "NOTPAY" or existing["total_fee"] != str(amount)):
            return v3_error(403, "OUT_TRADE_NO_USED", "商户订单号重复")
    if state.code_used(body["plan_id"], body["out_contract_code"]):
        return v3_error(400, "INVALID_REQUEST", "商户签约协议号已使用，不能重复签约")
    if state.contracts_in_force(body["openid"], body["plan_id"]) >= state.MAX_CONTRACTS_PER_TEMPLATE:
        return v3_error(403, "RULE_LIMIT", f"用户在该模板下生效中的协议已达{state.MAX_CONTRACTS_PER_TEMPLATE}份")
    fields = {k: body.get(k) for k in (
        "openid", "plan_id", "out_contract_code", "insured_display_name", "contract_notify_url", "policy_start_date",
        "policy_end_date", "policy_periods", "amount", "out_trade_no", "description", "transaction_notify_url",
        "attach", "out_user_code", "can_auto_insure", "can_auto_reinsure")}
    session_id = state.new_session(fields, now[0])
    return signed_answer(200, {"pre_entrustweb_id": session_id, "redirect_appid": state.SIGNING_APPID,
                               "redirect_path": state.SIGNING_PATH})


def confirm_session(session: dict, now: dt.datetime, sandbox_now: str | None) -> dict | None:
    """The user signs (and pays the first period): the contract, or None when WeChat would not sign
    (the user holds the most contracts of the template, or the code was signed meanwhile). Notifies
    INSURANCE_ENTRUST.SIGN and, with a first payment, TRANSACTION.SUCCESS (the user's own payment)."""
    contract = state.sign(session, now)
    if contract is None:
        return None
    session["signed"] = True
    session["contract_id"] = contract["contract_id"]
    state.save_session(session)
    if session.get("out_trade_no"):
        order = load_order(session["out_trade_no"]) or {
            "out_trade_no": session["out_trade_no"], "prepay_id": None, "time_expire": None,
            "created_at": now.timestamp(), "time_start": _compact(now)}
        order.update(total_fee=str(session["amount"]["total"]), openid=session["openid"],
                     body=session.get("description") or "", attach=session.get("attach"),
                     notify_url=session["transaction_notify_url"], trade_state="SUCCESS",
                     transaction_id=new_transaction_id(), time_end=_compact(now), version="v3", trade_type="JSAPI",
                     contract_id=contract["contract_id"], policy_period_id=1)
        save_order(order)
        remember_transaction(order["transaction_id"], order["out_trade_no"])
        first = state.period_of(contract, 1)
        state.schedule(contract, first, order_total(order), now)
        state.mark_paid(contract, first, order_total(order), now)
        send_event(order["notify_url"], "TRANSACTION.SUCCESS", "支付成功", "transaction", transaction_resource(order),
                   key="transaction:" + order["transaction_id"], at=now, sandbox_now=sandbox_now)
    send_event(contract["contract_notify_url"], "INSURANCE_ENTRUST.SIGN", "保险委托代扣签约通知", "contract",
               contract_resource(contract), key="sign:" + contract["contract_id"], at=now, sandbox_now=sandbox_now)
    return contract


def terminate_contract(contract: dict, mode: str, remark: str, now: dt.datetime, sandbox_now: str | None) -> dict:
    """End a contract and notify INSURANCE_ENTRUST.TERMINATE (whoever ended it: the user, us, ...)."""
    contract = state.terminate(contract, mode, remark, now)
    send_event(contract["contract_notify_url"], "INSURANCE_ENTRUST.TERMINATE", "保险委托代扣解约通知", "contract",
               contract_resource(contract), key="terminate:" + contract["contract_id"], at=now,
               sandbox_now=sandbox_now)
    return contract


def order_total(order: dict) -> int:
    return int(order["total_fee"])


def _compact(moment: dt.datetime) -> str:
    return clock.to_shanghai(moment).strftime("%Y%m%d%H%M%S")


# -- the contract ---------------------------------------------------------------------------------

def _contract_named(plan_id: str, out_contract_code: str) -> dict | None:
    return state.contract_by_code(int(plan_id), out_contract_code) if plan_id.isdigit() else None


@blp.get("/v3/papay/insurance-sign/contracts/plan-id/<plan_id>/out-contract-code/<out_contract_code>")
def papay_query_contract(plan_id, out_contract_code):
    _, refused = _guard()
    if refused:
        return refused
    contract = _contract_named(plan_id, out_contract_code)
    if contract is None:
        return v3_error(404, "RESOURCE_NOT_EXISTS", "协议不存在")
    return signed_answer(200, contract_resource(contract))


@blp.post("/v3/papay/insurance-sign/contracts/plan-id/<plan_id>/out-contract-code/<out_contract_code>/terminate")
def papay_terminate(plan_id, out_contract_code):
    now, refused = _guard()
    if refused:
        return refused
    body = _json_request()
    if body is None or not isinstance(body.get("contract_termination_remark"), str) or not body[
            "contract_termination_remark"]:
        return v3_error(400, "PARAM_ERROR", "缺少参数contract_termination_remark")
    contract = _contract_named(plan_id, out_contract_code)
    if contract is None:
        return v3_error(404, "RESOURCE_NOT_EXISTS", "协议不存在")
    if contract["state"] == "TERMINATED":
        return v3_error(400, "INVALID_REQUEST", "协议已解约")
    contract = terminate_contract(contract, MCH_API_TERMINATE, body["contract_termination_remark"][:128], *now)
    return signed_answer(200, contract_resource(contract))


@blp.post("/v3/papay/insurance-sign/contracts/plan-id/<plan_id>/contract-id/<contract_id>/renew")
def papay_renew(plan_id, contract_id):
    now, refused = _guard()
    if refused:
        return refused
    body = _json_request()
    if body is None or body.get("appid") != current_app.config["WECHAT_APPID"]:
        return v3_error(400, "PARAM_ERROR", "appid参数错误")
    contract = state.load_contract(contract_id)
    if contract is None or str(contract["plan_id"]) != plan_id:
        return v3_error(404, "RESOURCE_NOT_EXISTS", "协议不存在")
    if contract["state"] == "TERMINATED":
        return v3_error(400, "INVALID_REQUEST", "协议已解约，不能续期")
    if not contract.get("can_renew"):
        return v3_error(403, "RULE_LIMIT", "签约时未开通自动续保，不能续期")
    last = contract["periods"][-1]
    problem = _periods_problem(body.get("policy_periods"), last["id"] + 1,
                               dt.date.fromisoformat(last["estimated_deduct_date"]))
    if problem:
        return v3_error(400, "PARAM_ERROR", problem)
    new = body["policy_periods"]
    if state.outstanding(contract, now[0]) + len(new) > state.MAX_OUTSTANDING_PERIODS:
        return v3_error(403, "RULE_LIMIT", f"协议中未扣费的周期不能超过{state.MAX_OUTSTANDING_PERIODS}期")
    for period in new:
        total = period["estimated_deduct_amount"]["total"]
        if abs(total - last["estimated_amount"]) > last["estimated_amount"] * state.MAX_RENEWAL_CHANGE:
            return v3_error(400, "INVALID_REQUEST", "续期金额变化不能超过50%")
    contract["periods"].extend({"id": p["policy_period_id"], "estimated_deduct_date": p["estimated_deduct_date"],
                                "estimated_amount": p["estimated_deduct_amount"]["total"], "state": state.OPEN}
                               for p in new)
    last_day = dt.date.fromisoformat(new[-1]["estimated_deduct_date"]) + dt.timedelta(days=state.CHARGE_LAST_DAY)
    contract["expired_time"] = f"{last_day.isoformat()}T23:59:59+08:00"
    contract["state"] = "SIGNED"
    state.save_contract(contract)
    send_event(contract["contract_notify_url"], "INSURANCE_ENTRUST.RENEW", "保险委托代扣续期通知", "contract",
               contract_resource(contract), key=f"renew:{contract_id}:{new[-1]['policy_period_id']}", at=now[0],
               sandbox_now=now[1])
    return signed_answer(204)


# -- each period ----------------------------------------------------------------------------------

_PERIOD = "/v3/papay/insurance-pay/policy-periods/contract-id/<contract_id>/policy-period-id/<period_id>"


def _period_named(contract_id: str, period_id: str):
    """(contract, period, refusal): WeChat's answer when either is missing or the contract is over."""
    contract = state.load_contract(contract_id)
    if contract is None:
        return None, None, v3_error(404, "RESOURCE_NOT_EXISTS", "协议不存在")
    if contract["state"] == "TERMINATED":
        return contract, None, v3_error(403, "RULE_LIMIT", "协议已解约")
    period = state.period_of(contract, int(period_id)) if period_id.isdigit() else None
    if period is None:
        return contract, None, v3_error(403, "RULE_LIMIT", "扣费周期不在协议内，超出的周期须先续期协议")
    return contract, period, None


@blp.get(_PERIOD)
def papay_query_period(contract_id, period_id):
    now, refused = _guard()
    if refused:
        return refused
    contract = state.load_contract(contract_id)
    period = state.period_of(contract, int(period_id)) if contract and period_id.isdigit() else None
    if period is None:
        return v3_error(404, "RESOURCE_NOT_EXISTS", "扣费周期不存在")
    return signed_answer(200, state.period_answer(period, now[0]))


@blp.post(_PERIOD + "/schedule")
def papay_schedule(contract_id, period_id):
    now, refused = _guard()
    if refused:
        return refused
    body = _json_request()
    if body is None or body.get("appid") != current_app.config["WECHAT_APPID"]:
        return v3_error(400, "PARAM_ERROR", "appid参数错误")
    amount = _amount(body.get("scheduled_amount"))
    if amount is None:
        return v3_error(400, "PARAM_ERROR", "scheduled_amount参数格式错误")
    contract, period, refused = _period_named(contract_id, period_id)
    if refused:
        return refused
    if amount != period["estimated_amount"]:
        return v3_error(400, "PARAM_ERROR", "预约金额须等于该期预计扣费金额")
    if period["state"] == state.SCHEDULED and period["scheduled_amount"] == amount and \
            state.state_of(period, now[0]) == state.SCHEDULED:
        return signed_answer(200, state.period_answer(period, now[0]))  # booked already: the same answer
    why = state.schedule_refusal(period, amount, now[0])
    if why:
        return v3_error(403, "RULE_LIMIT", why)
    state.schedule(contract, period, amount, now[0])
    return signed_answer(200, state.period_answer(period, now[0]))


@blp.post("/v3/papay/insurance-pay/transactions/apply")
def papay_apply():
    now, refused = _guard()
    if refused:
        return refused
    body = _json_request()
    if body is None:
        return v3_error(400, "PARAM_ERROR", "请求体不是JSON对象")
    missing = [k for k in ("appid", "out_trade_no", "description", "transaction_notify_url", "contract_id",
                           "policy_period_id", "amount") if body.get(k) in (None, "")]
    if missing:
        return v3_error(400, "PARAM_ERROR", f"缺少参数{missing[0]}")
    if body["appid"] != current_app.config["WECHAT_APPID"]:
        return v3_error(400, "APPID_MCHID_NOT_MATCH", "AppID和mch_id不匹配")
    if not all(isinstance(body[k], str) for k in ("description", "transaction_notify_url", "contract_id")) or \
            not isinstance(body.get("attach") or "", str):
        return v3_error(400, "PARAM_ERROR", "description、transaction_notify_url、contract_id或attach参数格式错误")
    amount = _amount(body["amount"])
    if amount is None or not isinstance(body["out_trade_no"], str) or not _CODE.match(body["out_trade_no"]) or \
            not _positive_int(body["policy_period_id"]):
        return v3_error(400, "PARAM_ERROR", "amount、out_trade_no或policy_period_id参数格式错误")
    answer = {"out_trade_no": body["out_trade_no"], "amount": {"total": amount, "currency": "CNY"}}
    existing = load_order(body["out_trade_no"])
    if existing is not None:
        same = (existing.get("contract_id"), existing.get("policy_period_id"), existing["total_fee"]) == (
            body["contract_id"], body["policy_period_id"], str(amount))
        # The same charge asked again (a crash before we recorded it) is answered alike; a number is never reused.
        return signed_answer(200, answer) if same else v3_error(403, "OUT_TRADE_NO_USED", "商户订单号重复")
    contract, period, refused = _period_named(body["contract_id"], str(body["policy_period_id"]))
    if refused:
        return refused
    why = state.charge_refusal(period, now[0])
    if why:
        return v3_error(403, "RULE_LIMIT", why)
    if amount != period["scheduled_amount"]:
        return v3_error(400, "PARAM_ERROR", "扣费金额须等于预约金额")
    declined = state.spend_decline(contract["openid"])
    order = {
        "out_trade_no": body["out_trade_no"], "total_fee": str(amount), "openid": contract["openid"],
        "body": body["description"], "attach": body.get("attach"), "notify_url": body["transaction_notify_url"],
        "time_start": _compact(now[0]), "time_expire": None, "created_at": now[0].timestamp(), "prepay_id": None,
        "trade_state": "PAY_FAIL" if declined else "SUCCESS", "transaction_id": new_transaction_id(),
        "time_end": None if declined else _compact(now[0]), "version": "v3", "trade_type": "PAP",
        "trade_state_desc": NOT_ENOUGH_DESC if declined else None,
        "contract_id": contract["contract_id"], "policy_period_id": period["id"],
    }
    # The number is claimed atomically: two charges racing with one number make one order.
    if not redis_store.single.set(ORDER_KEY + order["out_trade_no"], "{}", nx=True):
        return v3_error(403, "OUT_TRADE_NO_USED", "商户订单号重复")
    save_order(order)
    remember_transaction(order["transaction_id"], order["out_trade_no"])
    if not declined:
        state.mark_paid(contract, period, amount, now[0])
    send_event(order["notify_url"], "TRANSACTION.FAIL" if declined else "TRANSACTION.SUCCESS",
               "扣款失败" if declined else "支付成功", "transaction", transaction_resource(order),
               key="transaction:" + order["transaction_id"], at=now[0], sandbox_now=now[1])
    return signed_answer(200, answer)
