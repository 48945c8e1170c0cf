from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.states import StateMachine
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

#: What became of a notification (docs/wechat.md, Notifications).
NOTIFICATION_OUTCOMES = (
    "received",       # stored, not yet processed (or processing failed: WeChat will retry)
    "rejected",       # bad signature, unparsable, DTD/entities: not trusted
    "unknown_order",  # verified, but no such order here: kept for an operator
    "flagged",        # verified, but not ours or not a success (appid, mch_id, amount, result_code)
    "duplicate",      # already applied
    "applied",        # applied now
)
PAYMENT_STATUSES = ("succeeded", "refund_pending", "refunded")
REFUND_STATUSES = (
    "pending",    # decided and committed; not yet accepted by WeChat Pay
    "submitted",  # WeChat Pay accepted it; its notification will say how it ended
    "succeeded",  # the money is back with the payer
    "failed",     # WeChat Pay closed it or it needs a manual transfer: an operator follows up
)


class PaymentNotification(db.Model):
    """Every notification WeChat Pay sends us, stored raw before anything else happens."""

    __tablename__ = "payment_notifications"
    __table_args__ = (sa.CheckConstraint(sa.column("outcome").in_(NOTIFICATION_OUTCOMES), name="outcome"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: wechatpay_v2 or wechatpay_v3.
    provider: Mapped[str] = mapped_column(sa.String(16))
    #: payment or refund (v2, by the URL it came to); v3: the event type once verified.
    kind: Mapped[str] = mapped_column(sa.String(48))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)
    #: The headers verification reads (notifications.KEPT_HEADERS), each capped in length.
    headers: Mapped[dict] = mapped_column(sa.JSON)
    #: The body as received (``core.untrusted.storable_text``); capped until it verifies, then whole.
    body: Mapped[str] = mapped_column(sa.Text)
    #: What was left out of this record, or None when nothing was: ``body`` (received and kept
    #: bytes), ``headers_shortened`` (names), ``headers_left_out`` (how many kept headers were dropped).
    cut: Mapped[dict | None] = mapped_column(sa.JSON)
    outcome: Mapped[str] = mapped_column(sa.String(16), default="received", index=True)
    #: Why: bad_signature, dtd_or_entity, amount_mismatch, appid_mismatch, ...
    detail: Mapped[str | None] = mapped_column(sa.String(200))
    out_trade_no: Mapped[str | None] = mapped_column(sa.String(32), index=True)
    transaction_id: Mapped[str | None] = mapped_column(sa.String(64))
    processed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Payment(StateMachine, db.Model):
    """Money WeChat Pay confirmed for one of our orders; one row per WeChat transaction."""

    __tablename__ = "payments"
    __table_args__ = (sa.CheckConstraint(sa.column("status").in_(PAYMENT_STATUSES), name="status"),)

    NOUN = _l("payment")
    #: What its refunds have made of it: part of it on its way back, or all of it back.
    TRANSITIONS = {
        "succeeded": frozenset({"refund_pending", "refunded"}),
        "refund_pending": frozenset({"succeeded", "refunded"}),
    }

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
    #: Checked at commit: a batch of reports inserts each report's record after its payment, with what became of it
    #: (payments.notifications).
    notification_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("payment_notifications.id", deferrable=True, initially="DEFERRED"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)


class Refund(StateMachine, db.Model):
    __tablename__ = "refunds"
    __table_args__ = (
        sa.CheckConstraint(sa.column("status").in_(REFUND_STATUSES), name="status"),
        sa.CheckConstraint("amount_fen > 0", name="amount"),
    )

    NOUN = _l("refund")
    #: A notification can come before we recorded the submission (our call timed out, WeChat's
    #: did not): pending settles straight to succeeded or failed then.
    TRANSITIONS = {
        "pending": frozenset({"submitted", "succeeded", "failed"}),
        "submitted": frozenset({"succeeded", "failed"}),
        # WeChat Pay reports SUCCESS after ABNORMAL once the merchant has had the money paid out another way.
        "failed": frozenset({"succeeded"}),
    }

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: Our out_refund_no: WeChat Pay treats a repeated request with it as the same refund.
    refund_no: Mapped[str] = mapped_column(sa.String(32), unique=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    payment_id: Mapped[int] = mapped_column(sa.ForeignKey("payments.id"), index=True)
    amount_fen: Mapped[int] = mapped_column(sa.BigInteger)
    #: Why, as a short code: the money core's own (late_payment, double_payment, operator), or the
    #: asking feature's (cooling_off, envelope_unclaimed).
    reason: Mapped[str] = mapped_column(sa.String(24))
    status: Mapped[str] = mapped_column(sa.String(16), default="pending", index=True)
    #: Who asked: "system", "user:<id>" or "admin:<name>".
    requested_by: Mapped[str] = mapped_column(sa.String(64))
    note: Mapped[str | None] = mapped_column(sa.String(200))
    #: What WeChat Pay shows the payer as the reason (at most 80 characters).
    description: Mapped[str | None] = mapped_column(sa.String(80))
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
    #: A failed refund an operator has settled outside WeChat Pay's refund (paid back by hand, or
    #: refunded again): when, who, and what was done. It leaves the follow-up list; its status stays
    #: failed, since WeChat Pay did not return that money (docs/domain.md, Refunds).
    followed_up_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    followed_up_by: Mapped[str | None] = mapped_column(sa.String(64))
    follow_up_note: Mapped[str | None] = mapped_column(sa.String(200))
