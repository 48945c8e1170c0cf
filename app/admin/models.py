"""Admin users (their own table, not WeChat users) and the audit log of every admin write."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

#: Roles from least to most: a viewer reads; an operator also acts on orders, refunds, claims and
#: envelopes; an admin also manages products, campaigns and admin users.
ROLES = ("viewer", "operator", "admin")
ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}


class AdminUser(db.Model):
    __tablename__ = "admin_users"
    __table_args__ = (sa.CheckConstraint(sa.column("role").in_(ROLES), name="role"),
                      sa.CheckConstraint(sa.column("language").in_(LANGUAGES), name="language"))

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: Lower case; what the login form's ``username`` field takes.
    username: Mapped[str] = mapped_column(sa.String(40), unique=True)
    #: argon2id, with its parameters (argon2-cffi's encoded form); rehashed at login when they change.
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(16))
    #: A disabled admin cannot log in, and any session they had ends at its next request.
    active: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    #: What the session cookie carries (Flask-Login's alternative token); a new one ends every session.
    session_token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    #: Who created it: "admin:<name>" or "cli".
    created_by: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: The language of this admin's pages once logged in: zh-CN (the default) or en. Each admin
    #: chooses their own; the login page, before anyone is known, follows the browser.
    language: Mapped[str] = mapped_column(sa.String(8), default=DEFAULT_LANGUAGE, server_default=DEFAULT_LANGUAGE)

    # -- Flask-Login's user interface --------------------------------------------------------
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return self.session_token

    def can(self, role: str) -> bool:
        """True when this admin's role is ``role`` or above it."""
        return ROLE_RANK[self.role] >= ROLE_RANK[role]

    @property
    def actor(self) -> str:
        """How refunds and claim events name this admin."""
        return f"admin:{self.username}"


class AuditEntry(db.Model):
    """One admin write: who, what, when, and the object before and after, as JSON.

    Written in the same transaction as the change it describes, so one never exists
    without the other.
    """

    __tablename__ = "admin_audit"
    __table_args__ = (sa.Index("ix_admin_audit_target", "target_type", "target_id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)
    #: Null for the command line and for failed logins.
    admin_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("admin_users.id"), index=True)
    #: "admin:<name>", "cli", or for a failed login the name that was tried.
    actor: Mapped[str] = mapped_column(sa.String(64))
    #: Dotted verb, e.g. refund.request, plan.update, admin_user.role, session.login.
    action: Mapped[str] = mapped_column(sa.String(48), index=True)
    target_type: Mapped[str | None] = mapped_column(sa.String(32))
    target_id: Mapped[str | None] = mapped_column(sa.String(64))
    before: Mapped[dict | None] = mapped_column(sa.JSON)
    after: Mapped[dict | None] = mapped_column(sa.JSON)
    note: Mapped[str | None] = mapped_column(sa.String(500))
    #: The client address as the app sees it (after trusted proxies).
    ip: Mapped[str | None] = mapped_column(sa.String(64))
    #: The one-time key of the form that made this write, for forms whose work must not happen twice (a refund):
    #: the same form sent again (a double click, a resend after a slow answer) meets this unique key and is refused
    #: with everything it did, instead of refunding twice.
    form_key: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
