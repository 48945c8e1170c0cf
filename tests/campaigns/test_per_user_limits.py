"""A campaign's per-user limit and budget hold under a crowd of one user's requests.

"Count, then insert" let twenty concurrent requests past a limit of one: ten free promo
envelopes, eleven scenario coupons. The limit is now one atomic upsert (on PostgreSQL two
requests really do run at once; SQLite takes its write lock at BEGIN, so there they queue).
"""

from __future__ import annotations

import concurrent.futures
import json
import threading
import time

import requests
import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.coupons.models import Coupon
from app.envelopes.models import Envelope
from app.extensions import db
from app.partners.services import sign
from app.rewards.models import Reward
from tests.support import plan_id

CROWD = 20


def at_once(count: int, send):
    """``send(i)`` from ``count`` threads released together; their responses."""
    start = threading.Barrier(count)

    def one(index):
        start.wait()
        return send(index)

    with concurrent.futures.ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def gift_plan_id(client) -> int:
    return plan_id(client, "gift-accident-30d")


def test_twenty_concurrent_free_envelopes_from_one_user_make_one(app, client, campaigns, alice):
    url = app.config["LIVE_SERVER_URL"] + "/api/v1/envelopes"
    body = {"plan_id": gift_plan_id(client), "total_coverage_fen": 1_000_000, "shares": 5, "mode": "random",
            "campaign_code": "welcome-envelope"}
    responses = at_once(CROWD, lambda _: requests.post(url, json=body, headers=alice["headers"], timeout=60))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [409] * (CROWD - 1), [r.text for r in responses if r.status_code not in (201, 409)]
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} == {"campaign_limit_reached"}
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Envelope)) == 1
        campaign = db.session.scalars(sa.select(Campaign).where(Campaign.code == "welcome-envelope")).one()
        assert campaign.spent_fen == db.session.scalar(sa.select(Envelope.premium_fen))


def test_twenty_concurrent_scenario_events_for_one_user_grant_one_coupon(app, client, campaigns, alice):
    openid = client.get("/api/v1/me", headers=alice["headers"]).get_json()["openid"]
    url = app.config["LIVE_SERVER_URL"] + "/webhooks/scenarios"
    secret = app.config["PARTNER_SECRETS"]["hospital"]["secret"]

    def send(index):
        body = json.dumps({"event_id": f"evt-crowd-{index}", "scenario": "hospital_payment", "openid": openid,
                           "occurred_at": "2026-11-26T09:00:00+08:00", "data": {"amount_fen": 52_000}}).encode()
        stamp = str(int(time.time()))
        return requests.post(url, data=body, timeout=60, headers={
            "X-Redcover-Partner": "hospital", "X-Redcover-Timestamp": stamp,
            "X-Redcover-Signature": sign(secret, stamp, body), "Content-Type": "application/json"})

    responses = at_once(CROWD, send)
    assert [r.status_code for r in responses] == [200] * CROWD
    outcomes = sorted(json.dumps(r.json(), sort_keys=True) for r in responses)
    assert sum('"applied": true' in outcome for outcome in outcomes) == 1
    assert outcomes.count('{"ignored": "limit_reached"}') == CROWD - 1
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Coupon)) == 1
        campaign = db.session.scalars(sa.select(Campaign).where(Campaign.code == "hospital-payment")).one()
        assert campaign.spent_fen == 1000  # one coupon's discount, not one per request


def test_one_day_of_steps_reported_ten_times_at_once_earns_one_reward_and_spends_once(app, client, campaigns,
                                                                                        alice):
    openid = client.get("/api/v1/me", headers=alice["headers"]).get_json()["openid"]
    data = client.post("/sandbox/wechat/werun", json={"openid": openid, "steps": [12_000]}).get_json()
    url = app.config["LIVE_SERVER_URL"] + "/api/v1/rewards/werun"
    responses = at_once(10, lambda _: requests.post(url, json=data, headers=alice["headers"], timeout=60))
    assert [r.status_code for r in responses] == [200] * 10
    with app.app_context():
        [reward] = db.session.scalars(sa.select(Reward)).all()
        campaign = db.session.scalars(sa.select(Campaign).where(Campaign.code == "werun-10k")).one()
        gift = client.get("/api/v1/products/gift-accident").get_json()["plans"][0]
        assert campaign.spent_fen == reward.coverage_fen * gift["premium_fen"] // gift["coverage_fen"]
