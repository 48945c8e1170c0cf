"""Campaign allowances in a user's copy of their personal information (``app.core.personal_data``)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.campaigns.models import Campaign, CampaignAllowance
from app.core import events
from app.core.personal_data import Section
from app.extensions import db


@events.personal_data_copy.connect
def campaign_allowances(user_id: int) -> Section:
    """How many grants the user has had from each campaign (what its per-user limit counts)."""
    found = db.session.execute(sa.select(CampaignAllowance, Campaign).join(Campaign, Campaign.id == CampaignAllowance.campaign_id)
                               .where(CampaignAllowance.user_id == user_id).order_by(CampaignAllowance.id))
    return Section("campaign_allowances", _l("Campaign grants"), ("campaign_allowances",), [{
        "campaign": campaign.code, "name_zh": campaign.name_zh, "name_en": campaign.name_en,
        "grants": allowance.used,
    } for allowance, campaign in found])
