"""Defects found by the growth review of scenario coupons: each test failed on the code before its fix."""

from __future__ import annotations

import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.core import clock
from app.extensions import db
from tests.admin.support import post_form
from tests.coupons.helpers import coupons_of, hospital_event, openid_of
from tests.referrals.test_review_defects import _admin
from tests.rewards.test_werun import _beijing
from tests.support import partner_post


def _event(openid, event_id, occurred_at):
    return {**hospital_event(openid, event_id), "occurred_at": occurred_at}


def test_a_hospital_bill_earns_from_the_campaign_running_when_it_was_paid(app, client, campaigns, alice, bob):
    """An event was judged by the campaigns running when it reached us, not when the bill was paid: a bill paid
    the evening before a campaign began, reported the next morning, earned its coupon, and one paid at 23:50 on its
    last day, reported at 00:05, earned nothing."""
    admin = _admin(app)
    with app.app_context():
        seeded = db.session.scalar(sa.select(Campaign.id).where(Campaign.code == "hospital-payment"))
    assert post_form(admin, f"/admin/campaigns/{seeded}/pause").status_code == 303
    created = post_form(admin, "/admin/campaigns", {
        "code": "hospital-december", "name_zh": "十二月住院费立减", "name_en": "December hospital bills",
        "kind": "hospital_payment", "budget": "1000.00", "per_user_limit": "1", "starts_at": "2026-12-01T00:00",
        "ends_at": "2026-12-08T00:00", "discount": "10", "valid_days": "30", "category": "medical", "coverage": "",
        "min_steps": "", "max_coverage": ""})
    assert created.status_code == 303
    with clock.frozen_at(_beijing(2026, 12, 1, 9, 0)):
        before = partner_post(client, app, "/webhooks/scenarios",
                              _event(openid_of(client, alice), "evt-before", "2026-11-30T20:00:00+08:00"))
        assert before.get_json() == {"ignored": "no_campaign"}
    with clock.frozen_at(_beijing(2026, 12, 8, 0, 5)):
        last_day = partner_post(client, app, "/webhooks/scenarios",
                                _event(openid_of(client, bob), "evt-last-day", "2026-12-07T23:50:00+08:00"))
        assert last_day.get_json().get("applied") is True, last_day.get_json()
        after = partner_post(client, app, "/webhooks/scenarios",
                             _event(openid_of(client, alice), "evt-after", "2026-12-08T00:01:00+08:00"))
        assert after.get_json() == {"ignored": "no_campaign"}
    assert coupons_of(client, alice) == [] and len(coupons_of(client, bob)) == 1
