from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

CAMPAIGN_KINDS = ("envelope_promo", "hospital_payment", "werun", "referral")


class Campaign(db.Model):
    __tablename__ = "campaigns"
    __table_args__ = (
        sa.CheckConstraint(sa.column("kind").in_(CAMPAIGN_KINDS), name="kind"),
        sa.CheckConstraint("spent_fen >= 0 AND spent_fen <= budget_fen", name="budget"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    #: What users and operators call it, in Chinese and in English (an empty English name shows the Chinese).
    name_zh: Mapped[str] = mapped_column(sa.String(80))
    name_en: Mapped[str] = mapped_column(sa.String(80), default="")
    #: What triggers it: envelope_promo (free envelopes), hospital_payment, werun, referral.
    kind: Mapped[str] = mapped_column(sa.String(24), index=True)
    #: What the campaign may spend in all, in fen (of premium for promo envelopes, of discount for coupons).
    budget_fen: Mapped[int] = mapped_column(sa.BigInteger)
    #: Taken atomically (a guarded UPDATE), never above budget_fen: the check constraint backs it.
    spent_fen: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    #: How many grants one user may get from this campaign (0: no limit).
    per_user_limit: Mapped[int] = mapped_column(sa.Integer, default=1)
    active: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    starts_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: Kind-specific settings, e.g. {"max_coverage_fen": ...} or {"discount_fen": 1000, "valid_days": 30}.
    settings: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)

    def running_at(self, moment: dt.datetime) -> bool:
        return (self.active and (self.starts_at is None or self.starts_at <= moment)
                and (self.ends_at is None or moment < self.ends_at))


class CampaignAllowance(db.Model):
    """How many grants one user has had from a campaign: the per-user limit, counted where one
    atomic statement can hold it (``services.take_allowance``)."""

    __tablename__ = "campaign_allowances"
    __table_args__ = (sa.UniqueConstraint("campaign_id", "user_id"),
                      sa.CheckConstraint("used >= 1", name="used"))

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("campaigns.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    used: Mapped[int] = mapped_column(sa.Integer, default=1)
