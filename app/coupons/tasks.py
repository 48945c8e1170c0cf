"""Coupon jobs: coupons that expired unused give their value back to their campaigns."""

from __future__ import annotations

from app.core.jobs import periodic
from app.coupons import services


@periodic(seconds=600)
def expire_coupons() -> dict:
    """Expire coupons past their validity unused, their value back in the budget (idempotent)."""
    return {"expired": services.expire_due()}
