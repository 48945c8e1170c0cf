"""The account's part of a user's copy of their personal information (``app.core.personal_data``), and what closing
the account does to it (``app.core.account_closure``)."""

from __future__ import annotations

import functools
import re

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.auth import services as tokens
from app.core import clock, events
from app.core.db import after_commit
from app.core.personal_data import Section, moment, revealed
from app.extensions import db
from app.users.models import User
from app.users.services import avatar_dir


@events.personal_data_copy.connect
def account(user_id: int) -> Section:
    """The user row. The openid is in: it is WeChat's name for this person in our mini-program, what every
    WeChat message and payment of theirs carries, so it is information about them (and no credential: it
    opens nothing without WeChat's login). The session key and the phone's lookup hash stay out: secrets
    that say nothing about the person."""
    user = db.session.get(User, user_id)
    records = [] if user is None else [{
        "user_id": user.id, "openid": user.openid, "unionid": user.unionid, "nickname": user.nickname,
        "avatar_url": user.avatar_url, "phone": revealed(user.phone_encrypted), "language": user.language,
        "created_at": moment(user.created_at), "last_login_at": moment(user.last_login_at),
        "closed_at": moment(user.closed_at),
    }]
    return Section("account", _l("Account"), ("users",), records)


@events.account_closed.connect
def anonymise(user_id: int) -> tuple[str, ...]:
    """Every token of the user's stops working, on every worker and node at once, and the row keeps nothing that
    identifies them: the openid becomes ``closed:<id>`` (so logging in again with the same WeChat starts a new
    account), the rest is emptied. The avatar's file goes too once the closing has committed, unless another
    account shows the same picture (files are named by their content)."""
    user = db.session.get(User, user_id)
    tokens.revoke_all(user_id)
    avatar = user.avatar_url
    user.openid = f"closed:{user.id}"
    user.unionid = user.nickname = user.avatar_url = None
    user.phone_encrypted = user.phone_hash = user.phone_masked = user.session_key_encrypted = None
    user.closed_at = clock.now()
    if avatar:
        after_commit(functools.partial(_remove_avatar_unless_shown, avatar))
    return ("users", "auth_tokens")


def _remove_avatar_unless_shown(avatar_url: str) -> None:
    if db.session.scalar(sa.select(sa.func.count()).select_from(User).where(User.avatar_url == avatar_url)):
        return
    name = avatar_url.rsplit("/", 1)[-1]
    if re.fullmatch(r"[0-9a-f]{64}\.(jpg|png)", name):  # one we stored, not a URL the client set
        (avatar_dir() / name).unlink(missing_ok=True)
