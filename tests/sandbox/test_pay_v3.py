"""The sandbox's Pay v3 checks the merchant's signature as WeChat does, and signs its answers."""

from __future__ import annotations

import base64
import secrets
import time
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from app.core import clock
from app.wechat.pay.v3 import check_signature, platform_keys
from tests.payments.v3_helpers import another_rsa_key


def merchant_key(app):
    return serialization.load_pem_private_key(Path(app.config["WECHAT_PAY_PRIVATE_KEY_PATH"]).read_bytes(), None)


def authorization(app, method: str, url: str, body: bytes = b"", *, key=None, timestamp: int | None = None,
                  serial: str | None = None, mchid: str | None = None) -> str:
    """WeChat Pay v3's Authorization header, built by hand (as its documentation describes)."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    nonce = secrets.token_hex(16)
    message = f"{method}\n{url}\n{stamp}\n{nonce}\n".encode() + body + b"\n"
    signature = base64.b64encode((key or merchant_key(app)).sign(message, padding.PKCS1v15(), hashes.SHA256()))
    return (f'WECHATPAY2-SHA256-RSA2048 mchid="{mchid or app.config["WECHAT_MCH_ID"]}",nonce_str="{nonce}",'
            f'signature="{signature.decode()}",timestamp="{stamp}",'
            f'serial_no="{serial or app.config["WECHAT_PAY_CERT_SERIAL"]}"')


def query(app, out_trade_no: str, **auth):
    url = f"/v3/pay/transactions/out-trade-no/{out_trade_no}?mchid={app.config['WECHAT_MCH_ID']}"
    headers = {"Accept": "application/json", "Authorization": authorization(app, "GET", url, **auth)}
    return requests.get(app.config["LIVE_SERVER_URL"] + "/sandbox/wechat" + url, headers=headers, timeout=10)


def assert_signed_by_the_platform(app, response):
    check_signature(response.headers, response.content, platform_keys(app.config), now=clock.now())
    assert response.headers["Wechatpay-Signature-Type"] == "WECHATPAY2-SHA256-RSA2048"


def test_a_correctly_signed_request_gets_a_signed_answer(v3_app, catalog):
    response = query(v3_app, "RC20261126000000NOSUCH")
    assert response.status_code == 404
    assert response.json()["code"] == "ORDER_NOT_EXIST"
    assert_signed_by_the_platform(v3_app, response)


@pytest.mark.parametrize("auth", [
    {"key": "another"},
    {"timestamp": "stale"},
    {"serial": "0123456789ABCDEF"},
    {"mchid": "1900000000"},
])
def test_the_sandbox_refuses_what_wechat_would_refuse(v3_app, catalog, auth):
    if auth.get("key") == "another":
        auth = {"key": another_rsa_key()}
    if auth.get("timestamp") == "stale":
        auth = {"timestamp": int(time.time()) - 301}
    response = query(v3_app, "RC20261126000000NOSUCH", **auth)
    assert response.status_code == 401
    assert response.json()["code"] == "SIGN_ERROR"
    assert_signed_by_the_platform(v3_app, response)


def test_a_request_without_authorization_is_refused(v3_app):
    url = v3_app.config["LIVE_SERVER_URL"] + "/sandbox/wechat/v3/refund/domestic/refunds"
    response = requests.post(url, json={"out_trade_no": "RC1", "out_refund_no": "RF1"}, timeout=10)
    assert response.status_code == 401 and response.json()["code"] == "SIGN_ERROR"


def test_a_request_whose_body_changed_after_signing_is_refused(v3_app, v3_order):
    url = "/v3/refund/domestic/refunds"
    signed = b'{"out_trade_no":"%s","out_refund_no":"RF1","amount":{"refund":1,"total":1600,"currency":"CNY"}}' % (
        v3_order["order_no"].encode())
    sent = signed.replace(b'"refund":1,', b'"refund":1600,')
    response = requests.post(v3_app.config["LIVE_SERVER_URL"] + "/sandbox/wechat" + url, data=sent, timeout=10,
                             headers={"Content-Type": "application/json",
                                      "Authorization": authorization(v3_app, "POST", url, signed)})
    assert response.status_code == 401 and response.json()["code"] == "SIGN_ERROR"
