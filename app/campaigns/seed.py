"""Default campaigns: changeable later from the dashboard; ``flask seed`` adds only what is missing."""

from __future__ import annotations

import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.extensions import db

DEFAULT_CAMPAIGNS = [
    {"code": "hospital-payment", "name_zh": "刚交过住院费？医疗保障立减10元",
     "name_en": "Paid a hospital bill? 10 yuan off medical cover", "kind": "hospital_payment",
     "budget_fen": 10_000_000, "per_user_limit": 1,
     "settings": {"discount_fen": 1000, "valid_days": 30, "category": "medical"}},
    {"code": "werun-10k", "name_zh": "走满1万步，送1万元意外保障30天",
     "name_en": "10,000 steps: 10,000 yuan of accident cover for 30 days", "kind": "werun",
     "budget_fen": 1_000_000, "per_user_limit": 0,
     "settings": {"min_steps": 10_000, "coverage_fen": 1_000_000, "valid_days": 7}},
    {"code": "referral-first-purchase", "name_zh": "邀请的好友投保了，你下次投保立减5元",
     "name_en": "A friend you invited bought cover: 5 yuan off your next",
     "kind": "referral", "budget_fen": 5_000_000, "per_user_limit": 20,
     "settings": {"discount_fen": 500, "valid_days": 30, "category": None}},
    {"code": "welcome-envelope", "name_zh": "第一个保险红包免费发（保额最高1万元）",
     "name_en": "Send your first red envelope free (up to 10,000 yuan of cover)",
     "kind": "envelope_promo", "budget_fen": 200_000, "per_user_limit": 1,
     "settings": {"max_coverage_fen": 1_000_000}},
]


def seed_campaigns() -> str:
    added = 0
    for entry in DEFAULT_CAMPAIGNS:
        if db.session.scalar(sa.select(Campaign.id).where(Campaign.code == entry["code"])) is None:
            db.session.add(Campaign(**entry))
            added += 1
    db.session.flush()
    return f"{added} campaigns added"
