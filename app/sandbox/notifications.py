"""What WeChat Pay sends, as the sandbox builds it: v2's signed XML notification fields, v3's
resources (an order, a refund), v3's signed and encrypted notification bodies, and the
platform signature on v3 answers. Shared by the endpoints and the deliveries."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
import string
import uuid

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app
from wechatpy.crypto import RefundCrypto

from app.core import clock
from app.sandbox.pay_state import settle_refund
from app.wechat.signing import (
    V3_SIGNATURE_TYPE,
    load_private_key_file,
    sign_v3,
    v3_message,
)

_NONCE_ALPHABET = string.ascii_letters + string.digits
TRADE_STATE_DESC = {"SUCCESS": "支付成功", "NOTPAY": "未支付", "CLOSED": "已关闭", "PAYERROR": "支付失败",
                    "REFUND": "转入退款", "PAY_FAIL": "扣款失败", "ACCEPT": "已接收，等待扣款"}


# -- v2 -------------------------------------------------------------------------------------------

def payment_notification_fields(order: dict) -> dict:
    config = current_app.config
    return {
        "appid": config["WECHAT_APPID"], "mch_id": config["WECHAT_MCH_ID"], "nonce_str": secrets.token_hex(16),
        "return_code": "SUCCESS", "result_code": "SUCCESS", "openid": order["openid"], "is_subscribe": "N",
        "trade_type": "JSAPI", "bank_type": "OTHERS", "total_fee": order["total_fee"], "cash_fee": order["total_fee"],
        "fee_type": "CNY", "transaction_id": order["transaction_id"], "out_trade_no": order["out_trade_no"],
        "attach": order.get("attach"), "time_end": order["time_end"],
    }


def refund_notification_fields(refund: dict) -> dict:
    """A v2 refund notification: the details travel encrypted in ``req_info`` (AES-256-ECB, key md5(api key))."""
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


# -- v3 -------------------------------------------------------------------------------------------

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


def json_bytes(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def rfc3339_from_compact(value: str | None) -> str | None:
    """v3's time format, from the ledger's (v2's) Beijing time."""
    if not value:
        return None
    moment = dt.datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=clock.SHANGHAI)
    return moment.isoformat(timespec="seconds")


def transaction_resource(order: dict) -> dict:
    """An order as v3 describes it (query answers and TRANSACTION.SUCCESS resources)."""
    config = current_app.config
    total = int(order["total_fee"])
    resource = {
        "appid": config["WECHAT_APPID"], "mchid": config["WECHAT_MCH_ID"], "out_trade_no": order["out_trade_no"],
        # A contract deduction is trade_type PAP; the first period, paid while signing, is the user's own payment.
        "trade_type": order.get("trade_type", "JSAPI"), "trade_state": order["trade_state"],
        "trade_state_desc": order.get("trade_state_desc") or TRADE_STATE_DESC.get(order["trade_state"],
                                                                                 order["trade_state"]),
        "payer": {"openid": order["openid"]}, "amount": {"total": total, "currency": "CNY"},
    }
    if order.get("attach"):
        resource["attach"] = order["attach"]
    if order["trade_state"] in ("SUCCESS", "REFUND"):
        resource.update(transaction_id=order["transaction_id"], bank_type="OTHERS",
                        success_time=rfc3339_from_compact(order["time_end"]))
        resource["amount"].update(payer_total=total, payer_currency="CNY")
    elif order.get("transaction_id"):  # a failed deduction is an order at WeChat too
        resource["transaction_id"] = order["transaction_id"]
    return resource


def contract_resource(contract: dict) -> dict:
    """A contract as WeChat describes it: the query's and terminate's answer, INSURANCE_ENTRUST.* resources."""
    config = current_app.config
    resource = {
        "mchid": config["WECHAT_MCH_ID"], "appid": config["WECHAT_APPID"], "plan_id": contract["plan_id"],
        "out_contract_code": contract["out_contract_code"], "contract_id": contract["contract_id"],
        "contract_state": contract["state"], "contract_signed_time": contract["signed_time"],
        "contract_expired_time": contract["expired_time"], "openid": contract["openid"],
        "insured_display_name": contract["insured_display_name"],
    }
    if contract.get("out_user_code"):
        resource["out_user_code"] = contract["out_user_code"]
    if contract.get("terminate_info"):
        resource["contract_terminate_info"] = contract["terminate_info"]
    return resource


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


def _nonce12() -> str:
    """AES-GCM's 12-byte nonce, as WeChat sends it: 12 alphanumeric characters."""
    return "".join(secrets.choice(_NONCE_ALPHABET) for _ in range(12))


def encrypted_notification(event_id: str, event_type: str, summary: str, original_type: str,
                           resource: dict, created_at: dt.datetime | None = None) -> bytes:
    """A v3 notification body: the resource encrypted with AES-GCM under the merchant's APIv3 key
    (``created_at``: when the event happened, default now)."""
    nonce = _nonce12()
    ciphertext = AESGCM(current_app.config["WECHAT_PAY_APIV3_KEY"].encode("utf-8")).encrypt(
        nonce.encode("ascii"), json_bytes(resource), original_type.encode("ascii"))
    return json_bytes({
        "id": event_id, "create_time": clock.to_shanghai(created_at or clock.now()).isoformat(timespec="seconds"),
        "resource_type": "encrypt-resource", "event_type": event_type, "summary": summary,
        "resource": {"original_type": original_type, "algorithm": "AEAD_AES_256_GCM",
                     "ciphertext": base64.b64encode(ciphertext).decode("ascii"),
                     "associated_data": original_type, "nonce": nonce},
    })


def event_id(kind: str, key: str) -> str:
    # WeChat keeps one notification id across the retries of one event.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"sandbox:{kind}:{key}"))


def payment_notification_body(order: dict) -> bytes:
    return encrypted_notification(event_id("transaction", order["transaction_id"]), "TRANSACTION.SUCCESS",
                                  "支付成功", "transaction", transaction_resource(order))


def refund_notification_body(refund: dict) -> bytes:
    """The refund succeeds when WeChat first tells of it (as the v2 sandbox does)."""
    refund = settle_refund(refund, now=clock.now())
    event_type = "REFUND." + refund["refund_status"]
    summary = {"SUCCESS": "退款成功", "ABNORMAL": "退款异常", "CLOSED": "退款关闭"}.get(refund["refund_status"], "退款")
    return encrypted_notification(event_id("refund", refund["out_refund_no"] + ":" + refund["refund_status"]),
                                  event_type, summary, "refund", refund_resource(refund))
