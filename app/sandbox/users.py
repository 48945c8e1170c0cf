"""The sandbox's memory: who the sandbox users are, their tokens, what was sent to them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets

from flask import current_app

from app.core import clock
from app.extensions import redis_store

SESSION_KEY_PREFIX = "sandbox:session_key:"
NAME_PREFIX = "sandbox:name:"
TOKEN_PREFIX = "sandbox:access_token:"
MESSAGES_PREFIX = "sandbox:messages:"
#: WeChat's count of a user's one-time subscribe permissions, per template.
OPT_INS_PREFIX = "sandbox:subscribe_opt_ins:"
#: Keep what a developer would look at; a sandbox is not an archive.
MESSAGES_KEPT = 200

LOGIN_CODE = re.compile(r"^sandbox:(?P<name>[^\s:]{1,64})$")
PHONE_CODE = re.compile(r"^sandbox-phone:(?P<phone>1\d{10})$")


def _derive(purpose: str, value: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def openid_for(name: str) -> str:
    """A stable openid per sandbox name, shaped like WeChat's 28-character ones."""
    return "o" + _derive("openid", name)[:27]


def unionid_for(name: str) -> str:
    return "u" + _derive("unionid", name)[:27]


def start_session(name: str) -> dict:
    """Log a sandbox user in: a fresh session_key each time, as WeChat rotates it."""
    openid = openid_for(name)
    session_key = base64.b64encode(os.urandom(16)).decode()
    pipe = redis_store.single.pipeline()
    pipe.set(SESSION_KEY_PREFIX + openid, session_key)
    pipe.set(NAME_PREFIX + openid, name)
    pipe.execute()
    return {"openid": openid, "session_key": session_key, "unionid": unionid_for(name)}


def session_key_of(openid: str) -> str | None:
    value = redis_store.single.get(SESSION_KEY_PREFIX + openid)
    return value.decode() if value else None


def is_known_openid(openid: str) -> bool:
    return bool(redis_store.single.exists(NAME_PREFIX + openid))


def issue_access_token(ttl: int = 7200) -> str:
    token = secrets.token_urlsafe(48)
    redis_store.single.set(TOKEN_PREFIX + token, "1", ex=ttl)
    return token


def access_token_valid(token: str | None) -> bool:
    return bool(token) and bool(redis_store.single.exists(TOKEN_PREFIX + token))


def record_message(openid: str, message: dict) -> None:
    entry = dict(message, sent_at=clock.isoformat(clock.now()))
    pipe = redis_store.single.pipeline()
    pipe.rpush(MESSAGES_PREFIX + openid, json.dumps(entry, ensure_ascii=False))
    pipe.ltrim(MESSAGES_PREFIX + openid, -MESSAGES_KEPT, -1)
    pipe.execute()


def accept_subscriptions(openid: str, template_ids: list[str]) -> dict[str, int]:
    """The user tapped "allow" in ``wx.requestSubscribeMessage``: one more send per template."""
    pipe = redis_store.single.pipeline()
    for template_id in template_ids:
        pipe.incr(f"{OPT_INS_PREFIX}{openid}:{template_id}")
    return dict(zip(template_ids, pipe.execute()))


#: Spend one permission if there is one: 1, or 0 when none is left (atomically, like WeChat).
_SPEND_OPT_IN = """
local left = tonumber(redis.call('GET', KEYS[1]) or '0')
if left <= 0 then return 0 end
redis.call('DECR', KEYS[1])
return 1
"""


def spend_subscription(openid: str, template_id: str) -> bool:
    return bool(redis_store.single.eval(_SPEND_OPT_IN, 1, f"{OPT_INS_PREFIX}{openid}:{template_id}"))


def messages_for(openid: str) -> list[dict]:
    return [json.loads(raw) for raw in redis_store.single.lrange(MESSAGES_PREFIX + openid, 0, -1)]


def encrypt_werun(session_key: str, steps_by_day: list[int]) -> dict:
    """WeChat's open-data encryption (AES-128-CBC, PKCS#7) of a WeRun stepInfoList, today first."""
    import datetime as dt

    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    today = clock.to_shanghai(clock.now()).date()
    entries = []
    for offset, steps in enumerate(steps_by_day):
        midnight = dt.datetime.combine(today - dt.timedelta(days=offset), dt.time(), tzinfo=clock.SHANGHAI)
        entries.append({"timestamp": int(midnight.timestamp()), "step": steps})
    plaintext = json.dumps({
        "stepInfoList": list(reversed(entries)),
        "watermark": {"timestamp": int(clock.now().timestamp()), "appid": current_app.config["WECHAT_APPID"]},
    }).encode()
    iv = os.urandom(16)
    padder = padding.PKCS7(128).padder()
    encryptor = Cipher(algorithms.AES(base64.b64decode(session_key)), modes.CBC(iv)).encryptor()
    sealed = encryptor.update(padder.update(plaintext) + padder.finalize()) + encryptor.finalize()
    return {"encrypted_data": base64.b64encode(sealed).decode(), "iv": base64.b64encode(iv).decode()}
