"""Envelope jobs: expiry, lapsing and the single refund of unclaimed cover."""

from __future__ import annotations

from app import jobs
from app.envelopes import services


@jobs.job
def expire_envelopes() -> dict:
    """Periodic: expire, lapse and settle (idempotent)."""
    return services.expire_due()
