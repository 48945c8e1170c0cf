from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.states import StateMachine
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

REWARD_STATUSES = ("available", "redeemed", "expired")


class WerunDay(db.Model):
    """A user's WeRun steps on one day (Asia/Shanghai), as WeChat last reported them."""

    __tablename__ = "werun_days"
    __table_args__ = (sa.UniqueConstraint("user_id", "day"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    day: Mapped[dt.date] = mapped_column(sa.Date)
    steps: Mapped[int] = mapped_column(sa.Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)


class Reward(StateMachine, db.Model):
    """Cover a campaign granted (e.g. for 10,000 steps), redeemable once into a policy."""

    __tablename__ = "rewards"
    __table_args__ = (
        sa.CheckConstraint(sa.column("status").in_(REWARD_STATUSES), name="status"),
        sa.CheckConstraint("premium_fen >= 0", name="premium"),
        #: One reward per user and source (a Beijing day's walk), whichever campaign grants it: an operator who
        #: replaces a campaign, or runs two, never makes the same walk earn twice.
        sa.UniqueConstraint("user_id", "source_key"),
    )

    NOUN = _l("reward")
    #: Redeemed once, into gift cover; ``expired`` once the sweep finds it past its validity unredeemed, which
    #: gives its premium back to the campaign's budget (the move itself, so once).
    TRANSITIONS = {"available": frozenset({"redeemed", "expired"})}

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("campaigns.id"))
    #: What earned it, e.g. "werun:<user>:2026-11-26": one reward per user and day.
    source_key: Mapped[str] = mapped_column(sa.String(120))
    #: The campaign's name when it was earned, in Chinese and in English (as ``Campaign``).
    name_zh: Mapped[str] = mapped_column(sa.String(80))
    name_en: Mapped[str] = mapped_column(sa.String(80), default="")
    #: The gift cover it gives, in fen.
    coverage_fen: Mapped[int] = mapped_column(sa.BigInteger)
    #: The gift cover's premium the campaign's budget paid when it was granted, in fen: the redeemed policy's
    #: premium, or what goes back to the budget if it expires unredeemed (the plan may be repriced meanwhile).
    premium_fen: Mapped[int] = mapped_column(sa.BigInteger)
    status: Mapped[str] = mapped_column(sa.String(16), default="available")
    valid_until: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    granted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
    redeemed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    policy_id: Mapped[int | None] = mapped_column(sa.ForeignKey("policies.id"), unique=True)

    def status_at(self, moment: dt.datetime) -> str:
        if self.status == "available" and moment >= self.valid_until:
            return "expired"
        return self.status
