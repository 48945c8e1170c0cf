from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.states import StateMachine
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

ENVELOPE_STATUSES = ("pending_payment", "active", "exhausted", "expired", "closed")
GRAB_STATUSES = ("grabbed", "activated", "lapsed")
MODES = ("random", "equal")
FUNDING = ("wechat_pay", "campaign")


class Envelope(StateMachine, db.Model):
    __tablename__ = "envelopes"
    __table_args__ = (
        sa.CheckConstraint(sa.column("status").in_(ENVELOPE_STATUSES), name="status"),
        sa.CheckConstraint(sa.column("mode").in_(MODES), name="mode"),
        sa.CheckConstraint(sa.column("funding").in_(FUNDING), name="funding"),
        sa.CheckConstraint("shares BETWEEN 1 AND 100", name="shares"),
    )

    NOUN = _l("envelope")
    #: A paid envelope waits for its payment; a promo one is created active. Active until every
    #: share is grabbed (exhausted) or 24 hours pass (expired). Closed, for good, when its order
    #: closes unpaid: a payment that still arrives is refunded and never opens it.
    TRANSITIONS = {
        "pending_payment": frozenset({"active", "closed"}),
        "active": frozenset({"exhausted", "expired"}),
    }

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: The envelope_id clients see: random and unguessable, since anyone holding it may grab.
    public_id: Mapped[str] = mapped_column(sa.String(32), unique=True)
    sender_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id"))
    total_coverage_fen: Mapped[int] = mapped_column(sa.BigInteger)
    shares: Mapped[int] = mapped_column(sa.Integer)
    mode: Mapped[str] = mapped_column(sa.String(8))
    greeting: Mapped[str] = mapped_column(sa.String(120))
    status: Mapped[str] = mapped_column(sa.String(16), index=True)
    funding: Mapped[str] = mapped_column(sa.String(16))
    #: What the gift cover cost: the paid order's amount, or what the campaign spent.
    premium_fen: Mapped[int] = mapped_column(sa.BigInteger)
    order_id: Mapped[int | None] = mapped_column(sa.ForeignKey("orders.id"), unique=True)
    campaign_id: Mapped[int | None] = mapped_column(sa.ForeignKey("campaigns.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now, index=True)  # the dashboard counts by day
    #: When it turned active (paid, or created for a promo); unclaimed shares expire 24 hours later.
    activated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    #: Set once the premium of coverage never activated has been refunded (or there was none).
    settled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: The single refund of unactivated coverage, if there was anything to refund.
    refund_id: Mapped[int | None] = mapped_column(sa.ForeignKey("refunds.id"))


class EnvelopeShare(db.Model):
    """One share of an envelope's coverage, fixed when the envelope is created."""

    __tablename__ = "envelope_shares"
    __table_args__ = (sa.UniqueConstraint("envelope_id", "position"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    envelope_id: Mapped[int] = mapped_column(sa.ForeignKey("envelopes.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(sa.Integer)
    coverage_fen: Mapped[int] = mapped_column(sa.BigInteger)


class EnvelopeGrab(StateMachine, db.Model):
    """A user's grab of one share: unique per envelope and user, and per share."""

    __tablename__ = "envelope_grabs"
    __table_args__ = (
        sa.UniqueConstraint("envelope_id", "user_id"),
        sa.UniqueConstraint("share_id"),
        sa.CheckConstraint(sa.column("status").in_(GRAB_STATUSES), name="status"),
    )

    NOUN = _l("grab")
    #: Activated into a policy within 7 days, or lapsed.
    TRANSITIONS = {
        "grabbed": frozenset({"activated", "lapsed"}),
    }

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: The grab_id clients see.
    public_id: Mapped[str] = mapped_column(sa.String(32), unique=True)
    envelope_id: Mapped[int] = mapped_column(sa.ForeignKey("envelopes.id", ondelete="CASCADE"))
    share_id: Mapped[int] = mapped_column(sa.ForeignKey("envelope_shares.id"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    coverage_fen: Mapped[int] = mapped_column(sa.BigInteger)
    status: Mapped[str] = mapped_column(sa.String(16), default="grabbed")
    grabbed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: Seven days after the grab: not activated by then, the grab lapses.
    activate_by: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    activated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    policy_id: Mapped[int | None] = mapped_column(sa.ForeignKey("policies.id"), unique=True)
