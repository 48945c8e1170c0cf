"""Defects found by the growth review of referral rewards: each test failed on the code before its fix."""

from __future__ import annotations

import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.extensions import db
from tests.coupons.helpers import coupons_of
from tests.referrals.test_review_defects import _admin, _buys, _referred_friend
from tests.admin.support import post_form


def test_only_a_friends_first_purchase_earns_the_sharer_a_coupon(app, client, campaigns, alice):
    """The reward is for a friend's first purchase ("referral-first-purchase"), but any purchase earned it while
    the sharer had none for that friend: a friend who first bought while no referral campaign ran (paused, or
    before one began) made the sharer a coupon with their next purchase, months later."""
    friend = _referred_friend(client, alice)
    admin = _admin(app)
    with app.app_context():
        referral = db.session.scalar(sa.select(Campaign.id).where(Campaign.kind == "referral"))
    assert post_form(admin, f"/admin/campaigns/{referral}/pause").status_code == 303
    _buys(app, client, friend)  # their first purchase, while no referral campaign runs: nothing is earned
    assert post_form(admin, f"/admin/campaigns/{referral}/resume").status_code == 303
    _buys(app, client, friend)  # their second: not a first purchase
    assert coupons_of(client, alice) == []

    newcomer = _referred_friend(client, alice, name="newcomer")
    _buys(app, client, newcomer)  # a new friend's first purchase under the running campaign earns one
    _buys(app, client, newcomer)
    assert [c["discount_fen"] for c in coupons_of(client, alice)] == [500]
