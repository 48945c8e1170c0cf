from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

#: What became of a notification (DESIGN.md, Notifications).
NOTIFICATION_OUTCOMES = (
    "received",       # stored, not yet processed (or processing failed: WeChat will retry)
    "rejected",       # bad signature, unparsable, DTD/entities: not trusted
    "unknown_order",  # verified, but no such order here: kept for an operator
    "flagged",        # verified, but not ours or not a success (appid, mch_id, amount, result_code)
    "duplicate",      # already applied
    "applied",        # applied now
)
PAYMENT_STATUSES = ("succeeded", "refund_pending", "refunded")


class PaymentNotification(db.Model):
    """Every notification WeChat Pay sends us, stored raw before anything else happens."""

    __tablename__ = "payment_notifications"
    __table_args__ = (sa.CheckConstraint(sa.column("outcome").in_(NOTIFICATION_OUTCOMES), name="outcome"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: wechatpay_v2 or wechatpay_v3.
    provider: Mapped[str] = mapped_column(sa.String(16))
    #: payment or refund (v3: the event type once known).
    kind: Mapped[str] = mapped_column(sa.String(48))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)
    headers: Mapped[dict] = mapped_column(sa.JSON)
    #: The body exactly as received (decoded as UTF-8 with replacement for display).
    body: Mapped[str] = mapped_column(sa.Text)
    outcome: Mapped[str] = mapped_column(sa.String(16), default="received", index=True)
    #: Why: bad_signature, dtd_or_entity, amount_mismatch, appid_mismatch, ...
    detail: Mapped[str | None] = mapped_column(sa.String(200))
    out_trade_no: Mapped[str | None] = mapped_column(sa.String(32), index=True)
    transaction_id: Mapped[str | None] = mapped_column(sa.String(64))
    processed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Payment(db.Model):
    """Money WeChat Pay confirmed for one of our orders; one row per WeChat transaction."""

    __tablename__ = "payments"
    __table_args__ = (sa.CheckConstraint(sa.column("status").in_(PAYMENT_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    #: WeChat's transaction id: unique, so a payment is recorded once however often it is reported.
    transaction_id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    amount_fen: Mapped[int] = mapped_column(sa.BigInteger)
    status: Mapped[str] = mapped_column(sa.String(16), default="succeeded")
    paid_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: late_payment (order closed) or double_payment (order already paid): for an operator, and refunded.
    anomaly: Mapped[str | None] = mapped_column(sa.String(32), index=True)
    #: How we learned of it: notification or reconciliation.
    source: Mapped[str] = mapped_column(sa.String(16), default="notification")
    notification_id: Mapped[int | None] = mapped_column(sa.ForeignKey("payment_notifications.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
