"""Campaigns pay for the coupons they grant: per-user caps and the budget hold."""

from __future__ import annotations

import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.extensions import db
from tests.coupons.helpers import coupons_of, hospital_event, openid_of
from tests.support import partner_post


def test_per_user_caps_and_budgets_hold(app, client, campaigns, alice, bob):
    partner_post(client, app, "/webhooks/scenarios", hospital_event(openid_of(client, alice), "e1"))
    capped = partner_post(client, app, "/webhooks/scenarios", hospital_event(openid_of(client, alice), "e2"))
    assert capped.get_json() == {"ignored": "limit_reached"}
    with app.app_context():
        db.session.execute(sa.update(Campaign).where(Campaign.code == "hospital-payment")
                           .values(budget_fen=Campaign.spent_fen))
        db.session.commit()
    spent = partner_post(client, app, "/webhooks/scenarios", hospital_event(openid_of(client, bob), "e3"))
    assert spent.get_json() == {"ignored": "budget_exhausted"}
    assert len(coupons_of(client, alice)) == 1 and coupons_of(client, bob) == []
