"""WeChat Pay v2 as the sandbox plays it: unifiedorder, orderquery, closeorder, refund, refundquery.

Requests are XML signed with the merchant's API key and checked like WeChat checks them;
answers are signed the same way. Paying is the user's side (``routes``: ``pay/confirm``).
"""

from __future__ import annotations

import secrets

from flask import Response, current_app, request

from app.core import clock, jobs
from app.sandbox.blueprint import blp
from app.sandbox.deliveries import deliver_refund
from app.sandbox.pay_state import (
    CLOSE_NOT_BEFORE,
    load_order,
    load_refund,
    new_prepay_id,
    new_refund,
    now_shanghai,
    order_named_in,
    refunded_so_far,
    remember_prepay,
    save_order,
    settle_refund,
)
from app.wechat.signing import sign_v2, verify_v2
from app.wechat.xml import MalformedXML, UnsafeXML, parse_flat_xml, to_xml

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

@blp.post("/pay/unifiedorder")
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
        if existing["trade_state"] == "CLOSED":  # WeChat's documented answer for a closed order
            return result_fail("ORDERCLOSED", "当前订单已关闭，请重新下单")
        same = all(existing[k] == fields.get(k) for k in ("total_fee", "openid", "body"))
        if not same or existing["trade_state"] != "NOTPAY":
            return result_fail("INVALID_REQUEST", "201 商户订单号重复")
        prepay_id = existing["prepay_id"]
    else:
        prepay_id = new_prepay_id()
        save_order({
            "out_trade_no": fields["out_trade_no"], "total_fee": fields["total_fee"], "openid": fields.get("openid"),
            "body": fields["body"], "attach": fields.get("attach"), "notify_url": fields["notify_url"],
            "time_start": fields.get("time_start") or now_shanghai(), "time_expire": fields.get("time_expire"),
            "created_at": clock.now().timestamp(), "prepay_id": prepay_id, "trade_state": "NOTPAY",
            "transaction_id": None, "time_end": None,
        })
        remember_prepay(prepay_id, fields["out_trade_no"])
    return signed_xml({"return_code": "SUCCESS", "return_msg": "OK", "result_code": "SUCCESS",
                       "trade_type": fields["trade_type"], "prepay_id": prepay_id})


@blp.post("/pay/orderquery")
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


@blp.post("/pay/closeorder")
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


@blp.post("/secapi/pay/refund")
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
        existing = new_refund(order, fields["out_refund_no"], refund_fee, fields.get("notify_url"), "v2")
        jobs.enqueue(deliver_refund, existing["out_refund_no"], 0)
    elif existing["refund_fee"] != fields["refund_fee"]:
        return result_fail("INVALID_REQUEST", "同一退款单号退款金额不一致")
    return signed_xml({"return_code": "SUCCESS", "return_msg": "OK", "result_code": "SUCCESS",
                       "transaction_id": existing["transaction_id"], "out_trade_no": existing["out_trade_no"],
                       "out_refund_no": existing["out_refund_no"], "refund_id": existing["refund_id"],
                       "refund_fee": existing["refund_fee"], "total_fee": existing["total_fee"],
                       "cash_fee": existing["total_fee"]})


@blp.post("/pay/refundquery")
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
