"""Envelope jobs: expiry, lapsing and the single refund of unclaimed cover."""

from __future__ import annotations

from app.core.jobs import periodic
from app.envelopes import settlement


@periodic(seconds=60)
def expire_envelopes() -> dict:
    """Expire, lapse and settle (idempotent)."""
    return settlement.expire_due()
