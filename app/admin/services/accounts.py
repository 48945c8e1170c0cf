"""Admin accounts: argon2id passwords, roles, disabling; and the checks behind logging in."""

from __future__ import annotations

import functools
import re
import secrets

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask_babel import gettext as _, lazy_gettext as _l

from app.admin.models import ROLES, AdminUser
from app.core import clock
from app.core.errors import Conflict, NotFound, ValidationFailed
from app.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from app.extensions import db

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256

_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the username is unknown, so a wrong name costs as long as a wrong password. Made on
    first use, not at import: hashing costs every process that imports the app (each worker, CLI command and
    test run) a fifth of a second, and most never log an admin in."""
    return _hasher.hash(secrets.token_urlsafe(16))


class LastAdmin(Conflict):
    code = "last_admin"
    message = _l("At least one active admin must remain.")


def normalize_username(username: str) -> str:
    return (username or "").strip().lower()


def check_password_rules(password: str, field: str = "password", username: str = "") -> None:
    if not MIN_PASSWORD_LENGTH <= len(password or "") <= MAX_PASSWORD_LENGTH:
        raise ValidationFailed.for_field(
            field, _("A password needs %(min)d to %(max)d characters.", min=MIN_PASSWORD_LENGTH,
                     max=MAX_PASSWORD_LENGTH),
            code="weak_password")
    # The first guess of anyone who knows the name (GB/T 22239-2019 asks for passwords that resist guessing).
    if username and normalize_username(username) in password.lower():
        raise ValidationFailed.for_field(field, _("A password may not contain the username."), code="weak_password")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ValidationFailed.for_field("role", _("The role must be one of %(roles)s.", roles=", ".join(ROLES)),
                                         code="invalid_role")


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValidationFailed.for_field(
            "language", _("The language must be one of %(languages)s.", languages=", ".join(LANGUAGES)),
            code="invalid_language")


def get(admin_id: int) -> AdminUser:
    admin = db.session.get(AdminUser, admin_id)
    if admin is None:
        raise NotFound(_("We have no such admin user."))
    return admin


def find_by_session_token(token: str) -> AdminUser | None:
    """The active admin a session cookie belongs to (Flask-Login's user loader)."""
    if not token:
        return None
    return db.session.scalars(
        sa.select(AdminUser).where(AdminUser.session_token == token, AdminUser.active.is_(True))).one_or_none()


def list_admins() -> list[AdminUser]:
    return list(db.session.scalars(sa.select(AdminUser).order_by(AdminUser.username)))


def create(username: str, password: str, role: str, *, created_by: str,
           language: str = DEFAULT_LANGUAGE) -> AdminUser:
    """A new admin user; the name is unique, case-insensitively."""
    name = normalize_username(username)
    if not USERNAME_PATTERN.match(name):
        raise ValidationFailed.for_field(
            "username", _("Use 3 to 40 letters, digits, dots, dashes or underscores."), code="invalid_username")
    _check_role(role)
    _check_language(language)
    check_password_rules(password, username=name)
    if db.session.scalar(sa.select(AdminUser.id).where(AdminUser.username == name)) is not None:
        raise Conflict(_("An admin user named %(name)s exists already.", name=name), code="username_taken")
    admin = AdminUser(username=name, password_hash=_hasher.hash(password), role=role, active=True, language=language,
                      session_token=secrets.token_urlsafe(32), created_by=created_by, created_at=clock.now())
    db.session.add(admin)
    db.session.flush()
    return admin


def authenticate(username: str, password: str) -> AdminUser | None:
    """The active admin with this name and password, or None (no hint which of the two was wrong)."""
    admin = db.session.scalars(
        sa.select(AdminUser).where(AdminUser.username == normalize_username(username))).one_or_none()
    if admin is None or not admin.active:
        _verify(_dummy_hash(), password or "")
        return None
    if not _verify(admin.password_hash, password or ""):
        return None
    if _hasher.check_needs_rehash(admin.password_hash):
        admin.password_hash = _hasher.hash(password)
    admin.last_login_at = clock.now()
    db.session.flush()
    return admin


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def set_role(admin_id: int, role: str) -> AdminUser:
    _check_role(role)
    admin = _locked(admin_id)
    if admin.role == "admin" and role != "admin":
        _keep_an_admin(admin.id)
    admin.role = role
    db.session.flush()
    return admin


def set_language(admin_id: int, language: str) -> AdminUser:
    """The language of this admin's pages from their next page on (each admin sets their own)."""
    _check_language(language)
    admin = _locked(admin_id)
    admin.language = language
    db.session.flush()
    return admin


def set_active(admin_id: int, active: bool) -> AdminUser:
    """Disable (ending every session at once) or enable an admin user."""
    admin = _locked(admin_id)
    if not active and admin.role == "admin":
        _keep_an_admin(admin.id)
    if admin.active != active:
        admin.active = active
        admin.session_token = secrets.token_urlsafe(32)
    db.session.flush()
    return admin


def end_sessions(admin_id: int) -> AdminUser:
    """End every session of this admin (logging out): a new session token, so a copy of the signed session
    cookie taken before stops working too, not only the browser's own, which logging out clears."""
    admin = _locked(admin_id)
    admin.session_token = secrets.token_urlsafe(32)
    db.session.flush()
    return admin


def _locked(admin_id: int) -> AdminUser:
    admin = db.session.scalars(sa.select(AdminUser).where(AdminUser.id == admin_id).with_for_update()).one_or_none()
    if admin is None:
        raise NotFound(_("We have no such admin user."))
    return admin


def _keep_an_admin(leaving_id: int) -> None:
    # Lock every active admin row, so two admins demoting each other at once cannot both succeed.
    admins = db.session.scalars(sa.select(AdminUser.id).where(
        AdminUser.role == "admin", AdminUser.active.is_(True)).with_for_update()).all()
    if not [admin_id for admin_id in admins if admin_id != leaving_id]:
        raise LastAdmin()


def snapshot(admin: AdminUser) -> dict:
    """What the audit log keeps of an admin user (never the password hash or session token)."""
    return {"username": admin.username, "role": admin.role, "active": admin.active, "language": admin.language}
