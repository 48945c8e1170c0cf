"""The sandbox's own endpoints: what the WeChat user and client do, which WeChat's API cannot be
asked to do. The user pays (``pay/confirm``), taps "allow" on subscribe messages, walks
(WeRun data encrypted as the client hands it over), signs a deduction contract and pays its
first period (``papay/confirm``), ends one in WeChat's settings (``papay/terminate``), runs
short of money (``papay/decline``); and a developer reads what was sent.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import marshmallow as ma
from flask import current_app, jsonify, render_template, request
from flask_babel import gettext as _

from app.core import clock, jobs, untrusted
from app.core.errors import BadRequest, Conflict, NotFound, flatten_field_errors
from app.wechat.pay.papay_types import USER_TERMINATE
from app.sandbox import papay_state, users
from app.sandbox.blueprint import blp
from app.sandbox.deliveries import deliver_payment
from app.sandbox.papay import confirm_session, terminate_contract
from app.sandbox.pay_state import (
    load_order,
    new_transaction_id,
    now_shanghai,
    order_by_prepay_id,
    parse_shanghai,
    remember_transaction,
    save_order,
)
from app.sandbox.schemas import (
    SandboxMessagesQuerySchema,
    SandboxPapayConfirmSchema,
    SandboxPapayDeclineSchema,
    SandboxPapayTerminateSchema,
    SandboxPayConfirmSchema,
    SandboxSubscribeAcceptSchema,
    SandboxWerunRequestSchema,
)

#: What ``wx.requestPayment``'s ``package`` puts before the prepay id.
PACKAGE_PREFIX = "prepay_id="

#: The sandbox's own endpoints, for its page: what WeChat's user and client do here.
OWN_ENDPOINTS = (
    ("POST", "/pay/confirm", '{"prepay_id": "wx…"}',
     "用户付款；prepay_id 是下单返回的 pay_params.package 去掉 prepay_id= 前缀（整个 package 也可以）；"
     "加 \"fail\": true 则付款失败。随后由任务进程按微信的重试时间表发支付通知。",
     "The user pays: prepay_id is the order's pay_params.package without its prepay_id= prefix (the whole "
     "package works too); with \"fail\": true the payment fails. The notification follows from the job worker."),
    ("POST", "/subscribe/accept", '{"openid": "o…", "template_ids": ["…"]}',
     "用户在 wx.requestSubscribeMessage 里点“允许”：每个模板多一次发送机会。",
     "The user taps \"allow\": one more send per template."),
    ("POST", "/werun", '{"openid": "o…", "steps": 12000}',
     "wx.getWeRunData 交给小程序的加密数据（steps 也可以是列表，今天在前）；把结果发给 POST /api/v1/rewards/werun。",
     "WeRun data as wx.getWeRunData hands it over (steps may be a list, today first); "
     "post it to POST /api/v1/rewards/werun."),
    ("POST", "/papay/confirm", '{"pre_entrustweb_id": "…"}',
     "用户在微信的签约页签约保险自动续费，并支付首期（预签约带了金额时）；随后发签约与支付通知。",
     "The user signs an insurance deduction contract on WeChat's page, paying the first period when the "
     "pre-sign carried an amount; the SIGN and payment notifications follow."),
    ("POST", "/papay/terminate", '{"contract_id": "…"}',
     "用户在微信支付设置里关闭自动续费（解约方式 USER_TERMINATE）；随后发解约通知。",
     "The user ends the contract in WeChat's own settings (USER_TERMINATE); the TERMINATE notification follows."),
    ("POST", "/papay/decline", '{"openid": "o…", "times": 1}',
     "该用户接下来 times 次扣费因余额不足（NOTENOUGH）失败。",
     "That user's next `times` charges fail for a balance too low (NOTENOUGH)."),
    ("GET", "/messages?openid=o…", "",
     "发给该用户的订阅消息。", "The subscribe messages sent to that user."),
)


def _load(schema: ma.Schema, data) -> dict:
    """``data`` as ``schema`` reads it; 400 naming the fields otherwise (docs/api.md, Sandbox)."""
    try:
        return schema.load(data if isinstance(data, dict) else {})
    except ma.ValidationError as invalid:
        raise BadRequest(_("Some of the information is not valid."), code="validation_error",
                         details={"fields": flatten_field_errors(invalid.messages)}) from None


def _json_body(schema: ma.Schema) -> dict:
    try:
        body = untrusted.read_json(request.get_data()) if request.get_data() else {}
    except ValueError:
        raise BadRequest(_("The request body is not valid JSON."), code="malformed_json") from None
    if not isinstance(body, dict):
        raise BadRequest(_("The request body must be a JSON object."), code="malformed_json")
    return _load(schema, body)


@blp.post("/pay/confirm")
def confirm_payment():
    """The sandbox user pays (or, with ``fail``, the payment fails); the notification follows from
    the job worker, retried on WeChat's schedule until acknowledged."""
    body = _json_body(SandboxPayConfirmSchema())
    # The order's pay_params.package is "prepay_id=<id>": taken whole, it names the same order.
    order = order_by_prepay_id(body["prepay_id"].removeprefix(PACKAGE_PREFIX))
    if order is None:
        raise NotFound(_("No order waits for payment with this prepay_id."), code="unknown_prepay_id")
    if order["trade_state"] != "NOTPAY":
        raise Conflict(_("The order is %(state)s.", state=order["trade_state"]), code="not_payable",
                       details={"trade_state": order["trade_state"]})
    if order.get("time_expire") and parse_shanghai(order["time_expire"]) <= clock.now():
        raise Conflict(_("The payment window has passed."), code="not_payable", details={"trade_state": "NOTPAY"})
    if body["fail"]:
        order["trade_state"] = "PAYERROR"
        save_order(order)
        return jsonify({"trade_state": "PAYERROR"})
    order["trade_state"] = "SUCCESS"
    order["transaction_id"] = new_transaction_id()
    order["time_end"] = now_shanghai()
    save_order(order)
    remember_transaction(order["transaction_id"], order["out_trade_no"])
    jobs.enqueue(deliver_payment, order["out_trade_no"], 0)
    if random.random() < current_app.config["SANDBOX_DUPLICATE_RATE"]:
        # WeChat sometimes delivers one notification twice, a moment apart.
        jobs.enqueue(deliver_payment, order["out_trade_no"], 0,
                     delay=dt.timedelta(seconds=1 * current_app.config["SANDBOX_NOTIFY_TIME_SCALE"]))
    return jsonify({"trade_state": "SUCCESS", "transaction_id": order["transaction_id"]})


def _sandbox_now() -> tuple[dt.datetime, str | None]:
    try:
        return papay_state.sandbox_now()
    except ValueError:
        raise BadRequest(_("X-Sandbox-Now must be an ISO 8601 time with an offset."), code="validation_error",
                         details={"fields": {"X-Sandbox-Now": [_("Not an ISO 8601 time with an offset.")]}}) from None


@blp.post("/papay/confirm")
def papay_confirm():
    """The user signs the pre-signed contract in WeChat's signing mini-program, paying the first period
    when the pre-sign carried one. ``X-Sandbox-Now`` sets the moment (the session lives 10 minutes)."""
    body = _json_body(SandboxPapayConfirmSchema())
    now, travelled = _sandbox_now()
    session = papay_state.load_session(body["pre_entrustweb_id"])
    if session is None:
        raise NotFound(_("No pre-sign has this pre_entrustweb_id."), code="unknown_pre_entrustweb_id")
    if session["signed"]:
        raise Conflict(_("This pre-sign was signed already."), code="already_signed")
    if papay_state.session_expired(session, now):
        raise Conflict(_("The pre-sign has expired (WeChat keeps one 10 minutes)."), code="presign_expired")
    if session.get("out_trade_no"):
        order = load_order(session["out_trade_no"])
        if order is not None and order["trade_state"] != "NOTPAY":
            raise Conflict(_("The order is %(state)s.", state=order["trade_state"]), code="not_payable",
                           details={"trade_state": order["trade_state"]})
    contract = confirm_session(session, now, travelled)
    if contract is None:
        raise Conflict(_("WeChat would not sign: the user holds the most contracts of this template, or the "
                         "contract code was signed already."), code="sign_refused")
    answer = {"contract_id": contract["contract_id"], "contract_state": contract["state"],
              "out_contract_code": contract["out_contract_code"]}
    if session.get("out_trade_no"):
        answer["transaction_id"] = load_order(session["out_trade_no"])["transaction_id"]
    return jsonify(answer)


@blp.post("/papay/terminate")
def papay_terminate_by_user():
    """The user ends the contract in WeChat's settings; we learn of it only from the TERMINATE notification."""
    body = _json_body(SandboxPapayTerminateSchema())
    now, travelled = _sandbox_now()
    contract = papay_state.load_contract(body["contract_id"])
    if contract is None:
        raise NotFound(_("No contract has this contract_id."), code="unknown_contract")
    if contract["state"] == "TERMINATED":
        raise Conflict(_("The contract has ended already."), code="contract_terminated")
    contract = terminate_contract(contract, USER_TERMINATE, "用户在微信支付中关闭自动续费", now, travelled)
    return jsonify({"contract_id": contract["contract_id"], "contract_state": contract["state"],
                    "out_contract_code": contract["out_contract_code"]})


@blp.post("/papay/decline")
def papay_decline():
    """The user's next ``times`` charges fail with NOTENOUGH (their balance is too low)."""
    body = _json_body(SandboxPapayDeclineSchema())
    if not users.is_known_openid(body["openid"]):
        raise NotFound(_("No sandbox user has this openid."), code="unknown_openid")
    return jsonify({"openid": body["openid"], "declines_left": papay_state.add_declines(body["openid"],
                                                                                       body["times"])})


@blp.post("/subscribe/accept")
def accept_subscriptions():
    """The user allows messages in ``wx.requestSubscribeMessage``: WeChat counts one send per
    template accepted, and ``message/subscribe/send`` spends them (43101 when none is left).

    Not a WeChat endpoint: the sandbox plays the WeChat client here (as for ``/werun``); the
    mini-program then reports the same choices to our ``POST /api/v1/subscriptions``.
    """
    body = _json_body(SandboxSubscribeAcceptSchema())
    if not users.is_known_openid(body["openid"]):
        raise NotFound(_("No sandbox user has this openid."), code="unknown_openid")
    return jsonify({"openid": body["openid"], "opt_ins": users.accept_subscriptions(body["openid"],
                                                                                    body["template_ids"])})


@blp.get("/messages")
def sent_messages():
    openid = _load(SandboxMessagesQuerySchema(), request.args.to_dict())["openid"]
    return jsonify({"openid": openid, "messages": users.messages_for(openid)})


@blp.post("/werun")
def werun_data():
    """Encrypted WeRun data for a sandbox user, as ``wx.getWeRunData`` hands it to the mini-program.

    Not a WeChat endpoint: the sandbox plays the WeChat client here, encrypting with the
    user's current session_key, so a later login makes earlier data undecryptable.
    """
    body = _json_body(SandboxWerunRequestSchema())
    session_key = users.session_key_of(body["openid"])
    if session_key is None:
        raise NotFound(_("No sandbox user has this openid."), code="unknown_openid")
    return jsonify(users.encrypt_werun(session_key, body["steps"]))


@blp.get("/")
def guide():
    """A page for the developer: the sandbox's endpoints, its login codes, the partners and where
    their development secrets are, and what the features expect of them (``install``'s guide)."""
    # WeChat's endpoints, as the sandbox's modules declare them: this page never goes out of date.
    wechat = sorted(
        (current_app.view_functions[rule.endpoint].__module__.rsplit(".", 1)[-1], rule.rule,
         ", ".join(sorted(rule.methods - {"HEAD", "OPTIONS"})))
        for rule in current_app.url_map.iter_rules()
        if rule.endpoint in current_app.view_functions and rule.endpoint != "static"
        and current_app.view_functions[rule.endpoint].__module__ != __name__
    )
    config = current_app.config
    partners = {name: {"scopes": entry.get("scopes", []), "insurer": entry.get("insurer")}
                for name, entry in config["PARTNER_SECRETS"].items()}
    return render_template(
        "sandbox/guide.html", base=request.script_root, own=OWN_ENDPOINTS, wechat=wechat, partners=partners,
        secrets_file=Path(config["VAR_DIR"]) / "dev" / "secrets.json",
        guide=current_app.extensions.get("sandbox_guide", {}), pay_version=config["WECHAT_PAY_VERSION"],
    )
