"""Bearer tokens: issued at login, checked on every request, revoked at logout.

Opaque and random, stored hashed, expiring and revocable: never a signed token with a
shared secret (docs/domain.md, Users).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import secrets
import time

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from app.auth.models import AuthToken
from app.core import clock, near_cache
from app.core.db import after_commit
from app.core.errors import Unauthorized
from app.extensions import REDIS_ERRORS, db, redis_cache, redis_store

log = logging.getLogger(__name__)

TOKEN_PREFIX = "rc_"
#: ``auth:token:<token hash>`` holds ``<user id>:<expiry timestamp>`` for a valid token, or REVOKED.
CACHE_PREFIX = "auth:token:"
#: What logout leaves in a token's cache entry: never overwritten by a cache write, and read as a miss.
REVOKED = b"revoked"
#: How long the revocation marker stays; after it, the database answers (and refuses) the token.
REVOCATION_MARKER_SECONDS = 3600
#: A database answer older than this is not cached: it may predate a logout whose marker it
#: would then outlive (see ``logout``).
CACHE_WRITE_DEADLINE_SECONDS = 5


class InvalidToken(Unauthorized):
    code = "invalid_token"
    message = _l("Your session has ended; please log in again.")


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
    database. Redis is only a copy: when it is down or slow to answer (``redis_cache``'s
    short timeout and circuit breaker) we ask the database, and a revoked token's marker
    sends us there too.
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
    asked_at = time.monotonic()
    row = db.session.execute(
        sa.select(AuthToken.user_id, AuthToken.expires_at).where(
            AuthToken.token_hash == token_hash, AuthToken.revoked_at.is_(None)
        )
    ).one_or_none()
    if row is None or row.expires_at <= now:
        raise InvalidToken()
    _cache_set(token_hash, row.user_id, row.expires_at, now, asked_at)
    return row.user_id


def logout(token: str) -> None:
    """Revoke the token at once, in the database and in the cache, for every worker and node.

    A request that read the token's row just before the revocation committed may try to cache
    it a moment later. So the cache entry is overwritten with a revocation marker, which cache
    writes never replace (``SET NX``), before the commit and again after it: a write that comes
    before the marker is overwritten, one that comes after is refused. A reader caches only an
    answer younger than CACHE_WRITE_DEADLINE_SECONDS, far less than the marker lives.

    If Redis cannot take the marker this raises and the request answers 503 with nothing
    committed: a logout that left a cached token alive (for up to AUTH_TOKEN_CACHE_SECONDS)
    would be a lie. It uses the patient client (``redis_store``), not the cache's.
    """
    token_hash = hash_token(token)
    db.session.execute(
        sa.update(AuthToken)
        .where(AuthToken.token_hash == token_hash, AuthToken.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )
    _mark_revoked(token_hash)
    after_commit(functools.partial(_mark_revoked_again, token_hash))


def revoke_all(user_id: int) -> int:
    """Revoke every live token of the user's at once (their account is closing), as ``logout`` revokes one: each
    cache entry marked before the commit and again after it; how many. Raises, with nothing committed, if Redis
    cannot take the markers."""
    revoked = db.session.scalars(
        sa.update(AuthToken)
        .where(AuthToken.user_id == user_id, AuthToken.revoked_at.is_(None), AuthToken.expires_at > clock.now())
        .values(revoked_at=clock.now())
        .returning(AuthToken.token_hash)
        .execution_options(synchronize_session=False)
    ).all()
    for token_hash in revoked:
        _mark_revoked(token_hash)
        after_commit(functools.partial(_mark_revoked_again, token_hash))
    return len(revoked)


def _mark_revoked(token_hash: str) -> None:
    redis_store.set(CACHE_PREFIX + token_hash, REVOKED, ex=REVOCATION_MARKER_SECONDS)


def _mark_revoked_again(token_hash: str) -> None:
    """After the commit: no reader can see the token valid any more, so this marker outlives them all."""
    try:
        _mark_revoked(token_hash)
    except REDIS_ERRORS:
        # The marker written before the commit still stands unless the commit took longer than it lives.
        log.warning("revocation marker not renewed after commit: redis unavailable")


def _cache_get(token_hash: str) -> tuple[int, float] | None:
    """The cached ``(user id, expiry timestamp)`` of a valid token: this process's copy when it has one (kept only
    until Redis announces a change to the key, ``core.near_cache``: a logout's marker reaches every process at once),
    otherwise Redis's."""
    copies = near_cache.for_app(CACHE_PREFIX, max_age=current_app.config["AUTH_TOKEN_CACHE_SECONDS"])
    if copies is None:
        return _read_cache(token_hash)
    return copies.get(CACHE_PREFIX + token_hash, lambda: _read_cache(token_hash))


def _read_cache(token_hash: str) -> tuple[int, float] | None:
    value = redis_cache.attempt(lambda client: client.get(CACHE_PREFIX + token_hash))
    if not value or value == REVOKED:
        return None
    user_id, expires_ts = value.decode().split(":", 1)
    return int(user_id), float(expires_ts)


def _cache_set(token_hash: str, user_id: int, expires_at: dt.datetime, now: dt.datetime, asked_at: float) -> None:
    """Remember a valid token, unless a logout has marked it revoked since (NX) or the database's
    answer is too old to be sure of (see ``logout``)."""
    ttl = min(int(current_app.config["AUTH_TOKEN_CACHE_SECONDS"]), int((expires_at - now).total_seconds()))
    if ttl <= 0 or time.monotonic() - asked_at > CACHE_WRITE_DEADLINE_SECONDS:
        return
    redis_cache.attempt(lambda client: client.set(
        CACHE_PREFIX + token_hash, f"{user_id}:{expires_at.timestamp()}", ex=ttl, nx=True))
