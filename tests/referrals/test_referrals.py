"""Referrals: one share token per thing, forwarding recorded, first-touch attribution, and a coupon for the
sharer when a referred friend first buys."""

from __future__ import annotations

import sqlalchemy as sa

from app.coupons.models import Coupon
from app.extensions import db
from app.referrals.models import Referral
from tests.coupons.helpers import coupons_of, order
from tests.payments.helpers import post_notification, signed_notification
from tests.support import run_jobs


def test_a_referred_friends_first_purchase_earns_the_sharer_a_coupon(app, client, campaigns, alice):
    share = client.post("/api/v1/shares", json={"kind": "product", "target": "accident"}, headers=alice["headers"])
    assert share.status_code == 201
    token = share.get_json()["share_token"]
    friend_login = client.post("/api/v1/auth/login", json={"code": "sandbox:friend", "share_token": token}).get_json()
    friend = {"headers": {"Authorization": f"Bearer {friend_login['token']}"}}
    for _ in range(2):
        created = order(client, friend, plan_code="accident-basic").get_json()
        post_notification(client, signed_notification(app, created["order_no"], created["amount_fen"]))
    assert coupons_of(client, alice) == []  # granted by the job worker, after the payment
    run_jobs(app)
    granted = coupons_of(client, alice)
    assert len(granted) == 1 and granted[0]["discount_fen"] == 500 and granted[0]["category"] is None
    [referral] = client.get("/api/v1/me/referrals", headers=alice["headers"]).get_json()
    assert (referral["via"], referral["target"], referral["orders"], referral["premium_fen"]) == (
        "product", "accident", 2, 1000)


def test_only_new_users_are_attributed_first_touch(client, campaigns, alice, bob):
    token = client.post("/api/v1/shares", json={"kind": "product", "target": "hospital"},
                        headers=alice["headers"]).get_json()["share_token"]
    client.post("/api/v1/auth/login", json={"code": "sandbox:bob", "share_token": token})  # bob already exists
    assert client.get("/api/v1/me/referrals", headers=alice["headers"]).get_json() == []
    carol = client.post("/api/v1/auth/login", json={"code": "sandbox:carol", "share_token": token}).get_json()
    other = client.post("/api/v1/shares", json={"kind": "product", "target": "hospital"},
                        headers=bob["headers"]).get_json()["share_token"]
    client.post("/api/v1/auth/login", json={"code": "sandbox:carol", "share_token": other})
    assert len(client.get("/api/v1/me/referrals", headers=alice["headers"]).get_json()) == 1
    assert client.get("/api/v1/me/referrals", headers=bob["headers"]).get_json() == []
    assert carol["user"]["id"]


def test_sharing_is_one_token_per_thing_and_records_forwarding(app, client, catalog, alice, bob):
    first = client.post("/api/v1/shares", json={"kind": "product", "target": "travel"}, headers=alice["headers"])
    again = client.post("/api/v1/shares", json={"kind": "product", "target": "travel"}, headers=alice["headers"])
    assert first.get_json()["share_token"] == again.get_json()["share_token"]
    forwarded = client.post("/api/v1/shares", json={"kind": "product", "target": "travel",
                                                    "via_share_token": first.get_json()["share_token"]},
                            headers=bob["headers"])
    from app.referrals.models import Share

    assert forwarded.status_code == 201
    with app.app_context():
        shares = {row.token: row for row in db.session.scalars(sa.select(Share))}
        original = shares[first.get_json()["share_token"]]
        onward = shares[forwarded.get_json()["share_token"]]
        assert (original.forwarded_from_id, onward.forwarded_from_id) == (None, original.id)
    missing = client.post("/api/v1/shares", json={"kind": "product", "target": "nope"}, headers=alice["headers"])
    assert missing.status_code == 404


def test_a_closed_accounts_shares_bring_in_nobody_and_earn_nothing(app, client, campaigns, alice):
    token = client.post("/api/v1/shares", json={"kind": "product", "target": "accident"},
                        headers=alice["headers"]).get_json()["share_token"]
    friend_login = client.post("/api/v1/auth/login", json={"code": "sandbox:friend", "share_token": token}).get_json()
    friend = {"headers": {"Authorization": f"Bearer {friend_login['token']}"}}
    assert client.post("/api/v1/me/closure", json={"confirm": True}, headers=alice["headers"]).status_code == 200

    created = order(client, friend, plan_code="accident-basic").get_json()  # the friend alice brought in buys
    post_notification(client, signed_notification(app, created["order_no"], created["amount_fen"]))
    run_jobs(app)
    client.post("/api/v1/auth/login", json={"code": "sandbox:carol", "share_token": token})  # someone new arrives
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Coupon)) == 0  # no coupon for nobody
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Referral)) == 1  # the friend's, from before
        db.session.remove()
