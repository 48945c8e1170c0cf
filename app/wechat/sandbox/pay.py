"""WeChat Pay v2 as the sandbox plays it: unifiedorder, orderquery, closeorder, and paying.

Requests are XML signed with the merchant's API key and checked like WeChat checks
them; answers are signed the same way. ``POST pay/confirm`` is the sandbox's own:
the sandbox user pays, and the signed notification follows from the job worker,
retried on WeChat's schedule until acknowledged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import secrets

from flask import Response, current_app, jsonify, request

from app import jobs
from app.core import clock
from app.extensions import redis_store
from app.wechat.sandbox import bp
from app.wechat.signing import sign_v2, verify_v2
from app.wechat.xml import MalformedXML, UnsafeXML, parse_flat_xml, to_xml

ORDER_KEY = "sandbox:pay:order:"
PREPAY_KEY = "sandbox:pay:prepay:"
TRANSACTION_KEY = "sandbox:pay:transaction:"
#: WeChat will not close an order within 5 minutes of its creation.
CLOSE_NOT_BEFORE = dt.timedelta(minutes=5)
#: How long the sandbox takes to carry out a refund to the payer's balance (WeChat: seconds to
#: minutes); after it a refund query says SUCCESS, whether or not its notification got through.
REFUND_PROCESSING = dt.timedelta(seconds=1)


# -- state ------------------------------------------------------------------------------------

def load_order(out_trade_no: str) -> dict | None:
    raw = redis_store.get(ORDER_KEY + out_trade_no)
    return json.loads(raw) if raw else None


def save_order(order: dict) -> None:
    redis_store.set(ORDER_KEY + order["out_trade_no"], json.dumps(order))


def order_named_in(fields: dict) -> dict | None:
    """The order a request names: by WeChat's transaction_id first, as WeChat does, else by out_trade_no."""
    if fields.get("transaction_id"):
        out_trade_no = redis_store.get(TRANSACTION_KEY + fields["transaction_id"])
        return load_order(out_trade_no.decode()) if out_trade_no else None
    return load_order(fields["out_trade_no"]) if fields.get("out_trade_no") else None


def order_by_prepay_id(prepay_id: str) -> dict | None:
    out_trade_no = redis_store.get(PREPAY_KEY + prepay_id)
    return load_order(out_trade_no.decode()) if out_trade_no else None


def _now_shanghai() -> str:
    return clock.to_shanghai(clock.now()).strftime("%Y%m%d%H%M%S")


def _parse_shanghai(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=clock.SHANGHAI)


# -- wire format ------------------------------------------------------------------------------

def signed_xml(fields: dict) -> Response:
    config = current_app.config
    fields = {"appid": config["WECHAT_APPID"], "mch_id": config["WECHAT_MCH_ID"],
              "nonce_str": secrets.token_hex(16), **fields}
    body = to_xml(fields, sign_v2(fields, config["WECHAT_PAY_API_KEY"]))
    return Response(body, mimetype="text/xml")


def return_fail(message: str) -> Response:
    return Response(to_xml({"return_code": "FAIL", "return_msg": message}), mimetype="text/xml")


def result_fail(err_code: str, description: str) -> Response:
    return signed_xml({"return_code": "SUCCESS", "return_msg": "OK", "result_code": "FAIL",
                       "err_code": err_code, "err_code_des": description})


def verified_request() -> tuple[dict | None, Response | None]:
    """The request's fields, or WeChat's answer to a request it would refuse."""
    try:
        fields = parse_flat_xml(request.get_data())
    except (UnsafeXML, MalformedXML):
        return None, return_fail("XML格式错误")
    config = current_app.config
    if not verify_v2(fields, config["WECHAT_PAY_API_KEY"]):
        return None, return_fail("签名错误")
    if fields.get("appid") != config["WECHAT_APPID"]:
        return None, return_fail("appid不存在")
    if fields.get("mch_id") != config["WECHAT_MCH_ID"]:
        return None, return_fail("商户号mch_id与appid不匹配")
    return fields, None


# -- endpoints --------------------------------------------------------------------------------

@bp.post("/pay/unifiedorder")
def unified_order():
    fields, refused = verified_request()
    if refused:
        return refused
    missing = [k for k in ("body", "out_trade_no", "total_fee", "spbill_create_ip", "notify_url", "trade_type")
               if not fields.get(k)]
    if missing:
        return return_fail(f"缺少参数{missing[0]}")
    if fields["trade_type"] == "JSAPI" and not fields.get("openid"):
        return return_fail("JSAPI支付必须传openid")
    if not fields["total_fee"].isdigit() or int(fields["total_fee"]) <= 0:
        return return_fail("total_fee参数格式错误")
    existing = load_order(fields["out_trade_no"])
    if existing:
        if existing["trade_state"] == "SUCCESS":
            return result_fail("ORDERPAID", "该订单已支付")
        same = all(existing[k] == fields.get(k) for k in ("total_fee", "openid", "body"))
        if not same or existing["trade_state"] != "NOTPAY":
            return result_fail("INVALID_REQUEST", "201 商户订单号重复")
        prepay_id = existing["prepay_id"]
    else:
        prepay_id = "wx" + clock.to_shanghai(clock.now()).strftime("%d%H%M%S") + secrets.token_hex(12)
        save_order({
            "out_trade_no": fields["out_trade_no"], "total_fee": fields["total_fee"], "openid": fields.get("openid"),
            "body": fields["body"], "attach": fields.get("attach"), "notify_url": fields["notify_url"],
            "time_start": fields.get("time_start") or _now_shanghai(), "time_expire": fields.get("time_expire"),
            "created_at": clock.now().timestamp(), "prepay_id": prepay_id, "trade_state": "NOTPAY",
            "transaction_id": None, "time_end": None,
        })
        redis_store.set(PREPAY_KEY + prepay_id, fields["out_trade_no"])
    return signed_xml({"return_code": "SUCCESS", "return_msg": "OK", "result_code": "SUCCESS",
                       "trade_type": fields["trade_type"], "prepay_id": prepay_id})


@bp.post("/pay/orderquery")
def order_query():
    fields, refused = verified_request()
    if refused:
        return refused
    order = order_named_in(fields)
    if order is None:
        return result_fail("ORDERNOTEXIST", "订单不存在")
    answer = {"return_code": "SUCCESS", "return_msg": "OK", "result_code": "SUCCESS",
              "out_trade_no": order["out_trade_no"], "trade_state": order["trade_state"],
              "total_fee": order["total_fee"], "openid": order["openid"], "trade_type": "JSAPI",
              "attach": order.get("attach")}
    if order["trade_state"] == "SUCCESS":
        answer.update(transaction_id=order["transaction_id"], time_end=order["time_end"], cash_fee=order["total_fee"],
                      fee_type="CNY", bank_type="OTHERS", is_subscribe="N")
    return signed_xml(answer)


@bp.post("/pay/closeorder")
def close_order():
    fields, refused = verified_request()
    if refused:
        return refused
    order = load_order(fields.get("out_trade_no", ""))
    if order is None:
        return result_fail("ORDERNOTEXIST", "订单不存在")
    if order["trade_state"] == "SUCCESS":
        return result_fail("ORDERPAID", "订单已支付，不能发起关单")
    if clock.now().timestamp() - order["created_at"] < CLOSE_NOT_BEFORE.total_seconds():
        return result_fail("SYSTEMERROR", "订单生成后不能马上调用关单接口，最短调用时间间隔为5分钟")
    if order["trade_state"] == "CLOSED":
        return result_fail("ORDERCLOSED", "订单已关闭")
    order["trade_state"] = "CLOSED"
    save_order(order)
    return signed_xml({"return_code": "SUCCESS", "return_msg": "OK", "result_code": "SUCCESS"})


@bp.post("/pay/confirm")
def confirm_payment():
    """The sandbox user pays (or, with ``fail``, the payment fails). Not a WeChat endpoint."""
    body = request.get_json(silent=True) or {}
    order = order_by_prepay_id(str(body.get("prepay_id", "")))
    if order is None:
        return jsonify({"error": "unknown prepay_id"}), 404
    if order["trade_state"] != "NOTPAY":
        return jsonify({"error": f"the order is {order['trade_state']}", "trade_state": order["trade_state"]}), 409
    if order.get("time_expire") and _parse_shanghai(order["time_expire"]) <= clock.now():
        return jsonify({"error": "the payment window has passed", "trade_state": "NOTPAY"}), 409
    if body.get("fail"):
        order["trade_state"] = "PAYERROR"
        save_order(order)
        return jsonify({"trade_state": "PAYERROR"})
    order["trade_state"] = "SUCCESS"
    order["transaction_id"] = "4200" + clock.to_shanghai(clock.now()).strftime("%Y%m%d") + f"{secrets.randbelow(10**18):018d}"
    order["time_end"] = _now_shanghai()
    save_order(order)
    redis_store.set(TRANSACTION_KEY + order["transaction_id"], order["out_trade_no"])

    from app.wechat.sandbox.tasks import deliver_payment_notification, deliver_v3_payment_notification

    # An order created through the v3 API is notified in v3's format.
    deliver = deliver_v3_payment_notification if order.get("version") == "v3" else deliver_payment_notification
    jobs.enqueue(deliver, order["out_trade_no"], 0)
    if random.random() < current_app.config["SANDBOX_DUPLICATE_RATE"]:
        # WeChat sometimes delivers one notification twice, a moment apart.
        jobs.enqueue(deliver, order["out_trade_no"], 0,
                     delay=dt.timedelta(seconds=1 * current_app.config["SANDBOX_NOTIFY_TIME_SCALE"]))
    return jsonify({"trade_state": "SUCCESS", "transaction_id": order["transaction_id"]})


def payment_notification_fields(order: dict) -> dict:
    config = current_app.config
    return {
        "appid": config["WECHAT_APPID"], "mch_id": config["WECHAT_MCH_ID"], "nonce_str": secrets.token_hex(16),
        "return_code": "SUCCESS", "result_code": "SUCCESS", "openid": order["openid"], "is_subscribe": "N",
        "trade_type": "JSAPI", "bank_type": "OTHERS", "total_fee": order["total_fee"], "cash_fee": order["total_fee"],
        "fee_type": "CNY", "transaction_id": order["transaction_id"], "out_trade_no": order["out_trade_no"],
        "attach": order.get("attach"), "time_end": order["time_end"],
    }


REFUND_KEY = "sandbox:pay:refund:"
REFUNDS_OF_ORDER_KEY = "sandbox:pay:refunds-of:"


def load_refund(out_refund_no: str) -> dict | None:
    raw = redis_store.get(REFUND_KEY + out_refund_no)
    return json.loads(raw) if raw else None


def save_refund(refund: dict) -> None:
    pipe = redis_store.client.pipeline()
    pipe.set(REFUND_KEY + refund["out_refund_no"], json.dumps(refund))
    pipe.sadd(REFUNDS_OF_ORDER_KEY + refund["out_trade_no"], refund["out_refund_no"])
    pipe.execute()


def settle_refund(refund: dict, *, now: dt.datetime | None = None) -> dict:
    """A PROCESSING refund succeeds once it has been processed: at ``now`` (its notification is
    being sent), or when a query finds it older than REFUND_PROCESSING. Stored either way."""
    if refund["refund_status"] != "PROCESSING":
        return refund
    created = dt.datetime.fromtimestamp(refund.get("created_at") or clock.now().timestamp(), clock.UTC)
    if now is None:
        if clock.now() < created + REFUND_PROCESSING:
            return refund
        now = created + REFUND_PROCESSING
    refund["refund_status"] = "SUCCESS"
    refund["success_time"] = clock.to_shanghai(now).strftime("%Y-%m-%d %H:%M:%S")
    save_refund(refund)
    return refund


def refunded_so_far(out_trade_no: str) -> int:
    numbers = [n.decode() for n in redis_store.smembers(REFUNDS_OF_ORDER_KEY + out_trade_no)]
    return sum(int(load_refund(n)["refund_fee"]) for n in numbers if load_refund(n))


@bp.post("/secapi/pay/refund")
def refund():
    fields, refused = verified_request()
    if refused:
        return refused
    order = order_named_in(fields)
    if order is None or order["trade_state"] not in ("SUCCESS", "REFUND"):
        return result_fail("ORDERNOTEXIST", "订单不存在")
    if not fields.get("out_refund_no") or not str(fields.get("refund_fee", "")).isdigit():
        return return_fail("缺少参数out_refund_no或refund_fee")
    if fields.get("total_fee") != order["total_fee"]:
        return result_fail("INVALID_REQUEST", "订单金额或退款金额与之前请求不一致")
    existing = load_refund(fields["out_refund_no"])
    if existing is None:
        refund_fee = int(fields["refund_fee"])
        if refund_fee <= 0 or refunded_so_far(order["out_trade_no"]) + refund_fee > int(order["total_fee"]):
            return result_fail("INVALID_REQUEST", "退款金额大于支付金额")
        existing = {
            "out_refund_no": fields["out_refund_no"], "out_trade_no": order["out_trade_no"],
            "transaction_id": order["transaction_id"], "total_fee": order["total_fee"],
            "refund_fee": str(refund_fee), "refund_id": "5030" + secrets.token_hex(12),
            "notify_url": fields.get("notify_url"), "refund_status": "PROCESSING",
            "created_at": clock.now().timestamp(),
        }
        save_refund(existing)
        from app.wechat.sandbox.tasks import deliver_refund_notification

        jobs.enqueue(deliver_refund_notification, existing["out_refund_no"], 0)
    elif existing["refund_fee"] != fields["refund_fee"]:
        return result_fail("INVALID_REQUEST", "同一退款单号退款金额不一致")
    return signed_xml({"return_code": "SUCCESS", "return_msg": "OK", "result_code": "SUCCESS",
                       "transaction_id": existing["transaction_id"], "out_trade_no": existing["out_trade_no"],
                       "out_refund_no": existing["out_refund_no"], "refund_id": existing["refund_id"],
                       "refund_fee": existing["refund_fee"], "total_fee": existing["total_fee"],
                       "cash_fee": existing["total_fee"]})


@bp.post("/pay/refundquery")
def refund_query():
    """``pay/refundquery`` by ``out_refund_no``: the refund, numbered ``_0`` as WeChat lists them."""
    fields, refused = verified_request()
    if refused:
        return refused
    refund = load_refund(fields.get("out_refund_no") or "")
    if refund is None:
        return result_fail("REFUNDNOTEXIST", "退款订单查询失败")
    refund = settle_refund(refund)
    answer = {"return_code": "SUCCESS", "return_msg": "OK", "result_code": "SUCCESS",
              "transaction_id": refund["transaction_id"], "out_trade_no": refund["out_trade_no"],
              "total_fee": refund["total_fee"], "cash_fee": refund["total_fee"], "refund_count": "1",
              "refund_fee": refund["refund_fee"], "out_refund_no_0": refund["out_refund_no"],
              "refund_id_0": refund["refund_id"], "refund_channel_0": "ORIGINAL",
              "refund_fee_0": refund["refund_fee"], "refund_status_0": refund["refund_status"],
              "refund_account_0": "REFUND_SOURCE_RECHARGE_FUNDS", "refund_recv_accout_0": "支付用户零钱"}
    if refund.get("success_time"):
        answer["refund_success_time_0"] = refund["success_time"]
    return signed_xml(answer)


def refund_notification_fields(refund: dict) -> dict:
    """A v2 refund notification: the details travel encrypted in ``req_info`` (AES-256-ECB, key md5(api key))."""
    from wechatpy.crypto import RefundCrypto

    config = current_app.config
    refund = settle_refund(refund, now=clock.now())
    inner = "<root>" + "".join(
        f"<{k}><![CDATA[{v}]]></{k}>" for k, v in {
            "out_refund_no": refund["out_refund_no"], "out_trade_no": refund["out_trade_no"],
            "refund_account": "REFUND_SOURCE_RECHARGE_FUNDS", "refund_fee": refund["refund_fee"],
            "refund_id": refund["refund_id"], "refund_recv_accout": "支付用户零钱",
            "refund_request_source": "API", "refund_status": refund["refund_status"],
            "settlement_refund_fee": refund["refund_fee"], "settlement_total_fee": refund["total_fee"],
            "success_time": refund.get("success_time", ""), "total_fee": refund["total_fee"],
            "transaction_id": refund["transaction_id"],
        }.items()) + "</root>"
    key = hashlib.md5(config["WECHAT_PAY_API_KEY"].encode()).hexdigest().encode()
    req_info = RefundCrypto(key).encrypt(inner).decode()
    return {"return_code": "SUCCESS", "appid": config["WECHAT_APPID"], "mch_id": config["WECHAT_MCH_ID"],
            "nonce_str": secrets.token_hex(16), "req_info": req_info}
