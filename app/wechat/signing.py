"""WeChat Pay v2 signatures: one way to sign and one way to verify, constant-time.

Signing is wechatpy's (the canonical ``k=v&...&key=API_KEY`` string, MD5 or
HMAC-SHA256, upper-case hex). Verification recomputes it and compares with
``hmac.compare_digest``; wechatpy's own checks compare with ``!=``.
"""

from __future__ import annotations

import hmac

from wechatpy.pay.utils import calculate_signature, calculate_signature_hmac

MD5 = "MD5"
HMAC_SHA256 = "HMAC-SHA256"


def sign_v2(params: dict, api_key: str, sign_type: str = MD5) -> str:
    """Sign ``params`` (without ``sign``); empty values are left out, as WeChat does."""
    unsigned = {k: v for k, v in params.items() if k != "sign"}
    if sign_type == HMAC_SHA256:
        return calculate_signature_hmac(unsigned, api_key)
    if sign_type == MD5:
        return calculate_signature(unsigned, api_key)
    raise ValueError(f"unknown sign_type {sign_type!r}")


def verify_v2(params: dict, api_key: str) -> bool:
    """Whether ``params["sign"]`` is the signature of the rest, by their ``sign_type`` (MD5 default)."""
    given = params.get("sign")
    if not isinstance(given, str) or not given:
        return False
    try:
        expected = sign_v2(params, api_key, params.get("sign_type") or MD5)
    except ValueError:
        return False
    return hmac.compare_digest(given.upper().encode(), expected.encode())
