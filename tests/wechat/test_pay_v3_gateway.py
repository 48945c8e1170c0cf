"""Our Pay v3 gateway checks the sandbox's signatures: it trusts only answers signed by a platform key it
holds, and starts without reaching WeChat."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.wechat.errors import WeChatUnavailable
from app.wechat.pay.v3 import PayV3Gateway

VECTOR_CERT = str(Path(__file__).parent.parent / "vectors" / "v3_wechatpay_go_platform_cert.pem")


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
