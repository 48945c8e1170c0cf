from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

REFUND_STATUSES = (
    "pending",    # decided and committed; not yet accepted by WeChat Pay
    "submitted",  # WeChat Pay accepted it; its notification will say how it ended
    "succeeded",  # the money is back with the payer
    "failed",     # WeChat Pay closed it or it needs a manual transfer: an operator follows up
)
REFUND_REASONS = ("cooling_off", "late_payment", "double_payment", "envelope_unclaimed", "operator")


class Refund(db.Model):
    __tablename__ = "refunds"
    __table_args__ = (
        sa.CheckConstraint(sa.column("status").in_(REFUND_STATUSES), name="status"),
        sa.CheckConstraint(sa.column("reason").in_(REFUND_REASONS), name="reason"),
        sa.CheckConstraint("amount_fen > 0", name="amount"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: Our out_refund_no: WeChat Pay treats a repeated request with it as the same refund.
    refund_no: Mapped[str] = mapped_column(sa.String(32), unique=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    payment_id: Mapped[int] = mapped_column(sa.ForeignKey("payments.id"), index=True)
    amount_fen: Mapped[int] = mapped_column(sa.BigInteger)
    reason: Mapped[str] = mapped_column(sa.String(24))
    status: Mapped[str] = mapped_column(sa.String(16), default="pending", index=True)
    #: The policy a cooling-off refund cancels once it succeeds.
    policy_id: Mapped[int | None] = mapped_column(sa.ForeignKey("policies.id"))
    #: Who asked: "system", "user:<id>" or "admin:<name>".
    requested_by: Mapped[str] = mapped_column(sa.String(64))
    note: Mapped[str | None] = mapped_column(sa.String(200))
    #: WeChat Pay's refund id, once accepted.
    wechat_refund_id: Mapped[str | None] = mapped_column(sa.String(64))
    #: Why the last submission or the refund itself failed.
    error: Mapped[str | None] = mapped_column(sa.String(200))
    attempts: Mapped[int] = mapped_column(sa.Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: When we last asked WeChat Pay how a submitted refund is going (its notification never came).
    queried_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
