"""A coupon worth more than what it can take off: the budget counts what users were given."""

from __future__ import annotations

import sqlalchemy as sa

from app.catalog.models import Plan
from app.extensions import db
from tests.coupons.helpers import coupons_of, order
from tests.coupons.test_growth_review import _hospital_spent
from tests.payments.helpers import post_notification, signed_notification


def test_a_coupon_worth_more_than_the_premium_gives_the_rest_back_to_its_campaign_once(app, client, alice, coupon):
    """A 10-yuan coupon on a 3-yuan plan takes 2.99 yuan off (an order never goes below 1 fen) and is used up, but
    the campaign's budget stayed charged the full 10 yuan: the operator's figures counted 7.01 yuan nobody was
    given. The rest goes back when the order is paid, once, however often WeChat Pay notifies."""
    with app.app_context():
        db.session.execute(sa.update(Plan).where(Plan.code == "hospital-basic").values(premium_fen=300))
        db.session.commit()
    assert _hospital_spent(app) == 1000
    created = order(client, alice, coupon["id"]).get_json()
    assert (created["premium_fen"], created["discount_fen"], created["amount_fen"]) == (300, 299, 1)
    assert _hospital_spent(app) == 1000  # reserved: the whole coupon is still the user's
    post_notification(client, signed_notification(app, created["order_no"], 1))
    post_notification(client, signed_notification(app, created["order_no"], 1))
    assert [c["status"] for c in coupons_of(client, alice)] == ["used"]
    assert _hospital_spent(app) == 299


def test_a_coupon_the_premium_covers_keeps_its_whole_value_spent(app, client, alice, coupon):
    created = order(client, alice, coupon["id"]).get_json()
    post_notification(client, signed_notification(app, created["order_no"], created["amount_fen"]))
    assert [c["status"] for c in coupons_of(client, alice)] == ["used"] and _hospital_spent(app) == 1000
