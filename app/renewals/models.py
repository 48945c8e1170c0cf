"""A renewing policy's contract, its monthly periods and each deduction attempt."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.states import StateMachine
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

#: ``unsigned`` is internal (the user paid the first month by hand through /pay: no renewal is shown).
RENEWAL_STATUSES = ("pending", "active", "retrying", "cancelled", "lapsed", "unsigned")
PERIOD_STATUSES = ("scheduled", "paid", "lapsed", "dropped")
CHARGE_STATUSES = ("submitted", "succeeded", "failed")


class Renewal(StateMachine, db.Model):
    """One order's contract with WeChat Pay: signed with the first payment, charged once a month."""

    __tablename__ = "renewals"
    __table_args__ = (sa.CheckConstraint(sa.column("status").in_(RENEWAL_STATUSES), name="status"),)

    NOUN = _l("renewal")
    TRANSITIONS = {
        "pending": frozenset({"active", "cancelled", "unsigned"}),
        "active": frozenset({"retrying", "cancelled", "lapsed"}),
        "retrying": frozenset({"active", "cancelled", "lapsed"}),
    }

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: The order whose payment is period 1 (its out_trade_no): one renewal per order.
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), unique=True)
    #: The policy, once the order is paid; it keeps its number while it renews.
    policy_id: Mapped[int | None] = mapped_column(sa.ForeignKey("policies.id"), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id"))
    status: Mapped[str] = mapped_column(sa.String(16), default="pending", index=True)
    #: Ours, never reused (WeChat refuses a signed one again); WeChat's query is by this code.
    out_contract_code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    #: WeChat's template (``WECHAT_PAPAY_TEMPLATES`` of the plan's code when it was signed).
    wechat_plan_id: Mapped[int] = mapped_column(sa.BigInteger)
    #: The insured's name as WeChat's signing page shows it (``**明``).
    insured_display_name: Mapped[str] = mapped_column(sa.String(48))
    #: WeChat's, from INSURANCE_ENTRUST.SIGN (or the query).
    contract_id: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    #: The price signed: every period is charged this (a new price is a new signing).
    amount_fen: Mapped[int] = mapped_column(sa.BigInteger)
    #: Period 1's estimated date (the signing day, Beijing); period n's is a month later each, less a day.
    first_day: Mapped[dt.date] = mapped_column(sa.Date)
    #: The day of the month periods end on (the start day of the latest late period, else first_day's).
    anchor_day: Mapped[int] = mapped_column(sa.Integer)
    #: How many periods the contract holds at WeChat (12 when signed; ``renew`` adds more).
    contract_periods: Mapped[int] = mapped_column(sa.Integer, default=12)
    signed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: user, merchant, customer_service, system, lapsed, age_limit, cooling_off, full_refund (an operator refunded the
    #: whole first payment: the policy is cancelled), unpaid (the order closed).
    end_reason: Mapped[str | None] = mapped_column(sa.String(24))
    #: We ended it and WeChat has not confirmed the termination yet (the pass retries it).
    terminate_pending: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)


class RenewalPeriod(db.Model):
    """One month of cover: period 1 is the order's payment, each later one a deduction."""

    __tablename__ = "renewal_periods"
    __table_args__ = (
        sa.UniqueConstraint("renewal_id", "n"),
        sa.CheckConstraint(sa.column("status").in_(PERIOD_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    renewal_id: Mapped[int] = mapped_column(sa.ForeignKey("renewals.id"), index=True)
    #: WeChat's ``policy_period_id``, from 1.
    n: Mapped[int] = mapped_column(sa.Integer)
    #: WeChat's estimated deduction date (its windows count from it).
    estimated_on: Mapped[dt.date] = mapped_column(sa.Date)
    amount_fen: Mapped[int] = mapped_column(sa.BigInteger)
    #: scheduled (booked at WeChat, not paid), paid, lapsed (WeChat's window closed unpaid), dropped (ended first).
    status: Mapped[str] = mapped_column(sa.String(16))
    scheduled_on: Mapped[dt.date | None] = mapped_column(sa.Date)
    #: The cover it paid for: from the previous period's end, or from the payment if that was later.
    starts_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    paid_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class RenewalCharge(db.Model):
    """One deduction attempt (``transactions/apply``), each with its own out_trade_no."""

    __tablename__ = "renewal_charges"
    __table_args__ = (sa.CheckConstraint(sa.column("status").in_(CHARGE_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    renewal_id: Mapped[int] = mapped_column(sa.ForeignKey("renewals.id"), index=True)
    period_id: Mapped[int] = mapped_column(sa.ForeignKey("renewal_periods.id"), index=True)
    out_trade_no: Mapped[str] = mapped_column(sa.String(32), unique=True)
    amount_fen: Mapped[int] = mapped_column(sa.BigInteger)
    #: submitted (recorded before WeChat was asked), succeeded, failed.
    status: Mapped[str] = mapped_column(sa.String(16), default="submitted")
    transaction_id: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    #: WeChat's words for a failure (NOTENOUGH ...), or its refusal's code.
    failure: Mapped[str | None] = mapped_column(sa.String(200))
    attempted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    settled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
