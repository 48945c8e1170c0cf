"""Our v2 signing and verification against third-party published vectors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.wechat.signing import HMAC_SHA256, MD5, sign_v2, verify_v2

VECTORS = Path(__file__).parent.parent / "vectors"
OFFICIAL = json.loads((VECTORS / "pay_v2_sign_official_doc.json").read_text())
WECHATPY = json.loads((VECTORS / "pay_v2_sign_wechatpy_test.json").read_text())


def test_md5_signature_of_wechat_pays_documented_example():
    assert sign_v2(OFFICIAL["params"], OFFICIAL["api_key"], MD5) == OFFICIAL["expected_md5"]


def test_hmac_sha256_signature_of_wechat_pays_documented_example():
    assert sign_v2(OFFICIAL["params"], OFFICIAL["api_key"], HMAC_SHA256) == OFFICIAL["expected_hmac_sha256"]


def test_md5_signature_of_wechatpys_test_vector():
    assert sign_v2(WECHATPY["params"], WECHATPY["api_key"]) == WECHATPY["expected_md5"]


@pytest.mark.parametrize("vector, sign_type, expected", [
    (OFFICIAL, None, OFFICIAL["expected_md5"]),
    (OFFICIAL, HMAC_SHA256, OFFICIAL["expected_hmac_sha256"]),
    (WECHATPY, None, WECHATPY["expected_md5"]),
])
def test_the_vectors_verify_and_any_change_does_not(vector, sign_type, expected):
    params = dict(vector["params"], sign=expected)
    if sign_type:
        params["sign_type"] = sign_type
        # sign_type takes part in the signature; the documented example signs without it.
        params["sign"] = sign_v2(params, vector["api_key"], sign_type)
    assert verify_v2(params, vector["api_key"])
    assert verify_v2(dict(params, sign=params["sign"].lower()), vector["api_key"])
    key = next(iter(vector["params"]))
    assert not verify_v2(dict(params, **{key: vector["params"][key] + "x"}), vector["api_key"])
    assert not verify_v2(params, vector["api_key"][:-1] + "0")
    assert not verify_v2({k: v for k, v in params.items() if k != "sign"}, vector["api_key"])


def test_empty_values_take_no_part_in_the_signature():
    with_empty = dict(OFFICIAL["params"], attach="")
    assert sign_v2(with_empty, OFFICIAL["api_key"]) == OFFICIAL["expected_md5"]
