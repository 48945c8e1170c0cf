"""The sandbox's own endpoints: what the WeChat user and client do, which WeChat's API cannot be
asked to do. The user pays (``pay/confirm``), taps "allow" on subscribe messages, walks
(WeRun data encrypted as the client hands it over); and a developer reads what was sent.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import marshmallow as ma
from flask import current_app, jsonify, render_template, request

from app.core import clock, jobs, untrusted
from app.core.errors import BadRequest, Conflict, NotFound, flatten_field_errors
from app.sandbox import users
from app.sandbox.blueprint import blp
from app.sandbox.deliveries import deliver_payment
from app.sandbox.pay_state import (
    new_transaction_id,
    now_shanghai,
    order_by_prepay_id,
    parse_shanghai,
    remember_transaction,
    save_order,
)
from app.sandbox.schemas import (
    SandboxMessagesQuerySchema,
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
    ("GET", "/messages?openid=o…", "",
     "发给该用户的订阅消息。", "The subscribe messages sent to that user."),
)


def _load(schema: ma.Schema, data) -> dict:
    """``data`` as ``schema`` reads it; 400 naming the fields otherwise (docs/api.md, Sandbox)."""
    try:
        return schema.load(data if isinstance(data, dict) else {})
    except ma.ValidationError as invalid:
        raise BadRequest("Some of the information is not valid.", code="validation_error",
                         details={"fields": flatten_field_errors(invalid.messages)}) from None


def _json_body(schema: ma.Schema) -> dict:
    try:
        body = untrusted.read_json(request.get_data()) if request.get_data() else {}
    except ValueError:
        raise BadRequest("The request body is not valid JSON.", code="malformed_json") from None
    if not isinstance(body, dict):
        raise BadRequest("The request body must be a JSON object.", code="malformed_json")
    return _load(schema, body)


@blp.post("/pay/confirm")
def confirm_payment():
    """The sandbox user pays (or, with ``fail``, the payment fails); the notification follows from
    the job worker, retried on WeChat's schedule until acknowledged."""
    body = _json_body(SandboxPayConfirmSchema())
    # The order's pay_params.package is "prepay_id=<id>": taken whole, it names the same order.
    order = order_by_prepay_id(body["prepay_id"].removeprefix(PACKAGE_PREFIX))
    if order is None:
        raise NotFound("No order waits for payment with this prepay_id.", code="unknown_prepay_id")
    if order["trade_state"] != "NOTPAY":
        raise Conflict(f"The order is {order['trade_state']}.", code="not_payable",
                       details={"trade_state": order["trade_state"]})
    if order.get("time_expire") and parse_shanghai(order["time_expire"]) <= clock.now():
        raise Conflict("The payment window has passed.", code="not_payable", details={"trade_state": "NOTPAY"})
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


@blp.post("/subscribe/accept")
def accept_subscriptions():
    """The user allows messages in ``wx.requestSubscribeMessage``: WeChat counts one send per
    template accepted, and ``message/subscribe/send`` spends them (43101 when none is left).

    Not a WeChat endpoint: the sandbox plays the WeChat client here (as for ``/werun``); the
    mini-program then reports the same choices to our ``POST /api/v1/subscriptions``.
    """
    body = _json_body(SandboxSubscribeAcceptSchema())
    if not users.is_known_openid(body["openid"]):
        raise NotFound("No sandbox user has this openid.", code="unknown_openid")
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
        raise NotFound("No sandbox user has this openid.", code="unknown_openid")
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
    partners = {name: entry.get("scopes", []) for name, entry in config["PARTNER_SECRETS"].items()}
    return render_template(
        "sandbox/guide.html", base=request.script_root, own=OWN_ENDPOINTS, wechat=wechat, partners=partners,
        secrets_file=Path(config["VAR_DIR"]) / "dev" / "secrets.json",
        guide=current_app.extensions.get("sandbox_guide", {}), pay_version=config["WECHAT_PAY_VERSION"],
    )
