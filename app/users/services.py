"""Users: logged in with WeChat (created on first login), found by openid, phone bound, profile
filled in by the user. A first login announces ``user_joined``."""

from __future__ import annotations

import functools
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.auth import services as tokens
from app.core import account_closure, clock, events, files, pii
from app.core.db import after_commit
from app.core.errors import AppError, Conflict, NotFound, Unauthorized, ValidationFailed
from app.extensions import db
from app.users.models import User
from app.wechat import client as wechat
from app.wechat.errors import InvalidCode


class InvalidLoginCode(Unauthorized):
    code = "invalid_code"
    message = _l("WeChat did not accept this login code; please log in again.")


class InvalidPhoneCode(ValidationFailed):
    code = "invalid_code"
    message = _l("WeChat did not accept this phone code; please tap the button again.")


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(_("We could not find your account."))
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


@dataclass
class LoginResult:
    token: str
    expires_in: int
    user: User
    created: bool


def login(code: str, share_token: str | None = None) -> LoginResult:
    """Log in with a ``wx.login`` code: one user per openid, a new token per login.

    A new user is announced (``user_joined``) with the ``share_token`` they arrived through.
    """
    try:
        session = wechat.code_to_session(code)
    except InvalidCode:
        raise InvalidLoginCode() from None
    user, created = record_wechat_login(session["openid"], session["session_key"], session["unionid"])
    if created:
        events.user_joined.send(user, share_token=share_token)
    token, ttl = tokens.issue_token(user.id)
    return LoginResult(token=token, expires_in=ttl, user=user, created=created)


def bind_phone(user_id: int, code: str) -> User:
    """Store the user's phone from a ``getPhoneNumber`` one-time code."""
    try:
        phone = wechat.get_phone_number(code)
    except InvalidCode:
        # 422, not 401: a 401 would send the client to log in again and waste the consent.
        raise InvalidPhoneCode(details={"fields": {"code": [InvalidPhoneCode.message]}}) from None
    return set_phone(user_id, phone["pure_phone"])


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
    if "language" in changes:
        user.language = changes["language"]
    db.session.flush()
    return user


#: An avatar WeChat's chooseAvatar hands over is a small JPEG or PNG.
AVATAR_MAX_BYTES = 2 * 1024 * 1024
AVATAR_TYPES = {"image/jpeg": "jpg", "image/png": "png"}


def avatar_dir() -> Path:
    return Path(current_app.config["VAR_DIR"]) / "media" / "avatars"


def store_avatar(user_id: int, upload) -> User:
    """Keep the user's chosen avatar (JPEG or PNG by content, at most 2 MiB) and point the profile at it.

    Files are named by their SHA-256, so the public URL reveals nothing and equal images are stored once.
    """
    if upload is None:
        raise ValidationFailed.for_field("file", _("Choose an image."))
    data = upload.stream.read(AVATAR_MAX_BYTES + 1)
    if len(data) > AVATAR_MAX_BYTES:
        raise AppError(_("The image is larger than 2 MiB."), code="file_too_large", status=413)
    extension = AVATAR_TYPES.get(files.sniff(data[:16]) or "")
    if extension is None:
        raise ValidationFailed.for_field("file", _("The avatar must be a JPEG or PNG image."),
                                         code="unsupported_file_type")
    name = f"{hashlib.sha256(data).hexdigest()}.{extension}"
    target = avatar_dir() / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
    return update_profile(user_id, {"avatar_url": f"{current_app.config['PUBLIC_BASE_URL']}/media/avatars/{name}"})


def avatar_path(name: str) -> Path:
    """The stored avatar for a public URL's name; 404 unless it is a hash name we wrote."""
    if not _is_stored_avatar_name(name) or not (avatar_dir() / name).is_file():
        raise NotFound(_("No such image."))
    return avatar_dir() / name


def forget_avatar(user: User) -> None:
    """The stored file the user's avatar points at is deleted once the current unit of work commits, unless another
    account shows the same picture (files are named by their content) or it is not one we stored (a URL the client
    set). Asked now: after the commit the session runs no more statements."""
    name = (user.avatar_url or "").rsplit("/", 1)[-1]
    if not _is_stored_avatar_name(name) or db.session.scalar(sa.select(sa.func.count()).select_from(User).where(
            User.avatar_url == user.avatar_url, User.id != user.id)):
        return
    after_commit(functools.partial((avatar_dir() / name).unlink, missing_ok=True))


def _is_stored_avatar_name(name: str) -> bool:
    return re.fullmatch(r"[0-9a-f]{64}\.(jpg|png)", name) is not None


# -- closing the account (注销) ----------------------------------------------------------------------

class AccountNotClosable(Conflict):
    code = "account_not_closable"
    message = _l("Your account cannot be closed yet: first finish what is listed.")


def closure_blockers(user_id: int) -> list[account_closure.Blocker]:
    """What must finish before the user's account can close (nothing: it can close now)."""
    return account_closure.blockers(user_id)


def close_account(user_id: int) -> User:
    """Close the user's account for good (docs/domain.md, Closing an account): refused while anything of theirs is
    unfinished (``AccountNotClosable``, with the list), otherwise every feature deletes or voids what the law does
    not ask it to keep, every token of theirs stops working at once, and the row is left with nothing that
    identifies them.

    The row is locked ``FOR UPDATE`` first (on PostgreSQL). An order, claim or envelope being created for the user
    holds a key-share lock on it (its foreign key) until it commits, so the check waits for it and sees it. Left
    open: a request that passed its token check before the closing committed can still create something after
    it (a window of milliseconds, which the user would have to open against themselves); it is recorded against
    the closed account like any sale, an unpaid order closes on its own, and paid cover is the insurer's to
    honour through its hotline.
    """
    user = db.session.scalars(sa.select(User).where(User.id == user_id, User.closed_at.is_(None))
                              .with_for_update().execution_options(populate_existing=True)).one_or_none()
    if user is None:
        raise NotFound(_("We could not find your account."))
    found = account_closure.blockers(user_id)
    if found:
        raise AccountNotClosable(details={"blockers": [
            {"code": blocker.code, "reference": blocker.reference, "message": str(blocker.message)}
            for blocker in found]})
    account_closure.erase(user_id)
    db.session.flush()
    return user
