from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.states import StateMachine
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

COUPON_STATUSES = ("available", "reserved", "used", "revoked", "expired")


class Coupon(StateMachine, db.Model):
    __tablename__ = "coupons"
    __table_args__ = (
        sa.CheckConstraint(sa.column("status").in_(COUPON_STATUSES), name="status"),
        sa.CheckConstraint("discount_fen > 0", name="discount"),
        #: One grant per campaign and source (a partner event, a referred friend): exactly once.
        sa.UniqueConstraint("campaign_id", "source_key"),
    )

    NOUN = _l("coupon")
    #: Held by an unpaid order; used when it is paid, free again when it closes. Taken back (``revoked``) when
    #: what earned it is undone (a referred friend's cooling-off cancellation), and ``expired`` once the sweep
    #: finds it past its validity unused: both give its value back to the campaign's budget, and only the move
    #: itself does, so it is given back once. These moves are guarded UPDATEs (two orders may race for one
    #: coupon), with their WHERE from this table.
    TRANSITIONS = {
        "available": frozenset({"reserved", "revoked", "expired"}),
        "reserved": frozenset({"used", "available", "revoked"}),
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
    #: When what earned it was undone (a referred friend's purchase cancelled in cooling-off). An available
    #: coupon is ``revoked`` then; one an unpaid order holds stays with it: ``used`` if the order is paid (its
    #: price was quoted with the discount), ``revoked`` if it closes unpaid.
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    def status_at(self, moment: dt.datetime) -> str:
        if self.status == "available" and moment >= self.valid_until:
            return "expired"
        return self.status
