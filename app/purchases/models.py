from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db
from app.insured.models import HolderColumns, InsuredColumns


class Application(InsuredColumns, HolderColumns, db.Model):
    """What the buyer asked to be insured for, kept beside the order that pays for it (投保单):
    the policy is issued from it once the order is paid."""

    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: The order paying for it: one application per order.
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id", ondelete="CASCADE"), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
