"""Defects found by the growth review of WeRun rewards as users meet them: each test failed on the code before
its fix."""

from __future__ import annotations

import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.catalog.models import Insurer
from app.core import clock
from app.extensions import db
from tests.admin.support import post_form
from tests.referrals.test_review_defects import _admin
from tests.rewards.test_werun import _beijing, report, werun_data
from tests.support import agreement, config_set, resident_id


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


def test_production_gives_no_walking_cover_under_the_example_insurer(app, client, campaigns, alice):
    """Production sells nothing under the seeded example insurer (a policy must name its real underwriter), and a red
    envelope is refused so; a WeRun reward was not: it became a policy naming the example insurer. Now a walk earns
    nothing there (as with no gift plan on sale, the steps are kept), and a reward earned before is kept, its
    activation a clear 409 until an operator names the insurer."""
    [earned] = report(client, alice, werun_data(client, alice, [300, 12_000])).get_json()["rewards"]
    body = {**agreement(client, "gift-accident-30d"), "insured": {"name": "钱七", "id_number": resident_id("19880808")}}
    with config_set(app, ENV_NAME="production"):
        walked = report(client, alice, werun_data(client, alice, [12_000]))
        assert walked.status_code == 200, walked.get_json()
        assert [r["id"] for r in walked.get_json()["rewards"]] == [earned["id"]]
        refused = client.post(f"/api/v1/rewards/{earned['id']}/redeem", headers=alice["headers"], json=body)
        assert refused.status_code == 409, refused.get_json()
        assert refused.get_json()["error"]["code"] == "insurer_not_named"
        assert "保险公司" in refused.get_json()["error"]["message"]
        assert client.get("/api/v1/rewards", headers=alice["headers"]).get_json()[0]["status"] == "available"
        with app.app_context():
            insurer = db.session.scalars(sa.select(Insurer)).one()
            insurer.placeholder, insurer.name_zh, insurer.licence_no = False, "真实保险股份有限公司", "000123"
            db.session.commit()
        assert client.post(f"/api/v1/rewards/{earned['id']}/redeem", headers=alice["headers"],
                           json=body).status_code == 201


def test_a_days_walk_earns_from_the_campaign_that_ran_that_beijing_day(app, client, campaigns, alice, bob):
    """Yesterday's steps count when synced the morning after, but they were judged by the campaigns running at the
    sync: a campaign that started on 1 Dec rewarded a walk of 30 Nov, before it began, and a walk on its last day
    (7 Dec), synced the next morning, earned nothing because it had ended at midnight."""
    admin = _admin(app)
    assert post_form(admin, f"/admin/campaigns/{_campaign_id(app, 'werun-10k')}/pause").status_code == 303
    _werun_campaign(admin, "werun-december", "20000.00", starts_at="2026-12-01T00:00", ends_at="2026-12-08T00:00")
    with clock.frozen_at(_beijing(2026, 12, 1, 8, 0)):  # 30 Nov's walk, before the campaign began
        assert report(client, alice, werun_data(client, alice, [300, 12_000])).get_json()["rewards"] == []
    with clock.frozen_at(_beijing(2026, 12, 8, 8, 0)):  # 7 Dec's walk, its last day
        rewards = report(client, bob, werun_data(client, bob, [300, 12_000])).get_json()["rewards"]
        assert [r["coverage_fen"] for r in rewards] == [2_000_000]
    with clock.frozen_at(_beijing(2026, 12, 9, 8, 0)):  # 8 Dec's walk, after it ended
        assert report(client, alice, werun_data(client, alice, [300, 12_000])).get_json()["rewards"] == []
