from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

SHARE_KINDS = ("product", "envelope")


class Share(db.Model):
    """A share card a user sent: its token rides in the shared path and comes back at login."""

    __tablename__ = "shares"
    __table_args__ = (
        sa.CheckConstraint(sa.column("kind").in_(SHARE_KINDS), name="kind"),
        sa.UniqueConstraint("user_id", "kind", "target"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: Random and unguessable; what the mini-program passes to login as share_token.
    token: Mapped[str] = mapped_column(sa.String(32), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    #: A product code, or an envelope id.
    target: Mapped[str] = mapped_column(sa.String(64))
    #: The share this one forwards (the user opened target through it): who passed it on to whom.
    forwarded_from_id: Mapped[int | None] = mapped_column(sa.ForeignKey("shares.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)


class Referral(db.Model):
    """First touch: the share that brought a new user; one per referred user."""

    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), unique=True)
    share_id: Mapped[int] = mapped_column(sa.ForeignKey("shares.id"), index=True)
    #: The sharer, copied from the share for simple "who did I bring" queries.
    referrer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
