from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

#: The languages the product speaks: Simplified Chinese first, English second.
LANGUAGES = ("zh-CN", "en")


class User(db.Model):
    __tablename__ = "users"
    __table_args__ = (sa.CheckConstraint(sa.column("language").in_(LANGUAGES), name="language"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: WeChat's id for this user within our mini-program; one user per openid. A closed account's is
    #: ``closed:<id>``, which no openid can be: the same WeChat user logging in again starts a new account.
    openid: Mapped[str] = mapped_column(sa.String(64), unique=True)
    #: Same person across the company's WeChat apps, when WeChat gives it.
    unionid: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    nickname: Mapped[str | None] = mapped_column(sa.String(64))
    avatar_url: Mapped[str | None] = mapped_column(sa.String(512))
    #: AES-GCM ciphertext of the phone (app.core.pii); never shown, never logged.
    phone_encrypted: Mapped[str | None] = mapped_column(sa.Text)
    #: HMAC of the phone, so operators can find a user by exact phone.
    phone_hash: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    #: What we show: ``138****8000``.
    phone_masked: Mapped[str | None] = mapped_column(sa.String(24))
    #: WeChat's session_key, encrypted; it decrypts the user's WeRun data and never leaves the server.
    session_key_encrypted: Mapped[str | None] = mapped_column(sa.Text)
    #: The language the user reads: zh-CN (the default) or en. The mini-program reports it; subscribe
    #: messages, which reach the user outside any request, are written in it.
    language: Mapped[str] = mapped_column(sa.String(8), default="zh-CN", server_default="zh-CN")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)  # the dashboard counts by day
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: When the user closed the account (注销): the row stays for the sale's records that point at it, with
    #: nothing left on it that identifies the person.
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
