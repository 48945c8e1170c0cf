"""Bearer tokens: issued at login, checked on every request, revoked at logout.

Opaque and random, stored hashed, expiring and revocable: never a signed token with a
shared secret (docs/domain.md, Users).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets

import redis
import sqlalchemy as sa
from flask import current_app

from app.auth.models import AuthToken
from app.core import clock
from app.errors import Unauthorized
from app.extensions import db, redis_store

log = logging.getLogger(__name__)

TOKEN_PREFIX = "rc_"
CACHE_PREFIX = "auth:token:"


class InvalidToken(Unauthorized):
    code = "invalid_token"
    message = "Your session has ended; please log in again."


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


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
