"""WeRun days and rewards in a user's copy of their personal information (``app.core.personal_data``)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.campaigns import services as campaigns
from app.core import clock, events
from app.core.personal_data import Section, amount, moment
from app.extensions import db
from app.policies import services as policies
from app.rewards.models import Reward, WerunDay


@events.personal_data_copy.connect
def werun_and_rewards(user_id: int) -> list[Section]:
    now = clock.now()
    days = db.session.scalars(sa.select(WerunDay).where(WerunDay.user_id == user_id).order_by(WerunDay.day))
    rewards = db.session.scalars(sa.select(Reward).where(Reward.user_id == user_id).order_by(Reward.id))
    return [
        Section("werun_days", _l("WeRun steps"), ("werun_days",), [{
            "day": moment(day.day), "steps": day.steps, "reported_at": moment(day.updated_at),
        } for day in days]),
        Section("rewards", _l("Rewards"), ("rewards",), [{
            "name_zh": reward.name_zh, "name_en": reward.name_en, "coverage": amount(reward.coverage_fen),
            # The gift cover's premium, paid by the campaign: what its policy states, or what went back if it expired.
            "premium": amount(reward.premium_fen),
            "status": reward.status_at(now), "granted_for": reward.source_key.partition(":")[0],
            "granted_at": moment(reward.granted_at), "valid_until": moment(reward.valid_until),
            "redeemed_at": moment(reward.redeemed_at), "policy_no": policies.policy_no_of(reward.policy_id),
        } for reward in rewards]),
    ]


@events.account_closed.connect
def forget_werun_and_void_rewards(user_id: int) -> tuple[str, ...]:
    """The user's WeRun steps go; rewards not yet redeemed expire, their premium back in their campaigns' budgets
    (a redeemed one is a policy, kept as the sale's record)."""
    db.session.execute(sa.delete(WerunDay).where(WerunDay.user_id == user_id))
    campaigns.void_grants_of(Reward, Reward.premium_fen, user_id, "expired")
    return ("werun_days", "rewards")
