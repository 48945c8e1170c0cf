"""Defects found by a review of coupons and their campaigns: each test failed on the code before its fix."""

from __future__ import annotations

import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.extensions import db
from tests.coupons.helpers import coupons_of, hospital_event, openid_of
from tests.support import partner_post


def _second_hospital_campaign(app):
    """An operator's second hospital-payment campaign beside the seeded one (as the admin creates it)."""
    with app.app_context():
        db.session.add(Campaign(code="hospital-autumn", name_zh="秋季住院费立减20元", name_en="Autumn: 20 yuan off",
                                kind="hospital_payment", budget_fen=1_000_000, per_user_limit=1,
                                settings={"discount_fen": 2000, "valid_days": 30, "category": "medical"}))
        db.session.commit()


def test_a_hospital_event_is_granted_by_the_next_campaign_when_the_first_has_run_out(app, client, campaigns, alice):
    """Running campaigns of a kind grant oldest first, the first one that can: the scenario webhook stopped at the
    first campaign's refusal (its budget spent), so the user got nothing though a second campaign had budget."""
    _second_hospital_campaign(app)
    with app.app_context():
        db.session.execute(sa.update(Campaign).where(Campaign.code == "hospital-payment")
                           .values(spent_fen=Campaign.budget_fen))  # the seeded campaign has spent it all
        db.session.commit()
    answer = partner_post(client, app, "/webhooks/scenarios", hospital_event(openid_of(client, alice)))
    assert answer.status_code == 200
    assert answer.get_json()["applied"] is True, answer.get_json()
    assert [c["discount_fen"] for c in coupons_of(client, alice)] == [2000]


def test_a_campaign_that_refuses_still_says_why_when_none_grants(app, client, campaigns, alice):
    with app.app_context():
        db.session.execute(sa.update(Campaign).where(Campaign.code == "hospital-payment")
                           .values(spent_fen=Campaign.budget_fen))
        db.session.commit()
    answer = partner_post(client, app, "/webhooks/scenarios", hospital_event(openid_of(client, alice)))
    assert answer.get_json() == {"ignored": "budget_exhausted"}
    assert coupons_of(client, alice) == []
