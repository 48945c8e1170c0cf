"""The account's part of a user's copy of their personal information (``app.core.personal_data``), and what closing
the account does to it (``app.core.account_closure``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.auth import services as tokens
from app.core import clock, events
from app.core.personal_data import Section, moment, revealed
from app.extensions import db
from app.users import services as users
from app.users.models import User


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
    account), the rest is emptied. The avatar's file goes too once the closing has committed
    (``users.forget_avatar``)."""
    user = db.session.get(User, user_id)
    tokens.revoke_all(user_id)
    users.forget_avatar(user)
    user.openid = f"closed:{user.id}"
    user.unionid = user.nickname = user.avatar_url = None
    user.phone_encrypted = user.phone_hash = user.phone_masked = user.session_key_encrypted = None
    user.closed_at = clock.now()
    return ("users", "auth_tokens")
