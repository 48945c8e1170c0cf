"""Our decryption of mini-program encrypted data against WeChat's own documented example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.wechat.client import decrypt_user_data
from app.wechat.errors import DecryptionFailed

VECTOR = json.loads((Path(__file__).parent.parent / "vectors" / "wxa_userinfo_official_demo.json").read_text())


def test_wechats_official_demo_decrypts_to_the_documented_plaintext(app_ctx):
    data = decrypt_user_data(VECTOR["session_key"], VECTOR["encryptedData"], VECTOR["iv"], appid=VECTOR["appid"])
    assert data == json.loads(VECTOR["expected_plaintext"])
    assert data["openId"] == "oGZUI0egBJY1zhBYw2KhdUfwVJJE"


def test_data_for_another_appid_is_refused(app_ctx):
    with pytest.raises(DecryptionFailed):
        decrypt_user_data(VECTOR["session_key"], VECTOR["encryptedData"], VECTOR["iv"], appid="wx0000000000000000")


def test_a_stale_session_key_does_not_decrypt(app_ctx):
    with pytest.raises(DecryptionFailed):
        decrypt_user_data("AAAAAAAAAAAAAAAAAAAAAA==", VECTOR["encryptedData"], VECTOR["iv"], appid=VECTOR["appid"])
