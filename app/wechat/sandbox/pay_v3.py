"""WeChat Pay v3 as the sandbox plays it: JSAPI prepay, query, close, refund, and v3 notifications.

Requests must carry the merchant's ``Authorization: WECHATPAY2-SHA256-RSA2048 ...``
header, checked the way WeChat checks it (mchid, certificate serial, timestamp,
RSA signature over the method, URL, timestamp, nonce and raw body, with the
merchant certificate's key). Every answer is signed with the sandbox's platform key,
as wechatpayv3 insists. Orders share their state with the v2 sandbox
(``load_order``/``save_order``), so ``POST pay/confirm`` pays v3 orders too; an order
created here is marked ``version: v3`` and its notification is v3 JSON, its resource
encrypted with AES-GCM under the APIv3 key.
"""

from __future__ import annotations

import base64
import datetime as dt
import hmac
import json
import re
import secrets
import string
import time
import uuid

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import Response, current_app, request

from app import jobs
from app.core import clock
from app.extensions import redis_store
from app.wechat.sandbox import bp
from app.wechat.sandbox.pay import (
    CLOSE_NOT_BEFORE,
    PREPAY_KEY,
    TRANSACTION_KEY,
    load_order,
    load_refund,
    refunded_so_far,
    save_order,
    save_refund,
    settle_refund,
)
from app.wechat.signing import (
    V3_SIGNATURE_TYPE,
    load_certificate_file,
    load_private_key_file,
    sign_v3,
    v3_message,
    verify_v3,
)

#: WeChat refuses a request signed further than this from its own clock.
REQUEST_MAX_AGE_SECONDS = 300
_AUTH_FIELD = re.compile(r'(\w+)="([^"]*)"')
_NONCE_ALPHABET = string.ascii_letters + string.digits
TRADE_STATE_DESC = {"SUCCESS": "支付成功", "NOTPAY": "未支付", "CLOSED": "已关闭", "PAYERROR": "支付失败",
                    "REFUND": "转入退款"}


# -- wire format ------------------------------------------------------------------------------

def platform_signature_headers(body: bytes) -> dict:
    """The headers with which WeChat signs an answer or a notification (its platform key)."""
    config = current_app.config
    timestamp = str(int(clock.now().timestamp()))
    nonce = secrets.token_hex(16)
    key = load_private_key_file(config["SANDBOX_PLATFORM_PRIVATE_KEY_PATH"])
    return {
        "Wechatpay-Timestamp": timestamp,
        "Wechatpay-Nonce": nonce,
        "Wechatpay-Signature": sign_v3(key, v3_message(timestamp, nonce, body)),
        "Wechatpay-Serial": config["SANDBOX_PLATFORM_KEY_ID"],
        "Wechatpay-Signature-Type": V3_SIGNATURE_TYPE,
    }


def _json_bytes(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def signed_answer(status: int, payload: dict | None = None) -> Response:
    body = b"" if payload is None else _json_bytes(payload)
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
        raw = request.path + (f"?{query}" if query else "")
    return raw[len(bp.url_prefix):] if raw.startswith(bp.url_prefix) else raw


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


def _rfc3339_from_compact(value: str | None) -> str | None:
    if not value:
        return None
    moment = dt.datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=clock.SHANGHAI)
    return moment.isoformat(timespec="seconds")


# -- endpoints --------------------------------------------------------------------------------

@bp.post("/v3/pay/transactions/jsapi")
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
        same = all(existing[k] == v for k, v in fields.items())
        if not same or existing["trade_state"] != "NOTPAY":
            return v3_error(403, "OUT_TRADE_NO_USED", "商户订单号重复")
        prepay_id = existing["prepay_id"]
    else:
        prepay_id = "wx" + clock.to_shanghai(clock.now()).strftime("%d%H%M%S") + secrets.token_hex(12)
        save_order({
            **fields, "out_trade_no": body["out_trade_no"], "attach": body.get("attach"),
            "notify_url": body["notify_url"], "time_start": _shanghai_compact(clock.now()), "time_expire": time_expire,
            "created_at": clock.now().timestamp(), "prepay_id": prepay_id, "trade_state": "NOTPAY",
            "transaction_id": None, "time_end": None,
            # pay/confirm delivers a v3 notification for an order created here.
            "version": "v3",
        })
        redis_store.set(PREPAY_KEY + prepay_id, body["out_trade_no"])
    return signed_answer(200, {"prepay_id": prepay_id})


def transaction_resource(order: dict) -> dict:
    """An order as v3 describes it (query answers and TRANSACTION.SUCCESS resources)."""
    config = current_app.config
    total = int(order["total_fee"])
    resource = {
        "appid": config["WECHAT_APPID"], "mchid": config["WECHAT_MCH_ID"], "out_trade_no": order["out_trade_no"],
        "trade_type": "JSAPI", "trade_state": order["trade_state"],
        "trade_state_desc": TRADE_STATE_DESC.get(order["trade_state"], order["trade_state"]),
        "payer": {"openid": order["openid"]}, "amount": {"total": total, "currency": "CNY"},
    }
    if order.get("attach"):
        resource["attach"] = order["attach"]
    if order["trade_state"] in ("SUCCESS", "REFUND"):
        resource.update(transaction_id=order["transaction_id"], bank_type="OTHERS",
                        success_time=_rfc3339_from_compact(order["time_end"]))
        resource["amount"].update(payer_total=total, payer_currency="CNY")
    return resource


@bp.get("/v3/pay/transactions/out-trade-no/<out_trade_no>")
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


@bp.post("/v3/pay/transactions/out-trade-no/<out_trade_no>/close")
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


@bp.post("/v3/refund/domestic/refunds")
def v3_refund():
    refused = merchant_refusal()
    if refused:
        return refused
    body = _json_request()
    if body is None:
        return v3_error(400, "PARAM_ERROR", "请求体不是JSON对象")
    order = None
    if body.get("transaction_id"):
        out_trade_no = redis_store.get(TRANSACTION_KEY + str(body["transaction_id"]))
        order = load_order(out_trade_no.decode()) if out_trade_no else None
    elif body.get("out_trade_no"):
        order = load_order(str(body["out_trade_no"]))
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
        existing = {
            "out_refund_no": body["out_refund_no"], "out_trade_no": order["out_trade_no"],
            "transaction_id": order["transaction_id"], "total_fee": order["total_fee"],
            "refund_fee": str(amount["refund"]), "refund_id": "5030" + secrets.token_hex(12),
            "notify_url": body.get("notify_url"), "refund_status": "PROCESSING",
            "created_at": clock.now().timestamp(), "version": "v3",
        }
        save_refund(existing)
        from app.wechat.sandbox.tasks import deliver_v3_refund_notification

        jobs.enqueue(deliver_v3_refund_notification, existing["out_refund_no"], 0)
    elif existing["refund_fee"] != str(amount["refund"]):
        return v3_error(400, "INVALID_REQUEST", "同一退款单号退款金额不一致")
    return signed_answer(200, refund_resource(existing, answer=True))


@bp.get("/v3/refund/domestic/refunds/<out_refund_no>")
def v3_refund_query(out_refund_no):
    refused = merchant_refusal()
    if refused:
        return refused
    refund = load_refund(out_refund_no)
    if refund is None:
        return v3_error(404, "RESOURCE_NOT_EXISTS", "退款单不存在")
    return signed_answer(200, refund_resource(settle_refund(refund), answer=True))


def refund_resource(refund: dict, *, answer: bool = False) -> dict:
    """A refund as v3 describes it: the refund call's answer, or a REFUND.* notification's resource."""
    total, refunded = int(refund["total_fee"]), int(refund["refund_fee"])
    resource = {
        "out_refund_no": refund["out_refund_no"], "refund_id": refund["refund_id"],
        "transaction_id": refund["transaction_id"], "out_trade_no": refund["out_trade_no"],
        "user_received_account": "支付用户零钱",
        "amount": {"total": total, "refund": refunded, "payer_total": total, "payer_refund": refunded},
    }
    success_time = None
    if refund.get("success_time"):  # stored by the v2 sandbox's format, Beijing time
        success_time = (dt.datetime.strptime(refund["success_time"], "%Y-%m-%d %H:%M:%S")
                        .replace(tzinfo=clock.SHANGHAI).isoformat(timespec="seconds"))
    if answer:
        created = dt.datetime.fromtimestamp(refund.get("created_at") or clock.now().timestamp(), clock.UTC)
        resource.update(channel="ORIGINAL", status=refund["refund_status"], funds_account="AVAILABLE",
                        create_time=clock.to_shanghai(created).isoformat(timespec="seconds"))
        resource["amount"].update(currency="CNY", settlement_total=total, settlement_refund=refunded, discount_refund=0)
        if success_time:
            resource["success_time"] = success_time
    else:
        resource.update(mchid=current_app.config["WECHAT_MCH_ID"], refund_status=refund["refund_status"])
        if success_time:
            resource["success_time"] = success_time
    return resource


# -- notifications ----------------------------------------------------------------------------

def _nonce12() -> str:
    """AES-GCM's 12-byte nonce, as WeChat sends it: 12 alphanumeric characters."""
    return "".join(secrets.choice(_NONCE_ALPHABET) for _ in range(12))


def encrypted_notification(event_id: str, event_type: str, summary: str, original_type: str,
                           resource: dict) -> bytes:
    """A v3 notification body: the resource encrypted with AES-GCM under the merchant's APIv3 key."""
    nonce = _nonce12()
    ciphertext = AESGCM(current_app.config["WECHAT_PAY_APIV3_KEY"].encode("utf-8")).encrypt(
        nonce.encode("ascii"), _json_bytes(resource), original_type.encode("ascii"))
    return _json_bytes({
        "id": event_id, "create_time": clock.to_shanghai(clock.now()).isoformat(timespec="seconds"),
        "resource_type": "encrypt-resource", "event_type": event_type, "summary": summary,
        "resource": {"original_type": original_type, "algorithm": "AEAD_AES_256_GCM",
                     "ciphertext": base64.b64encode(ciphertext).decode("ascii"),
                     "associated_data": original_type, "nonce": nonce},
    })


def _event_id(kind: str, key: str) -> str:
    # WeChat keeps one notification id across the retries of one event.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"sandbox:{kind}:{key}"))


def payment_notification_body(order: dict) -> bytes:
    return encrypted_notification(_event_id("transaction", order["transaction_id"]), "TRANSACTION.SUCCESS",
                                  "支付成功", "transaction", transaction_resource(order))


def refund_notification_body(refund: dict) -> bytes:
    """The refund succeeds when WeChat first tells of it (as the v2 sandbox does)."""
    refund = settle_refund(refund, now=clock.now())
    event_type = "REFUND." + refund["refund_status"]
    summary = {"SUCCESS": "退款成功", "ABNORMAL": "退款异常", "CLOSED": "退款关闭"}.get(refund["refund_status"], "退款")
    return encrypted_notification(_event_id("refund", refund["out_refund_no"] + ":" + refund["refund_status"]),
                                  event_type, summary, "refund", refund_resource(refund))
