"""Reward jobs: WeRun rewards that expired unredeemed give their premium back to their campaigns."""

from __future__ import annotations

from app.core.jobs import periodic
from app.rewards import services


@periodic(seconds=600)
def expire_rewards() -> dict:
    """Expire rewards past their validity unredeemed, their premium back in the budget (idempotent)."""
    return {"expired": services.expire_due()}
