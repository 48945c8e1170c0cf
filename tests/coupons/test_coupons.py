"""Coupons at checkout: they discount orders, are reserved, consumed when paid and released when the order
closes unpaid."""

from __future__ import annotations

import concurrent.futures
import datetime as dt

import requests
import sqlalchemy as sa

from app.core import clock
from app.coupons.models import Coupon
from app.extensions import db
from tests.coupons.helpers import coupons_of, order
from tests.payments.helpers import post_notification, signed_notification
from tests.support import agreement, plan_id, resident_id


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


def test_a_coupon_is_named_in_chinese_and_in_english_for_an_english_phone(client, alice, coupon):
    assert coupon["name"] == "刚交过住院费？医疗保障立减10元"
    english = client.get("/api/v1/coupons", headers=dict(alice["headers"], **{"Accept-Language": "en"})).get_json()
    assert [c["name"] for c in english] == ["Paid a hospital bill? 10 yuan off medical cover"]


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
    body = {"plan_id": plan_id(client, "hospital-basic"), **agreement(client, "hospital-basic"),
            "coupon_id": coupon["id"],
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


def test_a_cooling_off_cancellation_refunds_what_was_paid_and_the_coupon_stays_used(app, client, alice, coupon):
    # The order page says so before paying (order.couponNotReturned): the refund is the 50 yuan paid, not the 60 of
    # the premium, and the coupon does not come back (docs/domain.md, Coupons and rewards).
    from app.payments.models import Refund
    from tests.support import prepay_id_of, run_jobs

    created = order(client, alice, coupon["id"]).get_json()
    confirmed = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(created["pay_params"])})
    assert confirmed.status_code == 200
    run_jobs(app)
    policy_no = client.get(f"/api/v1/orders/{created['order_no']}", headers=alice["headers"]).get_json()["policy_no"]
    assert client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()["refund"] is None
    cancelling = client.post(f"/api/v1/policies/{policy_no}/cancel", headers=alice["headers"])
    assert cancelling.status_code == 200
    assert cancelling.get_json()["refund"] == {"amount_fen": 5000, "status": "on_its_way"}
    run_jobs(app)
    shown = client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()
    assert (shown["status"], shown["refund"]) == ("cancelled", {"amount_fen": 5000, "status": "returned"})
    with app.app_context():
        assert [(r.amount_fen, r.status) for r in db.session.scalars(sa.select(Refund))] == [(5000, "succeeded")]
    [kept] = coupons_of(client, alice)
    assert (kept["id"], kept["status"]) == (coupon["id"], "used")
