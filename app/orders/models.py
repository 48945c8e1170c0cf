from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.catalog.models import Plan
from app.core import clock
from app.core.types import BigIntPK, UTCDateTime
from app.errors import Conflict
from app.extensions import db
from app.policies.models import InsuredColumns

ORDER_STATUSES = ("created", "fulfilled", "refunded", "closed")
#: What an order buys: a policy, or the funding of a red envelope.
ORDER_KINDS = ("policy", "envelope")

#: The state machine: status -> the statuses it may move to.
TRANSITIONS = {
    "created": {"fulfilled", "closed"},
    "fulfilled": {"refunded"},
    "refunded": set(),
    "closed": set(),
}


class IllegalOrderTransition(Conflict):
    code = "illegal_transition"


class Order(InsuredColumns, db.Model):
    __tablename__ = "orders"
    __table_args__ = (
        sa.CheckConstraint(sa.column("status").in_(ORDER_STATUSES), name="status"),
        sa.CheckConstraint(sa.column("kind").in_(ORDER_KINDS), name="kind"),
        sa.CheckConstraint("amount_fen = premium_fen - discount_fen AND amount_fen > 0 AND discount_fen >= 0",
                           name="amount"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: Our out_trade_no at WeChat Pay: RC + time (Shanghai) + 8 random digits.
    order_no: Mapped[str] = mapped_column(sa.String(32), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id"))
    kind: Mapped[str] = mapped_column(sa.String(16), default="policy")
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

    plan: Mapped[Plan] = relationship()

    def ensure_can_move_to(self, status: str) -> None:
        if status not in TRANSITIONS[self.status]:
            raise IllegalOrderTransition(f"An order that is {self.status} cannot become {status}.")

    def move_to(self, status: str) -> None:
        self.ensure_can_move_to(status)
        self.status = status
