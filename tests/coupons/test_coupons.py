"""Scenario events grant coupons once; coupons discount orders, are reserved, consumed and released."""

from __future__ import annotations

import concurrent.futures
import datetime as dt

import pytest
import requests
import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.core import clock
from app.coupons.models import Coupon
from app.extensions import db
from app.partners.models import PartnerEvent
from tests.payments.helpers import post_notification, signed_notification
from tests.support import partner_post, plan_id, resident_id, run_jobs


def hospital_event(openid, event_id="evt-1"):
    return {"event_id": event_id, "scenario": "hospital_payment", "openid": openid,
            "occurred_at": "2026-11-26T09:00:00+08:00", "data": {"amount_fen": 52_000, "hospital": "Ruijin"}}


def openid_of(client, who) -> str:
    return client.get("/api/v1/me", headers=who["headers"]).get_json()["openid"]


def coupons_of(client, who) -> list:
    return client.get("/api/v1/coupons", headers=who["headers"]).get_json()


@pytest.fixture
def coupon(client, campaigns, alice):
    response = partner_post(client, client.application, "/webhooks/scenarios", hospital_event(openid_of(client, alice)))
    assert response.status_code == 200, response.get_json()
    [granted] = coupons_of(client, alice)
    return granted


def order(client, who, coupon_id=None, plan_code="hospital-basic", key=None):
    headers = dict(who["headers"], **({"Idempotency-Key": key} if key else {}))
    body = {"plan_id": plan_id(client, plan_code), "insured": {"name": "孙八", "id_number": resident_id("19900101")}}
    if coupon_id is not None:
        body["coupon_id"] = coupon_id
    return client.post("/api/v1/orders", json=body, headers=headers)


# -- scenario events --------------------------------------------------------------------------

def test_a_hospital_payment_event_grants_a_medical_coupon(client, coupon):
    assert coupon["discount_fen"] == 1000 and coupon["category"] == "medical" and coupon["status"] == "available"
    valid_for = dt.datetime.fromisoformat(coupon["valid_until"]) - clock.now()
    assert dt.timedelta(days=29) < valid_for <= dt.timedelta(days=30)


def test_one_event_sent_twice_grants_one_coupon(app, client, campaigns, alice):
    event = hospital_event(openid_of(client, alice))
    first = partner_post(client, app, "/webhooks/scenarios", event)
    second = partner_post(client, app, "/webhooks/scenarios", event)
    assert first.status_code == second.status_code == 200
    assert first.get_json()["applied"] is True
    assert second.get_json() == {"duplicate": True}
    assert len(coupons_of(client, alice)) == 1


def test_an_unknown_openid_is_stored_and_ignored(app, client, campaigns):
    response = partner_post(client, app, "/webhooks/scenarios", hospital_event("o-nobody-we-know"))
    assert response.status_code == 200 and response.get_json() == {"ignored": "unknown_user"}
    with app.app_context():
        assert db.session.scalar(sa.select(PartnerEvent.outcome)) == "ignored:unknown_user"


def test_forged_and_stale_events_grant_nothing_and_do_not_use_up_the_id(app, client, campaigns, alice):
    event = hospital_event(openid_of(client, alice))
    forged = partner_post(client, app, "/webhooks/scenarios", event, secret="not-the-secret")
    assert forged.status_code == 401 and forged.get_json()["error"]["code"] == "invalid_signature"
    stale = partner_post(client, app, "/webhooks/scenarios", event,
                         timestamp=int(clock.now().timestamp()) - 301)
    assert stale.status_code == 401 and stale.get_json()["error"]["code"] == "stale_request"
    unknown_partner = partner_post(client, app, "/webhooks/scenarios", event, partner="insurer",
                                   secret="x")
    assert unknown_partner.status_code == 401
    assert coupons_of(client, alice) == []
    # The refusals did not use up the event id: the genuine event still applies.
    assert partner_post(client, app, "/webhooks/scenarios", event).get_json()["applied"] is True


def test_a_partner_without_the_scope_is_403(app, client, campaigns, alice):
    response = partner_post(client, app, "/webhooks/scenarios", hospital_event(openid_of(client, alice)),
                            partner="insurer")
    assert response.status_code == 403


def test_a_tampered_body_fails_the_signature(app, client, campaigns, alice):
    import json

    from app.partners.services import sign

    stamp = str(int(clock.now().timestamp()))
    body = json.dumps(hospital_event(openid_of(client, alice))).encode()
    signature = sign(app.config["PARTNER_SECRETS"]["hospital"]["secret"], stamp, body)
    tampered = body.replace(b"evt-1", b"evt-2")
    response = client.post("/webhooks/scenarios", data=tampered, headers={
        "X-Redcover-Partner": "hospital", "X-Redcover-Timestamp": stamp, "X-Redcover-Signature": signature})
    assert response.status_code == 401


def test_bad_event_bodies_are_answered_in_our_error_shape(app, client, campaigns):
    assert partner_post(client, app, "/webhooks/scenarios", b"{not json").status_code == 400
    missing = partner_post(client, app, "/webhooks/scenarios", {"event_id": "e"})
    assert missing.status_code == 422 and "openid" in missing.get_json()["error"]["details"]["fields"]
    unknown = partner_post(client, app, "/webhooks/scenarios", dict(hospital_event("o"), scenario="parking"))
    assert unknown.status_code == 422


def test_per_user_caps_and_budgets_hold(app, client, campaigns, alice, bob):
    partner_post(client, app, "/webhooks/scenarios", hospital_event(openid_of(client, alice), "e1"))
    capped = partner_post(client, app, "/webhooks/scenarios", hospital_event(openid_of(client, alice), "e2"))
    assert capped.get_json() == {"ignored": "limit_reached"}
    with app.app_context():
        db.session.execute(sa.update(Campaign).where(Campaign.code == "hospital-payment")
                           .values(budget_fen=Campaign.spent_fen))
        db.session.commit()
    spent = partner_post(client, app, "/webhooks/scenarios", hospital_event(openid_of(client, bob), "e3"))
    assert spent.get_json() == {"ignored": "budget_exhausted"}
    assert len(coupons_of(client, alice)) == 1 and coupons_of(client, bob) == []


# -- coupons at checkout ------------------------------------------------------------------------

def test_a_coupon_discounts_the_order_and_is_consumed_when_paid(app, client, alice, coupon):
    created = order(client, alice, coupon["id"]).get_json()
    assert (created["premium_fen"], created["discount_fen"], created["amount_fen"]) == (6000, 1000, 5000)
    assert coupons_of(client, alice)[0]["status"] == "reserved"
    from app.sandbox.pay_state import load_order

    with app.app_context():
        assert load_order(created["order_no"])["total_fee"] == "5000"
    post_notification(client, signed_notification(app, created["order_no"], 5000))
    assert coupons_of(client, alice)[0]["status"] == "used"
    again = order(client, alice, coupon["id"])
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "coupon_unavailable"


def test_a_coupon_is_released_when_its_order_closes_unpaid(client, alice, coupon):
    created = order(client, alice, coupon["id"]).get_json()
    client.post(f"/api/v1/orders/{created['order_no']}/cancel", headers=alice["headers"])
    assert coupons_of(client, alice)[0]["status"] == "available"
    assert order(client, alice, coupon["id"]).status_code == 201


def test_a_coupon_checks_owner_validity_and_product(client, alice, bob, coupon):
    assert order(client, bob, coupon["id"]).status_code == 404
    wrong_product = order(client, alice, coupon["id"], plan_code="accident-basic")
    assert wrong_product.status_code == 422 and wrong_product.get_json()["error"]["code"] == "coupon_not_applicable"
    with clock.frozen_at(clock.now() + dt.timedelta(days=31)):
        from tests.support import login

        token = login(client, "alice")["token"]
        expired = order(client, {"headers": {"Authorization": f"Bearer {token}"}}, coupon["id"])
    assert expired.status_code == 422 and expired.get_json()["error"]["code"] == "coupon_expired"


def test_two_orders_racing_for_one_coupon_one_wins(app, client, alice, coupon):
    url = app.config["LIVE_SERVER_URL"] + "/api/v1/orders"
    body = {"plan_id": plan_id(client, "hospital-basic"), "coupon_id": coupon["id"],
            "insured": {"name": "孙八", "id_number": resident_id("19900101")}}

    def place(_):
        return requests.post(url, json=body, headers=alice["headers"], timeout=30).status_code

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(place, range(8)))
    assert statuses.count(201) == 1 and statuses.count(409) == 7
    with app.app_context():
        assert db.session.scalar(sa.select(Coupon.status)) == "reserved"


def test_a_coupon_never_makes_an_order_free(app, client, alice, coupon):
    with app.app_context():
        db.session.execute(sa.update(Coupon).values(discount_fen=100_000))
        db.session.commit()
    created = order(client, alice, coupon["id"]).get_json()
    assert created["amount_fen"] == 1 and created["discount_fen"] == 5999


# -- referral ---------------------------------------------------------------------------------

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
