"""Our v2 refund-notification handling against wechatpy's published vector."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.wechat.pay import NotificationRejected, PayV2Gateway

VECTORS = Path(__file__).parent.parent / "vectors"
VECTOR = json.loads((VECTORS / "refund_notify_wechatpy.json").read_text())
BODY = (VECTORS / VECTOR["xml_file"]).read_bytes()


def gateway_for(appid: str, mch_id: str, api_key: str) -> PayV2Gateway:
    return PayV2Gateway({
        "WECHAT_APPID": appid, "WECHAT_MCH_ID": mch_id, "WECHAT_PAY_API_KEY": api_key,
        "WECHAT_HTTP_TIMEOUT": 5, "WECHAT_PAY_BASE_URL": "http://127.0.0.1:9/", "PUBLIC_BASE_URL": "http://x",
    })


def test_the_vector_decrypts_to_its_refund():
    result = gateway_for(VECTOR["appid"], VECTOR["mch_id"], VECTOR["api_key"]).parse_notification({}, BODY).refund
    expected = VECTOR["expected"]
    assert result.refund_no == expected["out_refund_no"]
    assert result.wechat_refund_id == expected["refund_id"]
    assert result.raw["out_trade_no"] == expected["out_trade_no"]
    assert result.raw["transaction_id"] == expected["transaction_id"]


@pytest.mark.parametrize("appid, mch_id, api_key, reason", [
    ("wx0000000000000000", VECTOR["mch_id"], VECTOR["api_key"], "appid_mismatch"),
    (VECTOR["appid"], "99999999", VECTOR["api_key"], "mch_id_mismatch"),
    (VECTOR["appid"], VECTOR["mch_id"], "0" * 32, "undecryptable"),
])
def test_another_merchants_or_keys_notification_is_refused(appid, mch_id, api_key, reason):
    with pytest.raises(NotificationRejected) as refused:
        gateway_for(appid, mch_id, api_key).parse_notification({}, BODY)
    assert refused.value.reason == reason


def test_a_refund_notification_with_a_dtd_is_refused_before_decryption():
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>' + BODY
    with pytest.raises(NotificationRejected) as refused:
        gateway_for(VECTOR["appid"], VECTOR["mch_id"], VECTOR["api_key"]).parse_notification({}, evil)
    assert refused.value.reason == "dtd_or_entity"
