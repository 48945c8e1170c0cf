"""Campaign budgets: taken atomically, so concurrent grants can never overspend."""

from __future__ import annotations

import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.core import clock
from app.errors import Conflict, ValidationFailed
from app.extensions import db


class BudgetExhausted(Conflict):
    code = "budget_exhausted"
    message = "This promotion has run out; please try again another time."


def running_campaign(code: str, kind: str, field: str = "campaign_code") -> Campaign:
    campaign = db.session.scalars(sa.select(Campaign).where(Campaign.code == code, Campaign.kind == kind)).one_or_none()
    if campaign is None or not campaign.running_at(clock.now()):
        raise ValidationFailed.for_field(field, "This promotion is not running.", code="campaign_not_running")
    return campaign


def take_budget(campaign_id: int, amount_fen: int) -> None:
    """Spend ``amount_fen`` of the campaign's budget in one guarded UPDATE, or raise ``BudgetExhausted``."""
    taken = db.session.execute(
        sa.update(Campaign)
        .where(Campaign.id == campaign_id, Campaign.active.is_(True),
               Campaign.spent_fen + amount_fen <= Campaign.budget_fen)
        .values(spent_fen=Campaign.spent_fen + amount_fen)
        .execution_options(synchronize_session=False)
    ).rowcount
    if taken != 1:
        raise BudgetExhausted()


def return_budget(campaign_id: int, amount_fen: int) -> None:
    """Give back what a grant did not use (an envelope's unclaimed cover)."""
    db.session.execute(
        sa.update(Campaign).where(Campaign.id == campaign_id)
        .values(spent_fen=sa.case((Campaign.spent_fen >= amount_fen, Campaign.spent_fen - amount_fen), else_=0))
        .execution_options(synchronize_session=False)
    )


def running_of_kind(kind: str) -> list[Campaign]:
    """Running campaigns of a kind, oldest first (the first one with budget left grants)."""
    now = clock.now()
    return [c for c in db.session.scalars(
        sa.select(Campaign).where(Campaign.kind == kind, Campaign.active.is_(True)).order_by(Campaign.id))
        if c.running_at(now)]
