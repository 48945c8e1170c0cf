"""The sale's trace: one row per cover created (an order, an envelope share's activation, a reward's
redemption), written in the same unit of work, never changed and never deleted by the app."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

SOURCES = ("purchase", "envelope", "reward")


class SaleTrace(db.Model):
    """What was shown and agreed, and when, as the client says and as the server received it."""

    __tablename__ = "sale_traces"
    __table_args__ = (sa.CheckConstraint(sa.column("source").in_(SOURCES), name="source"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id"))
    #: purchase (an order), envelope (a share activated) or reward (a reward redeemed).
    source: Mapped[str] = mapped_column(sa.String(16))
    #: The order a purchase's policy will be issued from (its policy points back to it).
    order_id: Mapped[int | None] = mapped_column(sa.ForeignKey("orders.id"), unique=True)
    #: The gift policy issued in the same unit of work.
    policy_id: Mapped[int | None] = mapped_column(sa.ForeignKey("policies.id"), unique=True)
    #: ``[{"document_id", "code", "version", "title_zh", "title_en", "accepted_at", "received_at"}]``:
    #: ``accepted_at`` is the client's (ISO 8601, as sent), ``received_at`` the server's.
    documents: Mapped[list] = mapped_column(sa.JSON)
    #: ``{"app_version", "page_version", "platform"}`` as the client sent them (each optional).
    client: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    client_ip: Mapped[str | None] = mapped_column(sa.String(45))
    user_agent: Mapped[str | None] = mapped_column(sa.String(255))
    #: The health declaration was made (every question answered "no"); false where the product asks none.
    health_declared: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    #: The version of the health declaration answered, and the answers, encrypted (app.core.pii): sensitive data.
    health_version: Mapped[str | None] = mapped_column(sa.String(20))
    health_answers_encrypted: Mapped[str | None] = mapped_column(sa.Text)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
    #: The earliest moment the trace may be removed: 5 years after the latest the cover can end
    #: (Insurance Law Art. 87). The app removes nothing; a purge would select by this index.
    retain_until: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
