"""The account's part of a user's copy of their personal information (``app.core.personal_data``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core import events
from app.core.personal_data import Section, moment, revealed
from app.extensions import db
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
    }]
    return Section("account", _l("Account"), ("users",), records)
