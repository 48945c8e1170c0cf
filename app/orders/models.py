from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.states import StateMachine
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

ORDER_STATUSES = ("created", "fulfilled", "refunded", "closed")


class Order(StateMachine, db.Model):
    """One thing a user pays for once. What it buys is its ``kind``'s business (``app.orders.kinds``)."""

    __tablename__ = "orders"
    __table_args__ = (
        sa.CheckConstraint(sa.column("status").in_(ORDER_STATUSES), name="status"),
        sa.CheckConstraint("amount_fen = premium_fen - discount_fen AND amount_fen > 0 AND discount_fen >= 0",
                           name="amount"),
    )

    NOUN = _l("order")
    #: created (waiting for payment) -> fulfilled (paid, and what it bought delivered) -> refunded
    #: (all of it given back); created -> closed (cancelled, or unpaid after its window).
    TRANSITIONS = {
        "created": frozenset({"fulfilled", "closed"}),
        "fulfilled": frozenset({"refunded"}),
    }

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: Our out_trade_no at WeChat Pay: RC + time (Shanghai) + 8 random digits.
    order_no: Mapped[str] = mapped_column(sa.String(32), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id"))
    #: What it buys: a kind declared in ``app.orders.kinds`` by the feature that sells it.
    kind: Mapped[str] = mapped_column(sa.String(16))
    status: Mapped[str] = mapped_column(sa.String(16), default="created")
    #: The price before discounts, in fen.
    premium_fen: Mapped[int] = mapped_column(sa.BigInteger)
    discount_fen: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    #: What the user pays: premium_fen - discount_fen. A notification must match it exactly.
    amount_fen: Mapped[int] = mapped_column(sa.BigInteger)
    #: v2 or v3: the pay API this order was prepaid through.
    pay_version: Mapped[str] = mapped_column(sa.String(4))
    prepay_id: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)  # the dashboard counts by day
    #: 30 minutes after creation: unpaid by then, the order closes (and WeChat's time_expire says the same).
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    paid_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: When we last asked WeChat Pay about this unpaid order (reconciliation).
    reconciled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: Why it closed: user_cancelled or expired.
    close_reason: Mapped[str | None] = mapped_column(sa.String(32))
