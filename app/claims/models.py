from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from app.claims.states import ACTORS, STATES
from app.core import clock
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

KINDS = ("accident", "hospital", "travel", "other")
#: Each kind as the user reads it in an error (a policy's product pays for some only: catalog.CLAIM_KINDS).
KIND_NAMES = {"accident": _l("an accident"), "hospital": _l("a hospital stay for illness"),
              "travel": _l("an accident or emergency on a trip"), "other": _l("something else")}
MATERIAL_TYPES = ("image/jpeg", "image/png", "application/pdf")
#: What became of a transition's subscribe message.
NOTIFY_OUTCOMES = ("sent", "no_opt_in", "not_needed", "no_template", "undeliverable", "expired")


class Claim(db.Model):
    __tablename__ = "claims"
    __table_args__ = (
        sa.CheckConstraint(sa.column("state").in_(STATES), name="state"),
        sa.CheckConstraint(sa.column("kind").in_(KINDS), name="kind"),
        sa.CheckConstraint("claimed_fen > 0", name="claimed_fen"),
        sa.CheckConstraint("paid_fen IS NULL OR (paid_fen > 0 AND paid_fen <= claimed_fen)", name="paid_fen"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: What the user and the insurer call it: C + filing date (Shanghai) + 8 random digits.
    claim_no: Mapped[str] = mapped_column(sa.String(24), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    policy_id: Mapped[int] = mapped_column(sa.ForeignKey("policies.id"), index=True)
    #: accident, hospital (treated as illness: the waiting period applies), travel or other.
    kind: Mapped[str] = mapped_column(sa.String(16))
    #: One of states.STATES; changed only through services (states.check), never directly.
    state: Mapped[str] = mapped_column(sa.String(24), index=True)
    claimed_fen: Mapped[int] = mapped_column(sa.BigInteger)
    #: What the insurer paid, set with the move to ``paid``.
    paid_fen: Mapped[int | None] = mapped_column(sa.BigInteger)
    #: When the accident or illness happened (must fall within the policy's cover).
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    description: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
    #: When the current state began: the expected dates count from here.
    state_changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)


class ClaimEvent(db.Model):
    """One transition of a claim (its filing included): who, when, why; never changed afterwards
    except for the bookkeeping of its subscribe message."""

    __tablename__ = "claim_events"
    __table_args__ = (
        sa.CheckConstraint(sa.column("actor").in_(ACTORS), name="actor"),
        sa.CheckConstraint(sa.or_(sa.column("notify_outcome").is_(None),
                                  sa.column("notify_outcome").in_(NOTIFY_OUTCOMES)), name="notify_outcome"),
        # The expected durations read the recent forward moves out of each step.
        sa.Index("ix_claim_events_from_state_at", "from_state", "at"),
        # The sweep looks for the few messages still pending among every event ever recorded.
        sa.Index("ix_claim_events_message_pending", "id", postgresql_where=sa.text("notify_outcome IS NULL"),
                 sqlite_where=sa.text("notify_outcome IS NULL")),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    #: None for the filing itself.
    from_state: Mapped[str | None] = mapped_column(sa.String(24))
    to_state: Mapped[str] = mapped_column(sa.String(24))
    #: When the claim entered ``from_state``: ``at`` minus this is how long it stayed there.
    from_state_since: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: user, insurer or operator.
    actor: Mapped[str] = mapped_column(sa.String(16))
    #: The user's id, the partner's name, or the operator's admin id.
    actor_id: Mapped[str | None] = mapped_column(sa.String(64))
    actor_name: Mapped[str | None] = mapped_column(sa.String(64))
    #: Shown to the user: what to send, why not approved, what happened.
    note: Mapped[str | None] = mapped_column(sa.Text)
    paid_fen: Mapped[int | None] = mapped_column(sa.BigInteger)
    #: The insurer's webhook event that made this move, if it came that way.
    partner_event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("partner_events.id"), unique=True)
    #: When the insurer says the move happened at its end (its update's ``changed_at``), if it said: an update
    #: from before the newest of these arrived late and is not applied (docs/api.md, Partner webhooks).
    insurer_changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
    #: None while its subscribe message is still to be sent (the job and the sweep look for these).
    notify_outcome: Mapped[str | None] = mapped_column(sa.String(16))
    notified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class ClaimMaterial(db.Model):
    """A document the user uploaded; the bytes live on disk under their SHA-256, never their name."""

    __tablename__ = "claim_materials"
    __table_args__ = (
        sa.UniqueConstraint("claim_id", "sha256"),
        sa.CheckConstraint(sa.column("content_type").in_(MATERIAL_TYPES), name="content_type"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    #: Hex SHA-256 of the content: its file name in storage (materials.path_for).
    sha256: Mapped[str] = mapped_column(sa.String(64))
    #: Recognised from the content's magic bytes, not from the name or the declared type.
    content_type: Mapped[str] = mapped_column(sa.String(32))
    size_bytes: Mapped[int] = mapped_column(sa.Integer)
    #: The client's file name, cleaned, for display only; it never touches the file system.
    original_name: Mapped[str] = mapped_column(sa.String(120))
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)


class SubscribeOptIn(db.Model):
    """How many subscribe messages a user has allowed us to send with one template.

    ``wx.requestSubscribeMessage`` grants one message per "accept"; sending spends one.
    """

    __tablename__ = "subscribe_opt_ins"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "template_id"),
        sa.CheckConstraint("remaining >= 0", name="remaining"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    template_id: Mapped[str] = mapped_column(sa.String(128))
    remaining: Mapped[int] = mapped_column(sa.Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
