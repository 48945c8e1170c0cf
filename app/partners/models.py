from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db


class PartnerEvent(db.Model):
    """An event a partner sent and we accepted; its id can never be applied twice on the same webhook."""

    __tablename__ = "partner_events"
    #: Each webhook is its own feed with its own numbering: a partner with both scopes may send event 1 to
    #: each, and they are two events (docs/api.md, Partner webhooks).
    __table_args__ = (sa.UniqueConstraint("partner", "scope", "event_id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    partner: Mapped[str] = mapped_column(sa.String(40))
    #: The partner's own id for the event: a replay with the same id to the same webhook has no effect.
    event_id: Mapped[str] = mapped_column(sa.String(64))
    #: claims or scenarios: the endpoint it came to.
    scope: Mapped[str] = mapped_column(sa.String(16))
    body: Mapped[str] = mapped_column(sa.Text)
    #: What it did: applied, or ignored:<reason> (an unknown openid; ignored:stale, a claim update older than
    #: the insurer's last move of that claim).
    outcome: Mapped[str] = mapped_column(sa.String(40), default="applied")
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
