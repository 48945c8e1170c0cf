"""Defects found by the growth review of WeRun rewards as users meet them: each test failed on the code before
its fix."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.core import clock
from app.extensions import db
from tests.admin.support import log_in, make_admin, post_form
from tests.rewards.test_werun import report, werun_data


def _beijing(*when) -> dt.datetime:
    return dt.datetime(*when, tzinfo=clock.SHANGHAI).astimezone(dt.timezone.utc)


def _admin(app):
    make_admin(app, "root", "admin")
    admin = app.test_client()
    assert log_in(admin, "root").status_code == 302
    return admin


def _werun_campaign(admin, code, coverage_yuan, starts_at="", ends_at=""):
    created = post_form(admin, "/admin/campaigns", {
        "code": code, "name_zh": "走路送保障", "name_en": "Walk for cover", "kind": "werun", "budget": "10000.00",
        "per_user_limit": "0", "starts_at": starts_at, "ends_at": ends_at, "discount": "", "valid_days": "7",
        "category": "", "coverage": coverage_yuan, "min_steps": "10000", "max_coverage": ""})
    assert created.status_code == 303, created.get_data(as_text=True)


def _campaign_id(app, code):
    with app.app_context():
        return db.session.scalar(sa.select(Campaign.id).where(Campaign.code == code))


def test_one_days_walk_earns_one_reward_when_an_operator_replaces_the_werun_campaign(app, client, campaigns, alice):
    """A day's steps earned one reward per WeRun campaign: after an operator replaced the campaign (paused the old
    one, started a new one) the same walk, reported again that day, earned a second gift cover for the same day."""
    with clock.frozen_at(_beijing(2026, 11, 26, 9, 0)):
        admin = _admin(app)
        assert len(report(client, alice, werun_data(client, alice, [12_000])).get_json()["rewards"]) == 1
        assert post_form(admin, f"/admin/campaigns/{_campaign_id(app, 'werun-10k')}/pause").status_code == 303
        _werun_campaign(admin, "werun-winter", "20000.00")
    with clock.frozen_at(_beijing(2026, 11, 26, 20, 0)):
        again = report(client, alice, werun_data(client, alice, [15_000]))
        assert again.status_code == 200, again.get_json()
        assert [r["coverage_fen"] for r in again.get_json()["rewards"]] == [1_000_000]
    with clock.frozen_at(_beijing(2026, 11, 27, 20, 0)):  # the next day's walk earns the new campaign's reward
        next_day = report(client, alice, werun_data(client, alice, [11_000, 15_000])).get_json()["rewards"]
        assert [r["coverage_fen"] for r in next_day] == [2_000_000, 1_000_000]


def test_two_werun_campaigns_running_at_once_give_one_reward_a_day(app, client, campaigns, alice):
    """With two WeRun campaigns running, a 10,000-step day earned two gift covers; the oldest campaign that can
    grant does (as coupons are granted), one reward a day."""
    _werun_campaign(_admin(app), "werun-second", "20000.00")
    rewards = report(client, alice, werun_data(client, alice, [12_000])).get_json()["rewards"]
    assert [r["coverage_fen"] for r in rewards] == [1_000_000]
