from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.states import StateMachine
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

COUPON_STATUSES = ("available", "reserved", "used")


class Coupon(StateMachine, db.Model):
    __tablename__ = "coupons"
    __table_args__ = (
        sa.CheckConstraint(sa.column("status").in_(COUPON_STATUSES), name="status"),
        sa.CheckConstraint("discount_fen > 0", name="discount"),
        #: One grant per campaign and source (a partner event, a referred friend): exactly once.
        sa.UniqueConstraint("campaign_id", "source_key"),
    )

    NOUN = _l("coupon")
    #: Held by an unpaid order; used when it is paid, free again when it closes. These moves are
    #: guarded UPDATEs (two orders may race for one coupon), with their WHERE from this table.
    TRANSITIONS = {
        "available": frozenset({"reserved"}),
        "reserved": frozenset({"used", "available"}),
    }

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("campaigns.id"), index=True)
    #: What granted it, e.g. "hospital:evt-123" or "referral:42".
    source_key: Mapped[str] = mapped_column(sa.String(120))
    #: The campaign's name when it was granted, in Chinese and in English (as ``Campaign``).
    name_zh: Mapped[str] = mapped_column(sa.String(80))
    name_en: Mapped[str] = mapped_column(sa.String(80), default="")
    discount_fen: Mapped[int] = mapped_column(sa.BigInteger)
    #: The product category it applies to (None: any product on sale).
    category: Mapped[str | None] = mapped_column(sa.String(16))
    status: Mapped[str] = mapped_column(sa.String(16), default="available", index=True)
    valid_until: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: The created order holding it; cleared if that order closes unpaid.
    order_id: Mapped[int | None] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    granted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    def status_at(self, moment: dt.datetime) -> str:
        if self.status == "available" and moment >= self.valid_until:
            return "expired"
        return self.status
