"""Defects found by the growth review of coupons: each test failed on the code before its fix."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.catalog.models import Plan
from app.core import clock
from app.extensions import db
from tests.coupons.helpers import coupons_of, hospital_event, openid_of, order
from tests.support import login, partner_post, run_periodic_jobs


def _hospital_spent(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(Campaign.spent_fen).where(Campaign.code == "hospital-payment"))


def test_a_coupon_is_refused_on_an_order_of_one_fen_and_stays_usable(app, client, alice, coupon):
    """On a plan an operator priced at 0.01 yuan the coupon took 0 fen off (an order never goes below 1 fen), and
    a discount of 0 was not marked used when the order was paid, nor freed: the coupon stayed "reserved" for good,
    neither usable nor used. It is now refused, with a message saying why, and kept for another order."""
    with app.app_context():
        db.session.execute(sa.update(Plan).where(Plan.code == "hospital-basic").values(premium_fen=1))
        db.session.commit()
    refused = order(client, alice, coupon["id"])
    assert refused.status_code == 422, refused.get_json()
    error = refused.get_json()["error"]
    assert error["code"] == "coupon_not_applicable" and "0.01元" in error["message"]
    assert error["details"]["fields"]["coupon_id"] == [error["message"]]
    assert [c["status"] for c in coupons_of(client, alice)] == ["available"]
    assert order(client, alice).status_code == 201  # the order itself, without the coupon


def test_a_coupon_that_expires_unused_gives_its_value_back_to_the_campaign_once(app, client, campaigns, alice, bob):
    """Expired coupons kept their campaign's budget spent, unlike a promo envelope's unclaimed cover, which goes
    back: the operator's budget figures counted discounts nobody can take any more. The sweep gives the value back,
    once, however often it runs; a coupon still valid keeps it spent."""
    partner_post(client, app, "/webhooks/scenarios", hospital_event(openid_of(client, alice), "evt-alice"))
    later = clock.now() + dt.timedelta(days=20)
    with clock.frozen_at(later):
        partner_post(client, app, "/webhooks/scenarios",
                     hospital_event(openid_of(client, bob), "evt-bob") | {"occurred_at": later.isoformat()})
    assert _hospital_spent(app) == 2000
    with clock.frozen_at(clock.now() + dt.timedelta(days=32)):  # alice's is past its 30 days, bob's is not
        run_periodic_jobs(app)
        run_periodic_jobs(app)
        statuses = {name: [c["status"] for c in coupons_of(client, _logged_in(client, name))] for name in ("alice", "bob")}
    assert statuses == {"alice": ["expired"], "bob": ["available"]}
    assert _hospital_spent(app) == 1000


def _logged_in(client, name):
    return {"headers": {"Authorization": f"Bearer {login(client, name)['token']}"}}
