"""The sandbox checks the merchant's v3 signature as WeChat does, and our gateway checks the sandbox's."""

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
from app.wechat.errors import WeChatUnavailable
from app.wechat.pay.v3 import PayV3Gateway, check_signature, platform_keys
from tests.payments.v3_helpers import another_rsa_key

VECTOR_CERT = str(Path(__file__).parent.parent / "vectors" / "v3_wechatpay_go_platform_cert.pem")


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


# -- our gateway and the answers it trusts ----------------------------------------------------------

def test_the_gateway_does_not_trust_an_answer_signed_by_a_key_it_does_not_hold(v3_app, v3_order):
    # The sandbox signs with its platform key; this gateway expects another key under that id.
    config = dict(v3_app.config, WECHAT_PAY_PLATFORM_KEYS={v3_app.config["SANDBOX_PLATFORM_KEY_ID"]: VECTOR_CERT})
    with pytest.raises(WeChatUnavailable) as refused:
        PayV3Gateway(config).query(v3_order["order_no"])
    assert "could not be verified" in refused.value.message


def test_the_gateway_does_not_trust_an_answer_under_a_serial_it_does_not_know(v3_app, v3_order):
    config = dict(v3_app.config, WECHAT_PAY_PLATFORM_KEYS={"D7CE59D1F522D701": VECTOR_CERT})
    with pytest.raises(WeChatUnavailable):
        PayV3Gateway(config).query(v3_order["order_no"])


def test_the_gateway_starts_without_reaching_wechat(v3_app):
    from tests.support import free_port

    # Nothing listens there: building the gateway must not fetch certificates; a call then fails cleanly.
    config = dict(v3_app.config, WECHAT_PAY_BASE_URL=f"http://127.0.0.1:{free_port()}/", WECHAT_HTTP_TIMEOUT=2)
    gateway = PayV3Gateway(config)
    with pytest.raises(WeChatUnavailable):
        gateway.query("RC20261126000000NOSUCH")


def test_the_gateway_reads_a_trade_state_from_a_verified_answer(v3_app, v3_client, v3_order):
    from app.wechat.pay import gateway

    v3_client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": v3_order["pay_params"]["package"][10:]})
    with v3_app.app_context():
        state = gateway().query(v3_order["order_no"])
        missing = gateway().query("RC20261126000000NOSUCH")
    assert state.state == "SUCCESS"
    assert (state.notice.out_trade_no, state.notice.total_fee, state.notice.mch_id) == (
        v3_order["order_no"], 1600, v3_app.config["WECHAT_MCH_ID"])
    assert state.notice.succeeded and state.notice.paid_at is not None
    assert missing.state == "NOTFOUND" and missing.notice is None
