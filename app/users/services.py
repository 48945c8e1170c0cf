"""Users: created on first login, found by openid, profile filled in by the user."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.core import clock, pii
from app.errors import NotFound
from app.extensions import db
from app.users.models import User


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("We could not find your account.")
    return user


def find_by_openid(openid: str) -> User | None:
    return db.session.scalars(sa.select(User).where(User.openid == openid)).one_or_none()


def find_by_phone(phone: str) -> list[User]:
    """Exact phone lookup through the keyed hash (no row is decrypted)."""
    return list(db.session.scalars(sa.select(User).where(User.phone_hash == pii.lookup_hash(phone))))


def record_wechat_login(openid: str, session_key: str, unionid: str | None) -> tuple[User, bool]:
    """The user for ``openid``, created if new, with WeChat's latest session_key.

    Returns ``(user, created)``. Two first logins racing for one openid meet at the
    unique key: the loser reads the winner's row.
    """
    user = find_by_openid(openid)
    created = False
    if user is None:
        try:
            with db.session.begin_nested():
                user = User(openid=openid, unionid=unionid)
                db.session.add(user)
            created = True
        except IntegrityError:
            user = find_by_openid(openid)
            if user is None:
                raise
    if unionid and user.unionid != unionid:
        user.unionid = unionid
    user.session_key_encrypted = pii.encrypt(session_key)
    user.last_login_at = clock.now()
    db.session.flush()
    return user, created


def session_key_of(user: User) -> str | None:
    return pii.decrypt(user.session_key_encrypted) if user.session_key_encrypted else None


def set_phone(user_id: int, phone: str) -> User:
    user = get_user(user_id)
    user.phone_encrypted = pii.encrypt(phone)
    user.phone_hash = pii.lookup_hash(phone)
    user.phone_masked = pii.mask_phone(phone)
    db.session.flush()
    return user


def update_profile(user_id: int, changes: dict) -> User:
    user = get_user(user_id)
    if "nickname" in changes:
        user.nickname = changes["nickname"].strip() or None
    if "avatar_url" in changes:
        user.avatar_url = changes["avatar_url"]
    db.session.flush()
    return user
