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
from tests.support import agreement, config_set, resident_id, run_periodic_jobs


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


def _werun_spent(app, code="werun-10k") -> int:
    with app.app_context():
        return db.session.scalar(sa.select(Campaign.spent_fen).where(Campaign.code == code))


def test_the_admin_refuses_walking_cover_too_small_to_cost_anything(app, client, campaigns):
    """The admin took WeRun cover as low as 0.01 yuan; gift cover costs 2 fen per 1,000 yuan rounded down, so a
    reward under 500 yuan cost its campaign nothing for real cover. The least is now the smallest share an
    envelope gives, 1,000 yuan (one coverage unit of the gift plan)."""
    admin = _admin(app)
    for coverage in ("0.01", "400.00", "999.99"):
        refused = post_form(admin, "/admin/campaigns", {
            "code": "werun-tiny", "name_zh": "走路送保障", "name_en": "Walk for cover", "kind": "werun",
            "budget": "100.00", "per_user_limit": "0", "starts_at": "", "ends_at": "", "discount": "", "valid_days": "7",
            "category": "", "coverage": coverage, "min_steps": "10000", "max_coverage": ""})
        assert refused.status_code == 422 and "1,000 元到 1,000,000 元" in refused.get_data(as_text=True), coverage
    assert _campaign_id(app, "werun-tiny") is None
    _werun_campaign(admin, "werun-least", "1000.00")
    assert _campaign_id(app, "werun-least") is not None


def test_walking_cover_of_a_campaign_set_up_before_the_floor_costs_at_least_a_fen(app, client, campaigns, alice):
    """A campaign already giving 400 yuan of cover (set before the admin refused it) granted rewards of premium 0:
    its budget paid nothing, and the policy said it cost nothing. Gift cover's premium is now never below 1 fen."""
    with app.app_context():
        campaign = db.session.scalars(sa.select(Campaign).where(Campaign.code == "werun-10k")).one()
        campaign.settings = {**campaign.settings, "coverage_fen": 40_000}
        db.session.commit()
    [reward] = report(client, alice, werun_data(client, alice, [12_000])).get_json()["rewards"]
    assert reward["coverage_fen"] == 40_000 and _werun_spent(app) == 1
    body = {**agreement(client, "gift-accident-30d"), "insured": {"name": "钱七", "id_number": resident_id("19880808")}}
    redeemed = client.post(f"/api/v1/rewards/{reward['id']}/redeem", headers=alice["headers"], json=body)
    assert redeemed.status_code == 201, redeemed.get_json()
    policy = client.get(f"/api/v1/policies/{redeemed.get_json()['policy_no']}", headers=alice["headers"]).get_json()
    assert (policy["coverage_fen"], policy["premium_fen"]) == (40_000, 1)


def test_a_reward_that_expires_unredeemed_gives_its_premium_back_to_the_campaign_once(app, client, campaigns,
                                                                                     alice, bob):
    """A reward left to expire kept its campaign's budget spent, unlike a promo envelope's unclaimed cover, which
    goes back: the operator's budget figures counted cover nobody will ever hold. The sweep now gives the premium
    back, once, whenever it runs again; a reward still valid keeps its premium spent."""
    with clock.frozen_at(_beijing(2026, 11, 26, 9, 0)):
        report(client, alice, werun_data(client, alice, [12_000]))
    with clock.frozen_at(_beijing(2026, 11, 30, 9, 0)):
        report(client, bob, werun_data(client, bob, [12_000]))
    assert _werun_spent(app) == 40  # 10,000 yuan of gift cover each: 20 fen
    with clock.frozen_at(_beijing(2026, 12, 4, 9, 0)):  # alice's is good to the end of 3 Dec, bob's to 7 Dec
        run_periodic_jobs(app)
        run_periodic_jobs(app)
        assert [r["status"] for r in client.get("/api/v1/rewards", headers=alice["headers"]).get_json()] == ["expired"]
        assert [r["status"] for r in client.get("/api/v1/rewards", headers=bob["headers"]).get_json()] == ["available"]
    assert _werun_spent(app) == 20
