"""Defects found by a review of referral rewards: each test failed on the code before its fix."""

from __future__ import annotations

import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.extensions import db
from tests.admin.support import log_in, make_admin, post_form
from tests.coupons.helpers import coupons_of, order
from tests.payments.helpers import post_notification, signed_notification
from tests.support import run_jobs


def _admin(app):
    make_admin(app, "root", "admin")
    client = app.test_client()
    assert log_in(client, "root").status_code == 302
    return client


def _referred_friend(client, sharer, name="friend"):
    token = client.post("/api/v1/shares", json={"kind": "product", "target": "accident"},
                        headers=sharer["headers"]).get_json()["share_token"]
    body = client.post("/api/v1/auth/login", json={"code": f"sandbox:{name}", "share_token": token}).get_json()
    return {"headers": {"Authorization": f"Bearer {body['token']}"}}


def _buys(app, client, who):
    created = order(client, who, plan_code="accident-basic").get_json()
    post_notification(client, signed_notification(app, created["order_no"], created["amount_fen"]))
    run_jobs(app)


def test_a_friend_earns_the_sharer_one_coupon_even_when_the_referral_campaign_is_replaced(app, client, campaigns,
                                                                                         alice):
    """The referral reward was once per friend *per campaign*: after an operator replaced the referral campaign
    (paused the old one, created a new one), the same friend's next purchase earned the sharer a second coupon."""
    friend = _referred_friend(client, alice)
    _buys(app, client, friend)
    assert len(coupons_of(client, alice)) == 1

    admin = _admin(app)
    with app.app_context():
        old = db.session.scalar(sa.select(Campaign.id).where(Campaign.kind == "referral"))
    assert post_form(admin, f"/admin/campaigns/{old}/pause").status_code == 303
    created = post_form(admin, "/admin/campaigns", {
        "code": "referral-spring", "name_zh": "春季邀请有礼", "name_en": "Spring referrals", "kind": "referral",
        "budget": "1000.00", "per_user_limit": "20", "starts_at": "", "ends_at": "", "discount": "8",
        "valid_days": "30", "category": "", "coverage": "", "min_steps": "", "max_coverage": ""})
    assert created.status_code == 303

    _buys(app, client, friend)  # the same friend again: no second reward for them
    assert [c["discount_fen"] for c in coupons_of(client, alice)] == [500]

    newcomer = _referred_friend(client, alice, name="newcomer")
    _buys(app, client, newcomer)  # a new friend under the new campaign still earns one
    assert sorted(c["discount_fen"] for c in coupons_of(client, alice)) == [500, 800]
