"""Building WeChat Pay v3 notifications the way WeChat does, with `cryptography` alone (not our code)."""

from __future__ import annotations

import base64
import json
import secrets
import string
import uuid
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.core import clock

NOTIFY_PATH = "/webhooks/wechatpay/v3/notify"


def platform_private_key(app):
    return serialization.load_pem_private_key(Path(app.config["SANDBOX_PLATFORM_PRIVATE_KEY_PATH"]).read_bytes(), None)


def transaction(app, order_no: str, total: int, transaction_id: str | None = None, **changes) -> dict:
    """A TRANSACTION.SUCCESS resource for one of our orders; ``changes`` override top-level fields."""
    resource = {
        "appid": app.config["WECHAT_APPID"], "mchid": app.config["WECHAT_MCH_ID"], "out_trade_no": order_no,
        "transaction_id": transaction_id or "4200" + "".join(secrets.choice(string.digits) for _ in range(24)),
        "trade_type": "JSAPI", "trade_state": "SUCCESS", "trade_state_desc": "支付成功", "bank_type": "OTHERS",
        "success_time": "2026-11-26T10:15:00+08:00", "payer": {"openid": "oSandboxPayer"},
        "amount": {"total": total, "payer_total": total, "currency": "CNY", "payer_currency": "CNY"},
    }
    resource.update(changes)
    return resource


def notification(app, event_type: str, resource: dict, *, original_type: str = "transaction",
                 apiv3_key: str | None = None, timestamp: int | None = None, serial: str | None = None,
                 signing_key=None) -> tuple[dict, bytes]:
    """(headers, raw body) of a v3 notification signed by the sandbox's platform key (or ``signing_key``)."""
    nonce = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(12))
    key = (apiv3_key or app.config["WECHAT_PAY_APIV3_KEY"]).encode()
    ciphertext = AESGCM(key).encrypt(nonce.encode(), json.dumps(resource).encode(), original_type.encode())
    body = json.dumps({
        "id": str(uuid.uuid4()), "create_time": "2026-11-26T10:15:01+08:00", "resource_type": "encrypt-resource",
        "event_type": event_type, "summary": "支付成功",
        "resource": {"original_type": original_type, "algorithm": "AEAD_AES_256_GCM", "associated_data": original_type,
                     "nonce": nonce, "ciphertext": base64.b64encode(ciphertext).decode()},
    }).encode()
    return sign(app, body, timestamp=timestamp, serial=serial, signing_key=signing_key), body


def sign(app, body: bytes, *, timestamp: int | None = None, serial: str | None = None, signing_key=None) -> dict:
    stamp = str(int(clock.now().timestamp()) if timestamp is None else timestamp)
    nonce = secrets.token_hex(16)
    private = signing_key or platform_private_key(app)
    signature = private.sign(stamp.encode() + b"\n" + nonce.encode() + b"\n" + body + b"\n",
                             padding.PKCS1v15(), hashes.SHA256())
    return {"Content-Type": "application/json", "Wechatpay-Timestamp": stamp, "Wechatpay-Nonce": nonce,
            "Wechatpay-Signature": base64.b64encode(signature).decode(),
            "Wechatpay-Serial": serial or app.config["SANDBOX_PLATFORM_KEY_ID"],
            "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048"}


def another_rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def post(client, headers: dict, body: bytes):
    return client.post(NOTIFY_PATH, data=body, headers=headers)
