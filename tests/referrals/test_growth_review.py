"""Defects found by the growth review of referral rewards: each test failed on the code before its fix."""

from __future__ import annotations

import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.extensions import db
from tests.coupons.helpers import coupons_of, order
from tests.payments.helpers import post_notification, signed_notification
from tests.referrals.test_review_defects import _admin, _buys, _referred_friend
from tests.admin.support import post_form
from tests.support import run_jobs


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


def _referral_spent(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(Campaign.spent_fen).where(Campaign.kind == "referral"))


def _cancels_in_cooling_off(client, who):
    [policy] = client.get("/api/v1/policies", headers=who["headers"]).get_json()[:1]
    cancelled = client.post(f"/api/v1/policies/{policy['policy_no']}/cancel", headers=who["headers"])
    assert cancelled.status_code == 200, cancelled.get_json()


def test_a_friends_purchase_cancelled_in_cooling_off_takes_back_the_sharers_unused_coupon(app, client, campaigns,
                                                                                         alice):
    """A fake friend bought, earned the sharer a 5-yuan coupon, and cancelled within the cooling-off period for a
    full refund: the coupon stayed, so friends who buy and cancel farmed up to the campaign's limit (20 coupons,
    100 yuan) at no cost. Now the unused coupon is taken back and its value is back in the campaign's budget; the
    friend's next purchase is not a first purchase and earns nothing."""
    friend = _referred_friend(client, alice)
    _buys(app, client, friend)
    assert [c["status"] for c in coupons_of(client, alice)] == ["available"] and _referral_spent(app) == 500
    _cancels_in_cooling_off(client, friend)
    [coupon] = coupons_of(client, alice)
    assert coupon["status"] == "revoked" and _referral_spent(app) == 0
    refused = order(client, alice, coupon["id"], plan_code="accident-basic")
    assert refused.status_code == 409 and "退保" in refused.get_json()["error"]["message"]
    _buys(app, client, friend)
    assert [c["status"] for c in coupons_of(client, alice)] == ["revoked"] and _referral_spent(app) == 0


def test_a_coupon_the_sharer_used_before_the_friend_cancelled_stays_used(app, client, campaigns, alice):
    """The discount went into cover the sharer bought and paid for: it is not taken back from them."""
    friend = _referred_friend(client, alice)
    _buys(app, client, friend)
    [coupon] = coupons_of(client, alice)
    created = order(client, alice, coupon["id"], plan_code="accident-basic").get_json()
    post_notification(client, signed_notification(app, created["order_no"], created["amount_fen"]))
    _cancels_in_cooling_off(client, friend)
    # 4.99 yuan: the 5-yuan coupon on the 5-yuan plan took all but the 1 fen an order must cost, and gave that back.
    assert [c["status"] for c in coupons_of(client, alice)] == ["used"] and _referral_spent(app) == 499


def test_a_coupon_an_unpaid_order_held_when_the_friend_cancelled_is_taken_back_when_that_order_closes(
        app, client, campaigns, alice):
    """Held by the sharer's unpaid order when the friend cancelled, the coupon went back to the sharer when that
    order closed unpaid, usable as if the friend had never cancelled."""
    friend = _referred_friend(client, alice)
    _buys(app, client, friend)
    [coupon] = coupons_of(client, alice)
    created = order(client, alice, coupon["id"], plan_code="accident-basic").get_json()
    _cancels_in_cooling_off(client, friend)
    assert [c["status"] for c in coupons_of(client, alice)] == ["reserved"]  # the order keeps its quoted price
    client.post(f"/api/v1/orders/{created['order_no']}/cancel", headers=alice["headers"])
    assert [c["status"] for c in coupons_of(client, alice)] == ["revoked"] and _referral_spent(app) == 0


def test_a_purchase_cancelled_before_the_sharers_reward_was_granted_earns_nothing(app, client, campaigns, alice):
    """The sharer's coupon is granted by a job after the payment; a friend who cancelled before it ran (the worker
    behind, or down) still made the sharer a coupon, with nothing left to take it back."""
    friend = _referred_friend(client, alice)
    created = order(client, friend, plan_code="accident-basic").get_json()
    post_notification(client, signed_notification(app, created["order_no"], created["amount_fen"]))
    _cancels_in_cooling_off(client, friend)
    run_jobs(app)
    assert coupons_of(client, alice) == [] and _referral_spent(app) == 0
