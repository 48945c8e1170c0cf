"""WeChat Pay v3 as the sandbox plays it: JSAPI prepay, query, close, refund, refund query.

Requests must carry the merchant's ``Authorization: WECHATPAY2-SHA256-RSA2048 ...``
header, checked the way WeChat checks it (mchid, certificate serial, timestamp,
RSA signature over the method, URL, timestamp, nonce and raw body, with the
merchant certificate's key). Every answer is signed with the sandbox's platform key,
as WeChat's are. Orders share the ledger with the v2 endpoints (``pay_state``); one
created here is marked ``version: v3``, so its notification is v3 JSON.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import time

from flask import Response, current_app, request

from app.core import clock, jobs
from app.sandbox.blueprint import blp
from app.sandbox.deliveries import deliver_refund
from app.sandbox.notifications import (
    json_bytes,
    platform_signature_headers,
    refund_resource,
    transaction_resource,
)
from app.sandbox.pay_state import (
    CLOSE_NOT_BEFORE,
    load_order,
    load_refund,
    new_prepay_id,
    new_refund,
    order_named_in,
    refunded_so_far,
    remember_prepay,
    save_order,
    settle_refund,
)
from app.wechat.signing import (
    V3_SIGNATURE_TYPE,
    load_certificate_file,
    v3_message,
    verify_v3,
)

#: WeChat refuses a request signed further than this from its own clock.
REQUEST_MAX_AGE_SECONDS = 300
_AUTH_FIELD = re.compile(r'(\w+)="([^"]*)"')


# -- wire format ------------------------------------------------------------------------------

def signed_answer(status: int, payload: dict | None = None) -> Response:
    body = b"" if payload is None else json_bytes(payload)
    response = Response(body, status=status, headers=platform_signature_headers(body))
    if payload is not None:
        response.headers["Content-Type"] = "application/json; charset=utf-8"
    return response


def v3_error(status: int, code: str, message: str) -> Response:
    return signed_answer(status, {"code": code, "message": message})


def _signed_url() -> str:
    """The URL as the merchant signed it: WeChat's path (without our mount point) and the raw query."""
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
    if not raw:
        query = request.query_string.decode("latin-1")
        raw = request.script_root + request.path + (f"?{query}" if query else "")
    return raw[len(request.script_root):] if raw.startswith(request.script_root) else raw


def merchant_refusal() -> Response | None:
    """WeChat's answer to a request whose Authorization it would not accept, or None."""
    config = current_app.config
    scheme, _, fields = request.headers.get("Authorization", "").partition(" ")
    if scheme != V3_SIGNATURE_TYPE:
        return v3_error(401, "SIGN_ERROR", "错误的签名认证方式")
    auth = dict(_AUTH_FIELD.findall(fields))
    if not all(auth.get(k) for k in ("mchid", "nonce_str", "signature", "timestamp", "serial_no")):
        return v3_error(401, "SIGN_ERROR", "Authorization缺少必要字段")
    if not hmac.compare_digest(auth["mchid"].encode(), config["WECHAT_MCH_ID"].encode()):
        return v3_error(401, "SIGN_ERROR", "商户号与签名不匹配")
    # WeChat's servers keep their own time: wechatpayv3 stamps requests with the wall clock, and
    # WeChat compares with its clock, never with a test's frozen one.
    if not auth["timestamp"].isdigit() or abs(time.time() - int(auth["timestamp"])) > REQUEST_MAX_AGE_SECONDS:
        return v3_error(401, "SIGN_ERROR", "请求时间戳已过期")
    certificate = load_certificate_file(config["WECHAT_PAY_CERT_PATH"])
    try:
        serial_ok = int(auth["serial_no"], 16) == certificate.serial_number
    except ValueError:
        serial_ok = False
    if not serial_ok:
        return v3_error(401, "SIGN_ERROR", "商户证书序列号有误")
    message = v3_message(request.method, _signed_url(), auth["timestamp"], auth["nonce_str"], request.get_data())
    if not verify_v3(certificate.public_key(), message, auth["signature"]):
        return v3_error(401, "SIGN_ERROR", "签名错误")
    return None


def _json_request() -> dict | None:
    body = request.get_json(silent=True, force=True)
    return body if isinstance(body, dict) else None


def _positive_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _shanghai_compact(moment: dt.datetime) -> str:
    """The v2 sandbox's stored time format (so ``pay/confirm`` reads v3 orders too)."""
    return clock.to_shanghai(moment).strftime("%Y%m%d%H%M%S")


# -- endpoints --------------------------------------------------------------------------------

@blp.post("/v3/pay/transactions/jsapi")
def v3_jsapi():
    refused = merchant_refusal()
    if refused:
        return refused
    config = current_app.config
    body = _json_request()
    if body is None:
        return v3_error(400, "PARAM_ERROR", "请求体不是JSON对象")
    missing = [k for k in ("appid", "mchid", "description", "out_trade_no", "notify_url", "amount", "payer")
               if not body.get(k)]
    if missing:
        return v3_error(400, "PARAM_ERROR", f"缺少参数{missing[0]}")
    if body["appid"] != config["WECHAT_APPID"] or body["mchid"] != config["WECHAT_MCH_ID"]:
        return v3_error(400, "APPID_MCHID_NOT_MATCH", "AppID和mch_id不匹配")
    amount, payer = body["amount"], body["payer"]
    if not isinstance(amount, dict) or not _positive_int(amount.get("total")) or amount.get("currency", "CNY") != "CNY":
        return v3_error(400, "PARAM_ERROR", "amount.total参数格式错误")
    if not isinstance(payer, dict) or not payer.get("openid"):
        return v3_error(400, "PARAM_ERROR", "JSAPI支付必须传payer.openid")
    time_expire = None
    if body.get("time_expire"):
        try:
            time_expire = _shanghai_compact(dt.datetime.fromisoformat(body["time_expire"]))
        except (TypeError, ValueError):
            return v3_error(400, "PARAM_ERROR", "time_expire参数格式错误")

    fields = {"total_fee": str(amount["total"]), "openid": payer["openid"], "body": body["description"]}
    existing = load_order(body["out_trade_no"])
    if existing:
        if existing["trade_state"] == "SUCCESS":
            return v3_error(400, "ORDERPAID", "该订单已支付")
        if existing["trade_state"] == "CLOSED":  # WeChat's documented answer for a closed order
            return v3_error(400, "ORDER_CLOSED", "当前订单已关闭，请重新下单")
        same = all(existing[k] == v for k, v in fields.items())
        if not same or existing["trade_state"] != "NOTPAY":
            return v3_error(403, "OUT_TRADE_NO_USED", "商户订单号重复")
        prepay_id = existing["prepay_id"]
    else:
        prepay_id = new_prepay_id()
        save_order({
            **fields, "out_trade_no": body["out_trade_no"], "attach": body.get("attach"),
            "notify_url": body["notify_url"], "time_start": _shanghai_compact(clock.now()), "time_expire": time_expire,
            "created_at": clock.now().timestamp(), "prepay_id": prepay_id, "trade_state": "NOTPAY",
            "transaction_id": None, "time_end": None,
            # pay/confirm delivers a v3 notification for an order created here.
            "version": "v3",
        })
        remember_prepay(prepay_id, body["out_trade_no"])
    return signed_answer(200, {"prepay_id": prepay_id})

@blp.get("/v3/pay/transactions/out-trade-no/<out_trade_no>")
def v3_query(out_trade_no):
    refused = merchant_refusal()
    if refused:
        return refused
    if request.args.get("mchid") != current_app.config["WECHAT_MCH_ID"]:
        return v3_error(400, "PARAM_ERROR", "mchid与请求商户号不一致")
    order = load_order(out_trade_no)
    if order is None:
        return v3_error(404, "ORDER_NOT_EXIST", "订单不存在")
    return signed_answer(200, transaction_resource(order))


@blp.post("/v3/pay/transactions/out-trade-no/<out_trade_no>/close")
def v3_close(out_trade_no):
    refused = merchant_refusal()
    if refused:
        return refused
    body = _json_request() or {}
    if body.get("mchid") != current_app.config["WECHAT_MCH_ID"]:
        return v3_error(400, "PARAM_ERROR", "mchid与请求商户号不一致")
    order = load_order(out_trade_no)
    if order is None:
        return v3_error(404, "ORDER_NOT_EXIST", "订单不存在")
    if order["trade_state"] in ("SUCCESS", "REFUND"):
        return v3_error(400, "ORDERPAID", "订单已支付，不能发起关单")
    if clock.now().timestamp() - order["created_at"] < CLOSE_NOT_BEFORE.total_seconds():
        return v3_error(400, "INVALID_REQUEST", "订单生成后不能马上调用关单接口，最短调用时间间隔为5分钟")
    if order["trade_state"] == "CLOSED":
        return v3_error(400, "ORDER_CLOSED", "订单已关闭")
    order["trade_state"] = "CLOSED"
    save_order(order)
    return signed_answer(204)


@blp.post("/v3/refund/domestic/refunds")
def v3_refund():
    refused = merchant_refusal()
    if refused:
        return refused
    body = _json_request()
    if body is None:
        return v3_error(400, "PARAM_ERROR", "请求体不是JSON对象")
    order = order_named_in(body)
    if order is None or order["trade_state"] not in ("SUCCESS", "REFUND"):
        return v3_error(404, "RESOURCE_NOT_EXISTS", "订单不存在")
    amount = body.get("amount")
    if not body.get("out_refund_no") or not isinstance(amount, dict) or not _positive_int(amount.get("refund")):
        return v3_error(400, "PARAM_ERROR", "缺少参数out_refund_no或amount.refund")
    if amount.get("total") != int(order["total_fee"]) or amount.get("currency", "CNY") != "CNY":
        return v3_error(400, "INVALID_REQUEST", "订单金额或退款金额与之前请求不一致")
    existing = load_refund(body["out_refund_no"])
    if existing is None:
        if refunded_so_far(order["out_trade_no"]) + amount["refund"] > int(order["total_fee"]):
            return v3_error(400, "INVALID_REQUEST", "退款金额超过订单可退金额")
        existing = new_refund(order, body["out_refund_no"], amount["refund"], body.get("notify_url"), "v3")
        jobs.enqueue(deliver_refund, existing["out_refund_no"], 0)
    elif existing["refund_fee"] != str(amount["refund"]):
        return v3_error(400, "INVALID_REQUEST", "同一退款单号退款金额不一致")
    return signed_answer(200, refund_resource(existing, answer=True))


@blp.get("/v3/refund/domestic/refunds/<out_refund_no>")
def v3_refund_query(out_refund_no):
    refused = merchant_refusal()
    if refused:
        return refused
    refund = load_refund(out_refund_no)
    if refund is None:
        return v3_error(404, "RESOURCE_NOT_EXISTS", "退款单不存在")
    return signed_answer(200, refund_resource(settle_refund(refund), answer=True))
