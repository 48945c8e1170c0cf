"""Scenario events from partners grant coupons once; unknown users and bad bodies are answered and kept."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.partners.models import PartnerEvent
from tests.coupons.helpers import coupons_of, hospital_event, openid_of
from tests.support import partner_post


def test_a_hospital_payment_event_grants_a_medical_coupon(client, coupon):
    assert coupon["discount_fen"] == 1000 and coupon["category"] == "medical" and coupon["status"] == "available"
    valid_until = clock.to_shanghai(dt.datetime.fromisoformat(coupon["valid_until"]))
    # 30 days, to the end of the last one in Beijing (docs/domain.md, Coupons and rewards).
    assert valid_until.date() == clock.to_shanghai(clock.now()).date() + dt.timedelta(days=30)
    assert (valid_until + dt.timedelta(seconds=1)).time() < dt.time(0, 0, 1)


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


def test_bad_event_bodies_are_answered_in_our_error_shape(app, client, campaigns):
    assert partner_post(client, app, "/webhooks/scenarios", b"{not json").status_code == 400
    missing = partner_post(client, app, "/webhooks/scenarios", {"event_id": "e"})
    assert missing.status_code == 422 and "openid" in missing.get_json()["error"]["details"]["fields"]
    unknown = partner_post(client, app, "/webhooks/scenarios", dict(hospital_event("o"), scenario="parking"))
    assert unknown.status_code == 422
