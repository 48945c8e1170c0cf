from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db


class Visit(db.Model):
    """One app open by a logged-in user."""

    __tablename__ = "visits"
    __table_args__ = (sa.Index("ix_visits_user_id_visited_at", "user_id", "visited_at"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    #: The mini-program page the app opened on, e.g. pages/index/index (optional).
    page: Mapped[str | None] = mapped_column(sa.String(128))
    visited_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)


class FirstVisit(db.Model):
    """Each user's first recorded app open: one row per user, the cohort of conversion figures."""

    __tablename__ = "first_visits"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: Unique: the first insert wins, however many opens race.
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), unique=True)
    page: Mapped[str | None] = mapped_column(sa.String(128))
    visited_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
