"""Login, logout, token checks and phone binding."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from dataclasses import dataclass

import redis
import sqlalchemy as sa
from flask import current_app

from app.auth.models import AuthToken
from app.core import clock
from app.errors import Unauthorized, ValidationFailed
from app.extensions import db, redis_store
from app.referrals import services as referrals
from app.users import services as users
from app.users.models import User
from app.wechat import client as wechat
from app.wechat.errors import InvalidCode

log = logging.getLogger(__name__)

TOKEN_PREFIX = "rc_"
CACHE_PREFIX = "auth:token:"


class InvalidLoginCode(Unauthorized):
    code = "invalid_code"
    message = "WeChat did not accept this login code; please log in again."


class InvalidPhoneCode(ValidationFailed):
    code = "invalid_code"
    message = "WeChat did not accept this phone code; please tap the button again."


class InvalidToken(Unauthorized):
    code = "invalid_token"
    message = "Your session has ended; please log in again."


@dataclass
class LoginResult:
    token: str
    expires_in: int
    user: User
    created: bool


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def login(code: str, share_token: str | None = None) -> LoginResult:
    """Log in with a ``wx.login`` code: one user per openid, a new token per login.

    A new user who arrives through a ``share_token`` is attributed to its sharer (first touch).
    """
    try:
        session = wechat.code_to_session(code)
    except InvalidCode:
        raise InvalidLoginCode() from None
    user, created = users.record_wechat_login(session["openid"], session["session_key"], session["unionid"])
    if created and share_token:
        referrals.attribute_new_user(user.id, share_token)
    token, ttl = issue_token(user.id)
    return LoginResult(token=token, expires_in=ttl, user=user, created=created)


def issue_token(user_id: int) -> tuple[str, int]:
    ttl = int(current_app.config["AUTH_TOKEN_TTL_SECONDS"])
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    db.session.add(AuthToken(user_id=user_id, token_hash=hash_token(token),
                             expires_at=clock.now() + dt.timedelta(seconds=ttl)))
    db.session.flush()
    return token, ttl


def authenticate(token: str) -> int:
    """The user id behind a bearer token, or ``InvalidToken``.

    A valid token is remembered in Redis for a few minutes so the hot path skips the
    database; logout deletes that entry. When Redis is down we ask the database.
    """
    if not token.startswith(TOKEN_PREFIX) or len(token) > 128:
        raise InvalidToken()
    token_hash = hash_token(token)
    now = clock.now()
    cached = _cache_get(token_hash)
    if cached is not None:
        user_id, expires_ts = cached
        if expires_ts > now.timestamp():
            return user_id
    row = db.session.execute(
        sa.select(AuthToken.user_id, AuthToken.expires_at).where(
            AuthToken.token_hash == token_hash, AuthToken.revoked_at.is_(None)
        )
    ).one_or_none()
    if row is None or row.expires_at <= now:
        raise InvalidToken()
    _cache_set(token_hash, row.user_id, row.expires_at, now)
    return row.user_id


def logout(token: str) -> None:
    """Revoke the token at once, in the database and in the cache."""
    token_hash = hash_token(token)
    db.session.execute(
        sa.update(AuthToken)
        .where(AuthToken.token_hash == token_hash, AuthToken.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )
    # If Redis is down this raises and the request answers 503 with nothing committed:
    # a logout that left a cached token alive would be a lie.
    redis_store.delete(CACHE_PREFIX + token_hash)


def bind_phone(user_id: int, code: str) -> User:
    """Store the user's phone from a ``getPhoneNumber`` one-time code."""
    try:
        phone = wechat.get_phone_number(code)
    except InvalidCode:
        # 422, not 401: a 401 would send the client to log in again and waste the consent.
        raise InvalidPhoneCode(details={"fields": {"code": [InvalidPhoneCode.message]}}) from None
    return users.set_phone(user_id, phone["pure_phone"])


def _cache_get(token_hash: str) -> tuple[int, float] | None:
    try:
        value = redis_store.get(CACHE_PREFIX + token_hash)
    except redis.RedisError:
        return None
    if not value:
        return None
    user_id, expires_ts = value.decode().split(":", 1)
    return int(user_id), float(expires_ts)


def _cache_set(token_hash: str, user_id: int, expires_at: dt.datetime, now: dt.datetime) -> None:
    ttl = min(int(current_app.config["AUTH_TOKEN_CACHE_SECONDS"]), int((expires_at - now).total_seconds()))
    if ttl <= 0:
        return
    try:
        redis_store.set(CACHE_PREFIX + token_hash, f"{user_id}:{expires_at.timestamp()}", ex=ttl)
    except redis.RedisError:
        log.info("token cache unavailable")
